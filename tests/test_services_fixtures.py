"""Service files for directory tests: `service_text(...)` writes a valid one, keywords change it."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from signpost.model.service_files import service_file_text

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]

BASE: dict[str, Any] = {
    "name": "Riverside Test Clinic",
    "status": "active",
    "organization": {"name": "Riverside Health (fictional)", "url": "https://health.example.org",
                     "charity_number": "1234567"},
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
               {"number": "0161 496 0456", "kind": "text", "free": True}],
    "languages": ["en", "pl", "bfi"],
    "locations": [{
        "name": "Riverside Health Hub", "address_1": "12 Mill Street", "city": "Riverside",
        "postal_code": "RV1 4AB", "latitude": 53.8, "longitude": -1.55,
        "transportation": "Buses 4 and 12 stop outside.", "accessibility": ["step-free", "hearing-loop"],
        "schedules": [{"byday": WEEKDAYS, "opens_at": "09:00", "closes_at": "17:00"}],
    }],
    "service_areas": ["Riverside"],
    "sensitive": True,
    "owner": "directory-team@example.org",
    "last_reviewed": "2026-10-01",
}


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


def write_service(site, slug: str = "test-clinic", body: str = "Free condoms and advice for young people.",
                  **changes: Any):
    """Write a service into a FixtureSite's content/local-info/services/."""
    return site.write(f"local-info/services/{slug}.md", service_text(slug, body, **changes))
