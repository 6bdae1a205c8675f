"""The directory as Open Referral UK 3.0 records, and the real ORUK schemas to check them with.

Every record validates against the published profile (vendored in
`signpost/standards/oruk-3.0/`, Draft 2020-12) and carries only the profile's
own field names. What the profile has no field for goes into `attributes`,
the profile's extension mechanism: each attribute links a term of a taxonomy
that `/taxonomies` publishes (see `TAXONOMIES`). Empty fields are left out,
never null. Nested objects get stable ids: a UUIDv5 of their owner's id and
their role, so ids do not change between builds.

How our fields map (docs/open-data.md has the table for publishers):

    service file                 ORUK
    last_reviewed / owner        assured_date / assurer_email
    fees_description (or free)   fees ("Free")
    eligibility, confidential_note, phones
                                 attributes (taxonomies `details`, `phones`)
    categories, access, delivery, languages, free/confidential/sensitive
                                 attributes (taxonomies `categories`, `access`, `delivery`,
                                 `languages`, `facts`)
    location address_2           address `region`
    location transportation      location attribute (taxonomy `details`)
    location accessibility       accessibility objects, each with its feature term

MkDocs-free.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from signpost.model.schema_errors import problem_lines
from signpost.model.service_places import Location, Organization
from signpost.model.services import DirectoryVocabulary, Schedule, Service, ServiceAtLocation, language_names

STANDARD_DIR = Path(__file__).resolve().parent.parent / "standards" / "oruk-3.0"
PROFILE_URL = "https://github.com/openreferral/uk-profile"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
# The schema of each kind of published record, as the profile's openapi.json names them.
SCHEMA_FILES = {
    "service": "schema/compiled/service.json",
    "service_list": "schema/compiled/service_list.json",
    "organization": "schema/compiled/organization.json",
    "service_at_location": "schema/compiled/service_at_location.json",
    "service_at_location_list": "schema/compiled/service_at_location_list.json",
    "taxonomy": "schema/taxonomy.json",
    "taxonomy_term": "schema/taxonomy_term.json",
}
# Stable ids: never change this namespace, or every published id changes.
NAMESPACE = uuid.UUID("6f1d1c1e-5b1a-4c3e-9a57-7d2b0c1e0a11")
COUNTRY = "GB"


@dataclass(frozen=True)
class Taxonomy:
    code: str          # what `link_type` says on the attributes that use it
    name: str
    description: str


TAXONOMIES = {t.code: t for t in (
    Taxonomy("categories", "Signpost service categories", "What a service helps with (data/service-categories.yml)."),
    Taxonomy("access", "Signpost ways to use a service", "How to get the service: drop-in, appointment, "
                                                          "self-referral or referral."),
    Taxonomy("delivery", "Signpost ways a service is given", "How the service is given: in person, by phone, "
                                                             "by text or online."),
    Taxonomy("facts", "Signpost service facts", "Yes-or-no facts about a service: free, confidential, sensitive."),
    Taxonomy("languages", "ISO 639 languages", "Languages spoken by the service's staff (ISO 639 codes; British "
                                               "Sign Language is bfi)."),
    Taxonomy("accessibility", "Signpost accessibility features", "Accessibility features of a place "
                                                                 "(data/accessibility-features.yml)."),
    Taxonomy("details", "Signpost service details", "Free-text details the profile has no field for: who can "
                                                    "use a service, what stays private, how to get to a place. "
                                                    "The term's description holds the text."),
    Taxonomy("phones", "Signpost phone numbers", "A service's phone numbers: the term's name is the number, its "
                                                 "term says voice, text or voice-and-text (and free when free to "
                                                 "call), its description what the line is for."),
)}
ACCESS_TITLES = {"drop-in": "Drop-in", "appointment": "By appointment", "self-referral": "Self-referral",
                 "referral": "By referral"}
DELIVERY_TITLES = {"in-person": "In person", "phone": "By phone", "text": "By text", "online": "Online"}
FACT_TITLES = {"free": "Free", "confidential": "Confidential", "sensitive": "Sensitive (sexual health, drugs, "
                                                                            "abuse, homelessness...)"}
DETAIL_TITLES = {"eligibility": "Who can use it", "confidential_note": "What stays private",
                 "transportation": "How to get there"}
FREE = "Free"


def nested_id(owner_id: str, role: str) -> str:
    """The stable id of an object owned by `owner_id` in `role` (e.g. `schedule:0`)."""
    return str(uuid.uuid5(NAMESPACE, f"{owner_id}:{role}"))


def taxonomy_id(code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"taxonomy:{code}"))


def term_id(code: str, value: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"taxonomy:{code}:{value}"))


# Records --------------------------------------------------------------------------------

class Exporter:
    """Builds ORUK records for one directory; collects every taxonomy term it links."""

    def __init__(self, vocabulary: DirectoryVocabulary) -> None:
        self.vocabulary = vocabulary
        self.terms: dict[str, dict[str, Any]] = {}

    def service(self, service: Service, *, with_organization: bool = True) -> dict[str, Any]:
        """One service as the profile's service object (compiled/service.json)."""
        org = service.organization
        data: dict[str, Any] = {
            "id": service.id,
            "organization_id": org.id if org else None,
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "fees": service.fees_description or (FREE if service.free else ""),
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.last_reviewed.isoformat() if service.last_reviewed else None,
            "assurer_email": service.owner if "@" in service.owner else None,
            "alert": service.alert,
            "schedules": [self._schedule(service.id, f"schedule:{i}", s, service_id=service.id)
                          for i, s in enumerate(service.schedules)]
            + [self._schedule(nested_id(service.id, f"service-at-location:{entry.location.id}"), f"schedule:{i}", s,
                              service_id=service.id,
                              service_at_location_id=nested_id(service.id, f"service-at-location:{entry.location.id}"))
               for entry in service.locations for i, s in enumerate(entry.schedules)],
            "service_areas": [{"id": nested_id(service.id, f"service-area:{i}"), "service_id": service.id,
                               "name": area} for i, area in enumerate(service.service_areas)],
            "service_at_locations": [self.service_at_location(service, entry, with_service=False)
                                     for entry in service.locations],
            "organization": self.organization(org) if org and with_organization else None,
            "cost_options": [{"id": nested_id(service.id, f"cost-option:{i}"), "service_id": service.id,
                              "option": o.option, "amount": o.amount,
                              "amount_description": o.currency if o.currency != "GBP" else None}
                             for i, o in enumerate(service.cost_options)],
            "attributes": self._service_attributes(service),
        }
        return without_empty(data)

    def service_summary(self, service: Service) -> dict[str, Any]:
        """A service as a list item (compiled/service_list.json: no nested lists)."""
        return fit_to(schema("service_list"), self.service(service))

    def service_at_location(self, service: Service, entry: ServiceAtLocation, *, with_service: bool = True,
                            summary: bool = False) -> dict[str, Any]:
        sal_id = nested_id(service.id, f"service-at-location:{entry.location.id}")
        data = {"id": sal_id, "service_id": service.id, "location_id": entry.location.id,
                "location": self.location(entry.location)}
        if with_service:
            record = self.service(service)
            record.pop("service_at_locations", None)
            data["service"] = record
        data = without_empty(data)
        return fit_to(schema("service_at_location_list"), data) if summary else data

    def organization(self, org: Organization, services: Iterable[dict] = ()) -> dict[str, Any]:
        """compiled/organization.json; `services` only in the organisation's own file."""
        identifiers = []
        if org.charity_number:
            scheme = "GB-SC" if org.charity_number.startswith("SC") else "GB-CHC"
            identifiers.append({"id": nested_id(org.id, "identifier:charity"), "organization_id": org.id,
                                "identifier_scheme": scheme, "identifier_type": "Charity number",
                                "identifier": org.charity_number})
        if org.company_number:
            identifiers.append({"id": nested_id(org.id, "identifier:company"), "organization_id": org.id,
                                "identifier_scheme": "GB-COH", "identifier_type": "Company number",
                                "identifier": org.company_number})
        return without_empty({"id": org.id, "name": org.name, "description": org.description or org.name,
                              "email": org.email, "website": org.url, "organization_identifiers": identifiers,
                              "services": list(services)})

    def location(self, location: Location) -> dict[str, Any]:
        address = None
        if location.address_1:
            address = {"id": nested_id(location.id, "address"), "location_id": location.id,
                       "address_1": location.address_1, "region": location.address_2, "city": location.city,
                       "state_province": location.state_province, "postal_code": location.postal_code,
                       "country": COUNTRY, "address_type": "physical"}
        accessibility = [
            {"id": nested_id(location.id, f"accessibility:{feature}"), "location_id": location.id,
             "description": self.vocabulary.accessibility.get(feature, feature),
             "attributes": [self._attribute(nested_id(location.id, f"accessibility:{feature}"), "accessibility",
                                            feature, self.vocabulary.accessibility.get(feature, feature))]}
            for feature in location.accessibility]
        if location.accessibility_notes:
            accessibility.append({"id": nested_id(location.id, "accessibility:notes"), "location_id": location.id,
                                  "description": location.accessibility_notes})
        attributes = []
        if location.transportation:
            attributes.append(self._detail(location.id, "transportation", location.transportation))
        return without_empty({
            "id": location.id, "location_type": "physical", "name": location.name,
            "description": location.description, "latitude": location.latitude, "longitude": location.longitude,
            "addresses": [address] if address else [], "accessibility": accessibility, "attributes": attributes})

    # Taxonomies --------------------------------------------------------------------------

    def taxonomies(self) -> list[dict[str, Any]]:
        """Every taxonomy with the terms linked so far (taxonomy.json, terms inlined)."""
        result = []
        for code, taxonomy in TAXONOMIES.items():
            terms = [t for t in self.taxonomy_terms() if t["taxonomy_id"] == taxonomy_id(code)]
            result.append(without_empty({"id": taxonomy_id(code), "name": taxonomy.name,
                                         "description": taxonomy.description, "version": "1",
                                         "taxonomy_terms": terms}))
        return result

    def taxonomy_terms(self) -> list[dict[str, Any]]:
        return sorted(self.terms.values(), key=lambda t: (t["taxonomy"], t["name"], t["id"]))

    def _service_attributes(self, service: Service) -> list[dict[str, Any]]:
        names = language_names()
        attributes = []
        for category in service.categories:
            if category in self.vocabulary.categories:
                entry = self.vocabulary.categories[category]
                attributes.append(self._attribute(service.id, "categories", category, entry.title, entry.description))
        attributes += [self._attribute(service.id, "access", v, ACCESS_TITLES.get(v, v)) for v in service.access]
        attributes += [self._attribute(service.id, "delivery", v, DELIVERY_TITLES.get(v, v)) for v in service.delivery]
        for fact in ("free", "confidential", "sensitive"):
            if getattr(service, fact):
                attributes.append(self._attribute(service.id, "facts", fact, FACT_TITLES[fact]))
        attributes += [self._attribute(service.id, "languages", code, names.get(code, code))
                       for code in service.languages]
        if service.eligibility:
            attributes.append(self._detail(service.id, "eligibility", service.eligibility))
        if service.confidential_note:
            attributes.append(self._detail(service.id, "confidential_note", service.confidential_note))
        for index, phone in enumerate(service.phones):
            term = {"id": nested_id(service.id, f"phone:{index}"), "name": phone.number,
                    "description": phone.description or "Phone number", "taxonomy": TAXONOMIES["phones"].name,
                    "taxonomy_id": taxonomy_id("phones"), "term": phone.kind + (" free" if phone.free else ""),
                    "term_uri": f"tel:{phone.e164}"}
            attributes.append(self._link(service.id, f"phone:{index}", "phones", term))
        return attributes

    def _attribute(self, owner_id: str, code: str, value: str, name: str, description: str = "") -> dict[str, Any]:
        """A link to the shared term `value` of taxonomy `code`."""
        term = {"id": term_id(code, value), "name": name, "description": description or name,
                "taxonomy": TAXONOMIES[code].name, "taxonomy_id": taxonomy_id(code), "term": value}
        return self._link(owner_id, f"{code}:{value}", code, term)

    def _detail(self, owner_id: str, kind: str, text: str) -> dict[str, Any]:
        """A free-text detail: a term of its own (owner and kind), the text in its description."""
        term = {"id": nested_id(owner_id, f"detail:{kind}"), "name": DETAIL_TITLES[kind], "description": text,
                "taxonomy": TAXONOMIES["details"].name, "taxonomy_id": taxonomy_id("details"), "term": kind}
        return self._link(owner_id, f"detail:{kind}", "details", term)

    def _link(self, owner_id: str, role: str, code: str, term: dict[str, Any]) -> dict[str, Any]:
        self.terms[term["id"]] = term
        return {"id": nested_id(owner_id, f"attribute:{role}"), "link_id": owner_id, "link_type": code,
                "taxonomy_term_id": term["id"], "taxonomy_term": term}

    @staticmethod
    def _schedule(owner_id: str, role: str, schedule: Schedule, **links: str) -> dict[str, Any]:
        return without_empty({"id": nested_id(owner_id, role), **links, "freq": "WEEKLY",
                              "byday": ",".join(schedule.byday), "opens_at": schedule.opens_at,
                              "closes_at": schedule.closes_at, "description": schedule.description})


def without_empty(value: Any) -> Any:
    """Drop None, "", [] and {} at every level: ORUK asks for omitted, not null, empty fields."""
    if isinstance(value, dict):
        cleaned = {k: without_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (without_empty(v) for v in value) if v not in (None, "", [], {})]
    return value


# The real schemas -----------------------------------------------------------------------

def schema(kind: str) -> dict[str, Any]:
    return _schema(SCHEMA_FILES[kind])


@lru_cache(maxsize=16)
def _schema(relative: str) -> dict[str, Any]:
    return json.loads((STANDARD_DIR / relative).read_text(encoding="utf-8"))


def schema_properties(kind: str) -> set[str]:
    return set(schema(kind).get("properties", {}))


@lru_cache(maxsize=16)
def validator(kind: str):
    """A Draft 2020-12 validator for the profile's `kind` schema (with formats checked)."""
    resources = [(name, Resource.from_contents(_schema(f"schema/{name}"), default_specification=DRAFT202012))
                 for name in ("taxonomy_term.json", "taxonomy.json")]
    return jsonschema.Draft202012Validator(schema(kind), registry=Registry().with_resources(resources),
                                           format_checker=jsonschema.FormatChecker())


def profile_errors(kind: str, record: Any) -> list[str]:
    """Every way `record` breaks the profile: schema errors, then fields the profile does not define.

    The compiled schemas allow unknown fields (no `additionalProperties: false`), but ORUK consumers
    ignore or reject them, so they are errors here. Each message starts with the field's path.
    """
    problems = problem_lines(validator(kind), record, "(record)")
    problems += [f"{path}: not a field of the profile" for path in unknown_fields(schema(kind), record)]
    return problems


def fit_to(schema_part: dict[str, Any], value: Any) -> Any:
    """`value` with only the fields `schema_part` defines, at every level (a list item's summary shape)."""
    if isinstance(value, dict) and "properties" in schema_part:
        return {k: fit_to(schema_part["properties"][k] or {}, v) for k, v in value.items()
                if k in schema_part["properties"]}
    if isinstance(value, list) and isinstance(schema_part.get("items"), dict):
        return [fit_to(schema_part["items"], v) for v in value]
    return value


def unknown_fields(schema_part: dict[str, Any], value: Any, path: str = "") -> list[str]:
    """Paths of keys in `value` that `schema_part` (and its nested `properties`/`items`) does not define."""
    if schema_part.get("$ref") == "taxonomy_term.json":
        schema_part = _schema("schema/taxonomy_term.json")
    found: list[str] = []
    if isinstance(value, dict) and "properties" in schema_part:
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if key not in schema_part["properties"]:
                found.append(where)
            else:
                found += unknown_fields(schema_part["properties"][key] or {}, item, where)
    elif isinstance(value, list) and isinstance(schema_part.get("items"), dict):
        for index, item in enumerate(value):
            found += unknown_fields(schema_part["items"], item, f"{path}[{index}]")
    return found


def is_time(value: str) -> bool:
    return re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value) is not None
