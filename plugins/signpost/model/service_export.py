"""Open data: the directory as Open Referral UK (HSDS 3.0) service objects and as CSV.

Only services that are listed (active or temporarily closed) are published.
Empty optional fields are left out, never sent as null (Open Referral UK
asks for that). The subset of the HSDS service object used here is written
down as JSON Schema in `HSDS_SUBSET_SCHEMA` (published as
docs/schema/hsds-service-subset.schema.json); tests validate the export with
it. MkDocs-free.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from signpost.model.service_csv import services_csv
from signpost.model.services import DirectoryVocabulary, Schedule, Service, language_names

# Stable ids for objects we do not give ids ourselves (organisations, locations).
_NAMESPACE = uuid.UUID("6f1d1c1e-5b1a-4c3e-9a57-7d2b0c1e0a11")
TAXONOMY = "signpost-service-categories"

_STRING = {"type": "string", "minLength": 1}
_SCHEDULE = {
    "type": "object", "additionalProperties": False, "required": ["byday", "opens_at", "closes_at"],
    "properties": {
        "byday": {"type": "string", "pattern": "^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$"},
        "opens_at": {"type": "string", "pattern": "^([01][0-9]|2[0-4]):[0-5][0-9]$"},
        "closes_at": {"type": "string", "pattern": "^([01][0-9]|2[0-4]):[0-5][0-9]$"},
        "freq": {"enum": ["WEEKLY"]},
        "description": _STRING,
    },
}
HSDS_SUBSET_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://signpost.example.org/schema/hsds-service-subset.schema.json",
    "title": "signpost open data: HSDS 3.0 / Open Referral UK service objects (the subset published)",
    "description": "site/open-data/services.json is an array of these. Field names and meanings follow "
                   "HSDS 3.0 (https://docs.openreferral.org) and the Open Referral UK profile; optional "
                   "fields are omitted when empty, never null.",
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "name", "status"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "name": _STRING,
            "description": _STRING,
            "url": {"type": "string", "pattern": "^https?://"},
            "email": {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},
            "status": {"enum": ["active", "inactive", "defunct", "temporarily closed"]},
            "fees_description": _STRING,
            "cost_options": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["id", "amount"],
                "properties": {"id": {"type": "string", "format": "uuid"}, "option": _STRING,
                               "amount": {"type": "number", "minimum": 0}, "currency": {"type": "string"}}}},
            "eligibility_description": _STRING,
            "minimum_age": {"type": "integer", "minimum": 0},
            "maximum_age": {"type": "integer", "minimum": 0},
            "assured_date": {"type": "string", "format": "date"},
            "assurer_email": _STRING,
            "alert": _STRING,
            "schedules": {"type": "array", "items": _SCHEDULE},
            "service_areas": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["name"],
                "properties": {"name": _STRING}}},
            "service_at_locations": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["id", "location"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "schedules": {"type": "array", "items": _SCHEDULE},
                    "location": {
                        "type": "object", "additionalProperties": False, "required": ["id", "name"],
                        "properties": {
                            "id": {"type": "string", "format": "uuid"},
                            "name": _STRING,
                            "transportation": _STRING,
                            "latitude": {"type": "number"},
                            "longitude": {"type": "number"},
                            "addresses": {"type": "array", "items": {
                                "type": "object", "additionalProperties": False,
                                "required": ["address_1", "postal_code", "country"],
                                "properties": {"address_1": _STRING, "address_2": _STRING, "city": _STRING,
                                               "postal_code": _STRING, "country": {"const": "GB"},
                                               "address_type": {"enum": ["physical"]}}}},
                            "accessibility": {"type": "array", "items": {
                                "type": "object", "additionalProperties": False, "required": ["description"],
                                "properties": {"description": _STRING, "details": _STRING}}},
                        },
                    },
                }}},
            "languages": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["code"],
                "properties": {"code": {"type": "string", "pattern": "^[a-z]{2,3}$"}, "name": _STRING}}},
            "organization": {
                "type": "object", "additionalProperties": False, "required": ["id", "name"],
                "properties": {"id": {"type": "string", "format": "uuid"}, "name": _STRING,
                               "description": _STRING, "website": {"type": "string", "pattern": "^https?://"},
                               "legal_status": _STRING, "uri": _STRING}},
            "phones": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["number"],
                "properties": {"number": _STRING, "type": {"enum": ["voice", "text", "voice-and-text"]},
                               "description": _STRING}}},
            "attributes": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["taxonomy_term"],
                "properties": {"taxonomy_term": {
                    "type": "object", "additionalProperties": False, "required": ["code", "name", "vocabulary"],
                    "properties": {"code": _STRING, "name": _STRING, "vocabulary": _STRING}}}}},
        },
    },
}


def write_open_data(services: dict[str, Service], vocabulary: DirectoryVocabulary, folder: Path) -> None:
    """Write services.json (HSDS-shaped) and services.csv into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in open_data_files(services, vocabulary).items():
        (folder / name).write_text(text, encoding="utf-8")


def open_data_files(services: dict[str, Service], vocabulary: DirectoryVocabulary) -> dict[str, str]:
    """File name -> text of the open data: only listed services, A-Z by slug."""
    listed = [s for s in sorted(services.values(), key=lambda s: s.slug) if s.is_listed]
    data = [hsds_service(s, vocabulary) for s in listed]
    return {"services.json": json.dumps(data, ensure_ascii=False, indent=1) + "\n",
            "services.csv": services_csv(listed)}


def hsds_service(service: Service, vocabulary: DirectoryVocabulary) -> dict[str, Any]:
    """One service as an HSDS 3.0 service object, empty fields left out."""
    names = language_names()
    data: dict[str, Any] = {
        "id": service.id,
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "fees_description": service.fees_description or ("Free" if service.free else ""),
        "cost_options": [{"id": _id(service.id, "cost", index), "option": o.option, "amount": o.amount,
                          "currency": o.currency} for index, o in enumerate(service.cost_options)],
        "eligibility_description": service.eligibility,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.last_reviewed.isoformat() if service.last_reviewed else None,
        "assurer_email": service.owner,
        "alert": service.alert,
        "schedules": [_schedule(s) for s in service.schedules],
        "service_areas": [{"name": area} for area in service.service_areas],
        "service_at_locations": [_service_at_location(service, index, location, vocabulary)
                                 for index, location in enumerate(service.locations)],
        "languages": [{"code": code, "name": names.get(code, "")} for code in service.languages],
        "organization": _organization(service),
        "phones": [{"number": p.number, "type": p.kind, "description": _phone_description(p)} for p in service.phones],
        "attributes": [{"taxonomy_term": {"code": c, "name": vocabulary.categories[c].title, "vocabulary": TAXONOMY}}
                       for c in service.categories if c in vocabulary.categories],
    }
    return _without_empty(data)


def _service_at_location(service: Service, index: int, location, vocabulary: DirectoryVocabulary) -> dict:
    address = {"address_1": location.address_1, "address_2": location.address_2, "city": location.city,
               "postal_code": location.postal_code, "country": "GB", "address_type": "physical"}
    return {
        "id": _id(service.id, "service-at-location", index),
        "schedules": [_schedule(s) for s in location.schedules],
        "location": {
            "id": str(uuid.uuid5(_NAMESPACE, f"location:{location.name}:{location.postal_code}")),
            "name": location.name,
            "transportation": location.transportation,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "addresses": [address] if location.address_1 and location.postal_code else [],
            "accessibility": [{"description": vocabulary.accessibility.get(f, f), "details": f}
                              for f in location.accessibility],
        },
    }


def _organization(service: Service) -> dict | None:
    org = service.organization
    if org is None:
        return None
    status = (f"Registered charity {org.charity_number}" if org.charity_number else "") or \
             (f"Company {org.company_number}" if org.company_number else "")
    return {"id": str(uuid.uuid5(_NAMESPACE, f"organization:{org.name}")), "name": org.name,
            "description": org.description, "website": org.url, "legal_status": status}


def _schedule(schedule: Schedule) -> dict:
    return {"byday": ",".join(schedule.byday), "opens_at": schedule.opens_at, "closes_at": schedule.closes_at,
            "freq": "WEEKLY", "description": schedule.description}


def _phone_description(phone) -> str:
    parts = [phone.description] if phone.description else []
    if phone.free:
        parts.append("free to call, including from mobiles")
    return "; ".join(parts)


def _id(service_id: str, kind: str, index: int) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{service_id}:{kind}:{index}"))


def _without_empty(value: Any) -> Any:
    if isinstance(value, dict):
        cleaned = {k: _without_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_without_empty(v) for v in value) if v not in (None, "", [], {})]
    return value


def schema_json() -> str:
    """The published form of HSDS_SUBSET_SCHEMA (docs/schema/hsds-service-subset.schema.json)."""
    return json.dumps(HSDS_SUBSET_SCHEMA, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # `python -m signpost.model.service_export > docs/schema/hsds-service-subset.schema.json`
    print(schema_json(), end="")
