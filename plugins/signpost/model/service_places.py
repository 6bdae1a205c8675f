"""Organisations and locations: the shared records that directory services point at.

One file each, so one place holds each address and each organisation:

    content/local-info/organisations/<slug>.md   who runs services (body: what they do)
    content/local-info/locations/<slug>.md       where services happen (address, geo point,
                                                 accessibility, how to get there)

A service names them by their slug (`organization: riverside-youth-advice`,
`locations: [{location: the-hub}]`); the loader resolves the names and reports
an unknown one with the file, the line and the nearest match. These files are
data, not pages: the directory plugin keeps them out of the site, and what
they say is shown (and translated) on the pages of the services that use them.
MkDocs-free.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from signpost.findings import Finding, error
from signpost.model.facts import ProvidedValue
from signpost.model.frontmatter import read_document
from signpost.model.service_schema import LOCATIONS_DIR, ORGANISATIONS_DIR, SLUG_PATTERN  # noqa: F401 (re-exported)
from signpost.model.service_schema import HTML, did_you_mean, is_email, is_web_address, schema_finding
from signpost.safety.checks import service_field_findings  # the one URL policy (docs/security.md)


def _record_schema(kind: str, description: str, properties: dict[str, Any], **rules: Any) -> dict[str, Any]:
    """The schema of one kind of record file: what organisations and locations share is said once.

    Every record has a UUID id that never changes and a name, and no field the
    schema does not list (a typo is a finding, not a silently ignored field).
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://signpost.example.org/schema/service-{kind}.schema.json",
        "title": f"signpost directory {kind}",
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "name"],
        "properties": {
            "id": {"type": "string", "format": "uuid",
                   "description": f"A UUID that never changes (signpost new {kind} makes one)."},
            "name": {"type": "string", "minLength": 2, "maxLength": 160},
            **properties,
        },
        **rules,
    }


ORGANISATION_SCHEMA: dict[str, Any] = _record_schema(
    "organisation",
    "Front matter of content/local-info/organisations/<slug>.md; the Markdown body is the "
    "organisation's description (Open Referral UK requires one). Services name it by its slug.",
    {
        "url": {"type": "string", "description": "The organisation's website (https://...)."},
        "email": {"type": "string"},
        "charity_number": {"type": "string", "pattern": "^[0-9]{6,8}(-[0-9]+)?$|^SC[0-9]{6}$"},
        "company_number": {"type": "string", "pattern": "^([0-9]{8}|[A-Z]{2}[0-9]{6})$"},
    },
)

LOCATION_SCHEMA: dict[str, Any] = _record_schema(
    "location",
    "Front matter of content/local-info/locations/<slug>.md; the Markdown body (optional) "
    "describes the place. Services name it by its slug.",
    {
        "address_1": {"type": "string", "minLength": 2},
        "address_2": {"type": "string"},
        "city": {"type": "string", "minLength": 2},
        "state_province": {"type": "string", "minLength": 2,
                           "description": "The nation or county, e.g. England (Open Referral UK needs it)."},
        "postal_code": {"type": "string", "pattern": "^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"},
        "latitude": {"type": "number", "minimum": -90, "maximum": 90},
        "longitude": {"type": "number", "minimum": -180, "maximum": 180},
        "transportation": {"type": "string", "description": "How to get there."},
        "accessibility": {"type": "array", "uniqueItems": True, "items": {"type": "string"},
                          "description": "Feature ids from data/accessibility-features.yml."},
        "accessibility_notes": {"type": "string", "description": "Anything else about access, in words."},
    },
    # An address is all or nothing: Open Referral UK needs every part of it.
    dependentRequired={part: ["address_1", "city", "state_province", "postal_code"]
                       for part in ("address_1", "address_2", "city", "state_province", "postal_code")}
    | {"latitude": ["longitude"], "longitude": ["latitude"]},
)

# Free-text fields shown on service pages: HTML in any of them is reported.
ORGANISATION_TEXT = ("name",)
LOCATION_TEXT = ("name", "address_1", "address_2", "city", "state_province", "transportation", "accessibility_notes")


@dataclass(frozen=True)
class PlaceRecord:
    """What an organisation and a location file both are: an id, a slug, a name, a description, and where
    each field stands in the file, so a finding about it names the line."""

    id: str
    slug: str
    name: str
    description: str = ""
    file: str = ""
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)


@dataclass(frozen=True)
class Organization(PlaceRecord):
    """Who runs services: one file in content/local-info/organisations/."""

    url: str = ""
    email: str = ""
    charity_number: str = ""
    company_number: str = ""


@dataclass(frozen=True)
class Location(PlaceRecord):
    """A place where services happen: one file in content/local-info/locations/."""

    address_1: str = ""
    address_2: str = ""
    city: str = ""
    state_province: str = ""
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    transportation: str = ""
    accessibility: tuple[str, ...] = ()
    accessibility_notes: str = ""

    @property
    def address_lines(self) -> tuple[str, ...]:
        return tuple(part for part in (self.address_1, self.address_2, self.city, self.postal_code) if part)


@dataclass
class Places:
    """Every organisation and location of the directory, by slug."""

    organisations: dict[str, Organization] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)

    def organisation(self, reference: str) -> Organization | None:
        """By slug, or by id (what an ORUK feed knows it by)."""
        return self.organisations.get(reference) or next(
            (o for o in self.organisations.values() if o.id == reference), None)

    def location(self, reference: str) -> Location | None:
        return self.locations.get(reference) or next(
            (loc for loc in self.locations.values() if loc.id == reference), None)


def load_places(content_dir: Path, display_prefix: str, accessibility: Iterable[str]
                ) -> tuple[Places, list[Finding]]:
    """Read and validate every organisation and location file; duplicate ids are errors."""
    places = Places()
    findings: list[Finding] = []
    ids: dict[str, str] = {}
    known_features = set(accessibility)
    for folder, kind in ((ORGANISATIONS_DIR, "organisation"), (LOCATIONS_DIR, "location")):
        for path in place_files(Path(content_dir) / folder):
            display = f"{display_prefix}/{folder}/{path.name}"
            document, problems = read_document(path, display)
            findings += problems
            if document is None:
                continue
            findings += validate_place_meta(kind, document.meta, document.key_lines, display, document.body,
                                            known_features)
            findings += _slug_findings(path.stem, display)
            record = place_from(kind, path.stem, display, document.meta, document.key_lines, document.body)
            if record.id:
                if record.id in ids:
                    findings.append(error(display, f"id {record.id} is already used by {ids[record.id]}",
                                          line=record.line_of("id"), field="id",
                                          hint=f"every {kind} needs its own id: `signpost new {kind}` makes one"))
                ids.setdefault(record.id, display)
            if kind == "organisation":
                places.organisations[path.stem] = record
            else:
                places.locations[path.stem] = record
    return places, findings


def place_files(folder: Path) -> list[Path]:
    """The record files of a folder: `<slug>.md`, not translations (`x.pl.md`) or hidden files."""
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*.md")) if "." not in p.stem and not p.name.startswith(".")]


def validate_place_meta(kind: str, meta: dict[str, Any], key_lines: dict[str, int], file: str, body: str,
                        accessibility: set[str]) -> list[Finding]:
    """Every problem of one organisation or location file taken alone."""
    schema = ORGANISATION_SCHEMA if kind == "organisation" else LOCATION_SCHEMA
    findings = [schema_finding(problem, key_lines, file, schema, kind=kind)
                for problem in sorted(_validator(kind).iter_errors(meta),
                                      key=lambda e: [str(p) for p in e.absolute_path])]

    def add(key: str, message: str, hint: str) -> None:
        findings.append(error(file, message, line=key_lines.get(key) or 1, field=key, hint=hint))

    if kind == "organisation":
        if not body.strip():
            add("description", "the organisation has no description",
                "write one or two sentences about what it does below the front matter (Open Referral UK needs it)")
        if isinstance(meta.get("url"), str) and not is_web_address(meta["url"]):
            add("url", f"not a valid web address: {meta['url']!r}", "write the full address, starting https://")
        if isinstance(meta.get("email"), str) and not is_email(meta["email"]):
            add("email", f"not a valid email address: {meta['email']!r}", "write it as name@example.org")
    else:
        for feature in meta.get("accessibility") if isinstance(meta.get("accessibility"), list) else []:
            if isinstance(feature, str) and accessibility and feature not in accessibility:
                add("accessibility", f"unknown accessibility feature `{feature}`",
                    did_you_mean(feature, accessibility) + " (listed in data/accessibility-features.yml)")
    for key in ORGANISATION_TEXT if kind == "organisation" else LOCATION_TEXT:
        if isinstance(meta.get(key), str) and HTML.search(meta[key]):
            add(key, f"`{key}` contains HTML: {meta[key][:60]!r}", "write plain text; it is always shown as text")
    if HTML.search(body):
        add("description", "the description contains HTML", "write plain text and Markdown")
    findings += service_field_findings(meta, key_lines, file)
    return findings


def place_from(kind: str, slug: str, file: str, meta: dict[str, Any], key_lines: dict[str, int], body: str):
    """An Organization or Location from metadata that may still hold bad values (those become empty)."""
    common = dict(id=_text(meta.get("id")), slug=slug, name=_text(meta.get("name")), description=body.strip(),
                  file=file, key_lines=dict(key_lines))
    if kind == "organisation":
        return Organization(**common, **{k: _text(meta.get(k)) for k in
                                         ("url", "email", "charity_number", "company_number")})
    return Location(
        **common, **{k: _text(meta.get(k)) for k in ("address_1", "address_2", "city", "state_province",
                                                       "postal_code", "transportation", "accessibility_notes")},
        latitude=_number(meta.get("latitude")), longitude=_number(meta.get("longitude")),
        accessibility=tuple(str(v) for v in meta.get("accessibility") or [] if isinstance(v, str))
        if isinstance(meta.get("accessibility"), list) else (),
    )


def place_schema_json(kind: str) -> str:
    """The published schema (docs/schema/service-organisation.schema.json, service-location.schema.json)."""
    return json.dumps(ORGANISATION_SCHEMA if kind == "organisation" else LOCATION_SCHEMA, indent=2,
                      ensure_ascii=False) + "\n"


@lru_cache(maxsize=2)
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = ORGANISATION_SCHEMA if kind == "organisation" else LOCATION_SCHEMA
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _slug_findings(slug: str, display: str) -> list[Finding]:
    if re.fullmatch(SLUG_PATTERN, slug):
        return []
    return [error(display, f"the file name `{slug}.md` is not a valid slug", line=1, field="slug",
                  hint="use lower-case letters, digits and hyphens, e.g. the-hub.md")]


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def postal_address(location: Location) -> str:
    """One line, as pages write it: `The Hub, 12 Bridge Street, Riverside RV1 2AB`."""
    street = ", ".join(part for part in (location.name, location.address_1, location.address_2) if part)
    town = " ".join(part for part in (location.city, location.postal_code) if part)
    return ", ".join(part for part in (street, town) if part)


def fact_values(model) -> dict:
    """Facts the organisation and location files hold, for `{{ fact.location.<slug>.address }}` on pages.

    Listed in signpost.model.FACT_PROVIDERS, so a page shows the address the location file
    holds and nothing else has to repeat it.
    """
    places = getattr(model, "places", None) or Places()
    values = {}
    for slug, location in places.locations.items():
        if location.address_1:
            values[f"location.{slug}.address"] = ProvidedValue(postal_address(location), location.file,
                                                               location.line_of("address_1"))
            values[f"location.{slug}.postal_code"] = ProvidedValue(location.postal_code, location.file,
                                                                   location.line_of("postal_code"))
        values[f"location.{slug}.name"] = ProvidedValue(location.name, location.file, location.line_of("name"))
    for slug, org in places.organisations.items():
        values[f"organisation.{slug}.name"] = ProvidedValue(org.name, org.file, org.line_of("name"))
        if org.url:
            values[f"organisation.{slug}.url"] = ProvidedValue(org.url, org.file, org.line_of("url"), render="url")
    return values
