"""The written schema of a directory service file, and every check on one service.

Field names follow Open Referral UK (HSDS 3.0, UK profile) where one exists
(`name`, `status`, `alert`, `minimum_age`, `schedules` with `byday`/`opens_at`/
`closes_at`, `service_areas`, `languages`, `cost_options`, ...); our review
fields (`owner`, `last_reviewed`, `review_every`, `sensitive`) are added.
The schema object below is published as `docs/schema/service.schema.json`
(a test keeps the two identical). Checks a schema cannot express (registries,
phone numbers, times, duplicates across files) follow it. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import uuid
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import urlsplit

import jsonschema
import phonenumbers

from signpost.facts.phones import is_drama
from signpost.findings import Finding, error
from signpost.model.durations import ReviewPeriod
from signpost.model.schema import ISO_PERIOD_PATTERN
from signpost.model.schema_errors import field_name, missing_field, schema_findings, unknown_fields
from signpost.safety.checks import service_field_findings  # the one URL policy (docs/security.md)

# Where services' organisations and locations live (model/service_places.py reads them), and the
# slug that names a file there.
ORGANISATIONS_DIR = "local-info/organisations"
LOCATIONS_DIR = "local-info/locations"
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

STATUSES = ("active", "inactive", "defunct", "temporarily closed")
LISTED_STATUSES = ("active", "temporarily closed")
ACCESS = ("drop-in", "appointment", "self-referral", "referral")
DELIVERY = ("in-person", "phone", "text", "online")
PHONE_KINDS = ("voice", "text", "voice-and-text")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DEFAULT_REVIEW = "P12M"
# Slugs the directory itself uses for its generated pages.
RESERVED_SLUGS = ("index", "a-z", "categories", "category")
REQUIRED = ("id", "name", "status", "categories", "owner", "last_reviewed")
# Free-text fields shown on pages; HTML in any of them is reported (and always shown as text).
TEXT_FIELDS = ("name", "alert", "eligibility", "fees_description", "confidential_note")

# 00:00 to 23:59, as Open Referral UK: a service open to midnight closes at 23:59.
_TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
_SCHEDULE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["byday", "opens_at", "closes_at"],
    "properties": {
        "byday": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(DAYS)},
                  "description": "Days as RFC 5545 codes: MO TU WE TH FR SA SU."},
        "opens_at": {**_TIME, "description": "Opening time, 24-hour HH:MM (quote it: \"09:30\")."},
        "closes_at": {**_TIME, "description": "Closing time, 24-hour HH:MM, after the opening time."},
        "description": {"type": "string", "description": "What happens then, e.g. Drop-in for under-18s."},
    },
}

SERVICE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://signpost.example.org/schema/service.schema.json",
    "title": "signpost directory service",
    "description": "Front matter of one service file in content/local-info/services/<slug>.md. "
                   "The Markdown body below the front matter is the service's description. "
                   "Field names follow Open Referral UK (HSDS 3.0 UK profile) where one exists.",
    "type": "object",
    "additionalProperties": False,
    "required": list(REQUIRED),
    "properties": {
        "id": {"type": "string", "format": "uuid",
               "description": "A UUID that never changes and is never reused (signpost new service makes one)."},
        "name": {"type": "string", "minLength": 2, "maxLength": 120, "description": "The service's name."},
        "status": {"enum": list(STATUSES),
                   "description": "Only active and temporarily closed services are listed."},
        "alert": {"type": "string", "minLength": 3,
                  "description": "A short notice shown at the top, e.g. Closed 24 December to 2 January."},
        "organization": {"type": "string", "pattern": SLUG_PATTERN,
                         "description": "Who runs it: the slug of a file in content/local-info/organisations/."},
        "categories": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string"},
                       "description": "Category ids from data/service-categories.yml."},
        "minimum_age": {"type": "integer", "minimum": 0, "maximum": 120},
        "maximum_age": {"type": "integer", "minimum": 0, "maximum": 120},
        "eligibility": {"type": "string", "description": "Who can use it, in plain words."},
        "access": {"type": "array", "uniqueItems": True, "items": {"enum": list(ACCESS)},
                   "description": "How to get the service: drop-in, appointment, self-referral, referral."},
        "delivery": {"type": "array", "uniqueItems": True, "items": {"enum": list(DELIVERY)},
                     "description": "How it is given: in-person, phone, text, online."},
        "free": {"type": "boolean", "description": "True when using the service costs nothing."},
        "fees_description": {"type": "string", "description": "What it costs, in words, when not free."},
        "cost_options": {
            "type": "array",
            "items": {"type": "object", "additionalProperties": False, "required": ["option", "amount"],
                      "properties": {"option": {"type": "string", "minLength": 2},
                                     "amount": {"type": "number", "minimum": 0},
                                     "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}}},
        },
        "confidential": {"type": "boolean", "description": "True when what you say is kept private."},
        "confidential_note": {"type": "string",
                              "description": "The limits, e.g. what someone under 16 can expect."},
        "url": {"type": "string", "description": "The service's website (https://...)."},
        "email": {"type": "string"},
        "phones": {
            "type": "array",
            "items": {"type": "object", "additionalProperties": False, "required": ["number"],
                      "properties": {
                          "number": {"type": "string", "description": "A UK phone number, e.g. 0113 496 0123."},
                          "kind": {"enum": list(PHONE_KINDS), "description": "voice (default), text or voice-and-text."},
                          "free": {"type": "boolean", "description": "Free to call or text, from mobiles too."},
                          "description": {"type": "string"}}},
        },
        "languages": {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": "^[a-z]{2,3}$"},
                      "description": "ISO 639 codes of languages spoken (British Sign Language is bfi)."},
        "locations": {
            "type": "array",
            "description": "Where it happens: each names a file in content/local-info/locations/, with the "
                           "service's own times there.",
            "items": {
                "type": "object", "additionalProperties": False, "required": ["location"],
                "properties": {
                    "location": {"type": "string", "pattern": SLUG_PATTERN,
                                 "description": "The slug of a file in content/local-info/locations/."},
                    "schedules": {"type": "array", "items": _SCHEDULE},
                },
            },
        },
        "schedules": {"type": "array", "items": _SCHEDULE,
                      "description": "Service-wide times not tied to a place, e.g. the phone line."},
        "service_areas": {"type": "array", "items": {"type": "string", "minLength": 2}},
        "sensitive": {"type": "boolean",
                      "description": "True for sexual health, drugs, abuse, homelessness, ..."},
        "owner": {"type": "string", "minLength": 2,
                  "description": "The role or team mailbox that keeps this service's details true."},
        "last_reviewed": {"type": "string", "format": "date",
                          "description": "The day the details were last checked (YYYY-MM-DD)."},
        "review_every": {"type": "string", "pattern": ISO_PERIOD_PATTERN,
                         "description": "How often to check them (ISO 8601 duration); default P12M."},
    },
}

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
_FRIENDLY = {"string": "text", "array": "a list", "boolean": "true or false", "object": "a mapping",
             "integer": "a whole number", "number": "a number"}
_EXAMPLES = {"id": "(run `signpost new service NAME` for a fresh id)", "name": "Riverside Drop-in",
             "status": "active", "categories": "[housing]", "owner": "directory-team@example.org",
             "last_reviewed": "2026-10-01"}


def normalise_times(meta: dict[str, Any]) -> None:
    """Undo YAML 1.1 reading unquoted `17:00` as the number 1020 (base 60), in place."""
    def fix(schedules: Any) -> None:
        for entry in schedules if isinstance(schedules, list) else []:
            for key in ("opens_at", "closes_at"):
                value = entry.get(key) if isinstance(entry, dict) else None
                if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                    entry[key] = f"{value // 60:02d}:{value % 60:02d}"
    fix(meta.get("schedules"))
    for location in _list(meta.get("locations")):
        if isinstance(location, dict):
            fix(location.get("schedules"))


def validate_service_meta(meta: dict[str, Any], key_lines: dict[str, int], file: str, *,
                          categories: Iterable[str], accessibility: Iterable[str], languages: Iterable[str],
                          today: dt.date) -> list[Finding]:
    """Every problem of one service file taken alone (duplicates across files are checked by the loader)."""
    findings = schema_findings(_validator(), meta, lambda problem: schema_finding(problem, key_lines, file))
    findings += _semantic_findings(meta, key_lines, file, set(categories), set(accessibility), set(languages), today)
    findings += service_field_findings(meta, key_lines, file)
    return findings


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(SERVICE_SCHEMA, format_checker=jsonschema.FormatChecker())


def schema_finding(problem: jsonschema.ValidationError, key_lines: dict[str, int], file: str,
                   schema: dict[str, Any] = SERVICE_SCHEMA, *, kind: str = "service") -> Finding:
    """One schema problem as a finding: what is wrong and how to fix it, at the key's line."""
    path = [str(p) for p in problem.absolute_path]
    field = field_name(path)
    line = key_lines.get(path[0]) if path else 1
    if problem.validator == "required":
        missing = missing_field(problem)
        where = f"{field}." if field else ""
        return error(file, f"required field `{where}{missing}` is missing", line=line or 1,
                     field=f"{where}{missing}",
                     hint=f"add `{missing}: {_EXAMPLES.get(missing, '...')}`".replace("new service", f"new {kind}"))
    if problem.validator == "dependentRequired":
        missing, present = (re.findall(r"'([^']+)'", problem.message) + ["?", "?"])[:2]
        return error(file, f"`{present}` is given without `{missing}`", line=key_lines.get(present) or line or 1,
                     field=present,
                     hint="an address needs `address_1`, `city`, `state_province` and `postal_code`; "
                          "a geo point needs both `latitude` and `longitude`")
    if problem.validator == "type" and path and path[0] in ("organization", "locations") and isinstance(
            problem.instance, dict):
        folder = ORGANISATIONS_DIR if path[0] == "organization" else LOCATIONS_DIR
        return error(file, f"`{field}` is written out here; it must name a file in content/{folder}/",
                     line=line, field=field,
                     hint=f"move it to content/{folder}/<slug>.md (signpost new "
                          f"{'organisation' if path[0] == 'organization' else 'location'} NAME) and write its slug here")
    if problem.validator == "additionalProperties" and len(path) == 2 and path[0] == "locations":
        return error(file, f"`{field}` has address fields; addresses live in content/{LOCATIONS_DIR}/",
                     line=line, field=field,
                     hint=f"move them to content/{LOCATIONS_DIR}/<slug>.md (signpost new location NAME), "
                          "then write `- location: <slug>` here, with this service's `schedules` there")
    if problem.validator == "pattern" and path and path[-1] in ("organization", "location"):
        return error(file, f"`{field}` is not a file name: {problem.instance!r}", line=line, field=field,
                     hint="write the slug of the file (lower-case letters, digits and hyphens)")
    if problem.validator == "additionalProperties":
        unknown = unknown_fields(problem)
        known = list(schema["properties"]) if not path else []
        close = difflib.get_close_matches(unknown[0], known, n=1) if unknown and known else []
        name = ".".join(filter(None, [field, unknown[0] if unknown else "?"]))
        return error(file, f"unknown field `{name}`", line=key_lines.get(unknown[0]) if not path and unknown else line,
                     field=name, hint=f"did you mean `{close[0]}`?" if close else
                     "remove it or check the spelling (docs/directory.md lists every field)")
    if problem.validator == "type":
        expected = _FRIENDLY.get(problem.validator_value, problem.validator_value)
        return error(file, f"`{field}` must be {expected}, not {problem.instance!r}", line=line, field=field,
                     hint="write times in quotes (\"09:30\") and numbers without quotes" if expected != "text"
                     else "put the value in quotes")
    if problem.validator == "format" and problem.validator_value == "uuid":
        return error(file, f"`id` is not a UUID: {problem.instance!r}", line=line, field="id",
                     hint="use the id `signpost new service` wrote; never invent or reuse one")
    if problem.validator == "format" and problem.validator_value == "date":
        return error(file, f"`{field}` is not a real date: {problem.instance!r}", line=line, field=field,
                     hint="write the date as YYYY-MM-DD and check the day exists")
    if problem.validator == "enum":
        return error(file, f"`{field}` cannot be {problem.instance!r}", line=line, field=field,
                     hint="use one of: " + ", ".join(map(str, problem.validator_value)))
    if problem.validator == "pattern" and path and path[-1] in ("opens_at", "closes_at"):
        return error(file, f"`{field}` is not a time of day: {problem.instance!r}", line=line, field=field,
                     hint="use 24-hour HH:MM between 00:00 and 23:59, in quotes, e.g. \"17:30\"; "
                          "open to midnight closes at \"23:59\"")
    if problem.validator == "pattern" and path and path[-1] == "postal_code":
        return error(file, f"`{field}` is not a UK postcode: {problem.instance!r}", line=line, field=field,
                     hint="write it in capitals with a space, e.g. RV1 4AB")
    if problem.validator == "pattern" and path and path[0] == "languages":
        return error(file, f"unknown language code {problem.instance!r}", line=line, field=field,
                     hint="use ISO 639 codes in lower case: en, pl, ur; British Sign Language is bfi")
    if problem.validator in ("minItems", "minLength"):
        return error(file, f"`{field}` is empty or too short", line=line, field=field, hint="fill it in or remove it")
    if problem.validator in ("minimum", "maximum"):
        return error(file, f"`{field}` is out of range: {problem.instance!r}", line=line, field=field,
                     hint="check the number")
    if problem.validator == "uniqueItems":
        return error(file, f"`{field}` lists something twice", line=line, field=field, hint="remove the repeat")
    return error(file, f"`{field or 'metadata'}`: {problem.message}", line=line, field=field)


def _semantic_findings(meta: dict[str, Any], key_lines: dict[str, int], file: str, categories: set[str],
                       accessibility: set[str], languages: set[str], today: dt.date) -> list[Finding]:
    findings: list[Finding] = []

    def add(field: str, message: str, hint: str, *, key: str | None = None) -> None:
        findings.append(error(file, message, line=key_lines.get(key or field.split(".")[0].split("[")[0]),
                                 field=field, hint=hint))

    for value in _list(meta.get("categories")):
        if isinstance(value, str) and categories and value not in categories:
            add("categories", f"unknown category `{value}`",
                did_you_mean(value, categories) + " (categories are listed in data/service-categories.yml)")
    low, high = meta.get("minimum_age"), meta.get("maximum_age")
    if _is_int(low) and _is_int(high) and low > high:
        add("minimum_age", f"`minimum_age` ({low}) is above `maximum_age` ({high})",
            "swap them, or correct the one that is wrong")
    for label, schedules in _all_schedules(meta):
        for index, entry in enumerate(schedules):
            if not isinstance(entry, dict):
                continue
            opens, closes = entry.get("opens_at"), entry.get("closes_at")
            if _is_time(opens) and _is_time(closes) and closes <= opens:
                add(f"{label}[{index}].closes_at", f"closes at {closes}, not after it opens at {opens}",
                    "check both times; a session that runs past midnight is two entries (to 23:59, from 00:00)",
                    key=label.split("[")[0].split(".")[0])
    for index, phone in enumerate(_list(meta.get("phones"))):
        if isinstance(phone, dict) and isinstance(phone.get("number"), str) and not is_uk_phone(phone["number"]):
            add(f"phones[{index}].number", f"not a valid UK phone number: {phone['number']!r}",
                "write the full number with its area code, e.g. 0113 496 0123")
    if isinstance(meta.get("email"), str) and not is_email(meta["email"]):
        add("email", f"not a valid email address: {meta['email']!r}", "write it as name@example.org")
    if isinstance(meta.get("url"), str) and not is_web_address(meta["url"]):
        add("url", f"not a valid web address: {meta['url']!r}", "write the full address, starting https://")
    for value in _list(meta.get("languages")):
        if isinstance(value, str) and re.fullmatch(r"[a-z]{2,3}", value) and value not in languages:
            add("languages", f"unknown language code `{value}`",
                did_you_mean(value, languages) + " (ISO 639; British Sign Language is bfi)")
    if not (meta.get("phones") or meta.get("email") or meta.get("url")):
        add("phones", "there is no way to contact the service (no phone, email or website)",
            "add at least one of `phones`, `email` or `url`", key="name")
    findings += _date_findings(meta, key_lines, file, today)
    for field, value in _text_values(meta):
        if HTML.search(value):
            add(field, f"`{field}` contains HTML: {value[:60]!r}",
                "write plain text; it is always shown as text, never as HTML")
    return findings


def _date_findings(meta: dict[str, Any], key_lines: dict[str, int], file: str, today: dt.date) -> list[Finding]:
    findings: list[Finding] = []
    reviewed = meta.get("last_reviewed")
    if isinstance(reviewed, str):
        try:
            day = dt.date.fromisoformat(reviewed)
        except ValueError:
            day = None
        if day and day > today:
            findings.append(error(file, f"`last_reviewed` is in the future ({reviewed})",
                                  line=key_lines.get("last_reviewed"), field="last_reviewed",
                                  hint="use the date the details were actually checked"))
    period = meta.get("review_every")
    if isinstance(period, str) and period.startswith("P"):
        try:
            ReviewPeriod.parse(period)
        except ValueError as problem:
            findings.append(error(file, f"`review_every`: {problem}", line=key_lines.get("review_every"),
                                  field="review_every", hint="write P12M for a year, P6M for six months"))
    return findings


def is_uk_phone(number: str) -> bool:
    """True for a valid UK number (phonenumbers' metadata), or one in Ofcom's drama ranges.

    libphonenumber calls the 07700 900xxx drama range invalid (no operator holds it),
    but it is the range sample text lines must use: accept it deliberately (facts helper).
    """
    if is_drama(number):
        return True
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed) and phonenumbers.region_code_for_number(parsed) in ("GB", None)


def e164(number: str) -> str:
    """`+441134960123` for `0113 496 0123` (the form tel: and sms: links use)."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(number, "GB"), phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return re.sub(r"[^0-9+]", "", number)


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value))


def is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("https", "http") and "." in parts.netloc and " " not in value


def is_uuid(value: Any) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _text_values(meta: dict[str, Any]) -> Iterable[tuple[str, str]]:
    for key in TEXT_FIELDS:
        if isinstance(meta.get(key), str):
            yield key, meta[key]
    for index, phone in enumerate(_list(meta.get("phones"))):
        if isinstance(phone, dict) and isinstance(phone.get("description"), str):
            yield f"phones[{index}].description", phone["description"]
    for label, schedules in _all_schedules(meta):
        for index, entry in enumerate(schedules):
            if isinstance(entry, dict) and isinstance(entry.get("description"), str):
                yield f"{label}[{index}].description", entry["description"]
    for index, option in enumerate(_list(meta.get("cost_options"))):
        if isinstance(option, dict) and isinstance(option.get("option"), str):
            yield f"cost_options[{index}].option", option["option"]


def _all_schedules(meta: dict[str, Any]) -> Iterable[tuple[str, list]]:
    yield "schedules", _list(meta.get("schedules"))
    for index, location in enumerate(_list(meta.get("locations"))):
        if isinstance(location, dict):
            yield f"locations[{index}].schedules", _list(location.get("schedules"))


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_time(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value) is not None


def did_you_mean(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    return f"did you mean `{close[0]}`?" if close else "check the spelling"


def schema_json() -> str:
    """The published form of SERVICE_SCHEMA (docs/schema/service.schema.json)."""
    return json.dumps(SERVICE_SCHEMA, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # `python -m signpost.model.service_schema > docs/schema/service.schema.json`
    print(schema_json(), end="")
