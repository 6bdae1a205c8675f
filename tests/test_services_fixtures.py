"""Service files for directory tests: `service_text(...)` writes a valid one, keywords change it.

A service names its organisation and locations by slug; `write_service` and `write_places` also
write those files. A test may still give `organization`/`locations` written out (a mapping with a
`name`): `write_service` then moves them into their own files and writes the reference, as an
editor would.
"""

from __future__ import annotations

import copy
import uuid
from pathlib import Path
from typing import Any

from signpost.model.service_csv import slugify
from signpost.model.service_files import place_file_text, service_file_text

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]

ORGANISATION: dict[str, Any] = {"name": "Riverside Health (fictional)", "url": "https://health.example.org",
                                "charity_number": "1234567"}
ORGANISATION_BODY = "A fictional health charity for young people."
LOCATION: dict[str, Any] = {
    "name": "Riverside Health Hub", "address_1": "12 Mill Street", "city": "Riverside", "state_province": "England",
    "postal_code": "RV1 4AB", "latitude": 54.05, "longitude": 2.45,
    "transportation": "Buses 4 and 12 stop outside.", "accessibility": ["step-free", "hearing-loop"],
}

BASE: dict[str, Any] = {
    "name": "Riverside Test Clinic",
    "status": "active",
    "organization": "riverside-health",
    "categories": ["sexual-health"],
    "minimum_age": 13,
    "maximum_age": 24,
    "eligibility": "Anyone aged 13 to 24 in Riverside.",
    "access": ["drop-in"],
    "delivery": ["in-person", "phone"],
    "free": True,
    "confidential": True,
    "confidential_note": "If you are under 16 we keep what you say private.",
    "url": "https://clinic.example.org",
    "email": "clinic@example.org",
    "phones": [{"number": "0113 496 0123", "description": "Appointments"},
               {"number": "07700 900456", "kind": "text", "free": True}],
    "languages": ["en", "pl", "bfi"],
    "locations": [{"location": "riverside-health-hub",
                   "schedules": [{"byday": WEEKDAYS, "opens_at": "09:00", "closes_at": "17:00"}]}],
    "service_areas": ["Riverside"],
    "sensitive": True,
    "owner": "directory-team@example.org",
    "last_reviewed": "2026-10-01",
}


def place_id(kind: str, slug: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://example.org/{kind}/{slug}"))


def organisation_text(slug: str = "riverside-health", body: str = ORGANISATION_BODY, **changes: Any) -> str:
    meta = {"id": place_id("organisation", slug), **ORGANISATION, **changes}
    return place_file_text("organisation", {k: v for k, v in meta.items() if v is not None}, body)


def location_text(slug: str = "riverside-health-hub", body: str = "", **changes: Any) -> str:
    meta = {"id": place_id("location", slug), **LOCATION, **changes}
    return place_file_text("location", {k: v for k, v in meta.items() if v is not None}, body)


def place_files(**_: Any) -> dict[str, str]:
    """Content path -> text of the organisation and location the base service names."""
    return {"local-info/organisations/riverside-health.md": organisation_text(),
            "local-info/locations/riverside-health-hub.md": location_text()}


def service_meta(slug: str = "test-clinic", **changes: Any) -> dict[str, Any]:
    """Valid front matter; keyword arguments replace fields (None removes one)."""
    meta = copy.deepcopy(BASE)
    meta["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://example.org/{slug}"))
    for key, value in changes.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    return meta


def service_text(slug: str = "test-clinic", body: str = "Free condoms and advice for young people.",
                 **changes: Any) -> str:
    return service_file_text(service_meta(slug, **changes), body)


def write_places(site) -> None:
    """The base organisation and location, unless the site has them already."""
    for path, text in place_files().items():
        if not (Path(site.root) / "content" / path).exists():
            site.write(path, text)


def write_service(site, slug: str = "test-clinic", body: str = "Free condoms and advice for young people.",
                  **changes: Any):
    """Write a service into a FixtureSite's content/local-info/services/ (and the places it names)."""
    write_places(site)
    if isinstance(changes.get("organization"), dict):
        org = dict(changes["organization"])
        org_slug = slugify(org["name"])
        site.write(f"local-info/organisations/{org_slug}.md",
                   organisation_text(org_slug, org.pop("description", ORGANISATION_BODY), **{
                       **{k: None for k in ORGANISATION}, **org}))
        changes["organization"] = org_slug
    if isinstance(changes.get("locations"), list):
        references = []
        for entry in changes["locations"]:
            if isinstance(entry, dict) and "name" in entry:
                entry = dict(entry)
                schedules = entry.pop("schedules", None)
                loc_slug = slugify(entry["name"])
                site.write(f"local-info/locations/{loc_slug}.md",
                           location_text(loc_slug, **{**{k: None for k in LOCATION}, **entry}))
                entry = {"location": loc_slug, **({"schedules": schedules} if schedules else {})}
            references.append(entry)
        changes["locations"] = references
    return site.write(f"local-info/services/{slug}.md", service_text(slug, body, **changes))
