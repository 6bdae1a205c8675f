"""Open Referral UK 3.0 records -> service, organisation and location files (the inverse of `service_oruk`).

`plan_import` works out every file an import would write and checks each one
as the build will (schema, references, duplicate ids), without writing
anything; the command writes the plan only when it has no problem, so a
failed import leaves the project as it was. What our own export puts in
`attributes` (categories, phones, details, ...) comes back to its field, so
export -> import -> export gives the same records.

With `update`, a file that exists (matched by id) changes only in the fields
the feed owns: the fields this record gives a value. Every other field, the
comments and the layout of the file stay as the editor left them. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from signpost.model.frontmatter import parse_document
from signpost.model.schema_errors import problem_lines
from signpost.model.service_csv import slugify
from signpost.model.service_files import place_file_text, service_file_text, update_file_text
from signpost.model.service_oruk import FREE, TAXONOMIES, validator
from signpost.model.service_places import LOCATIONS_DIR, ORGANISATIONS_DIR, place_files, validate_place_meta
from signpost.safety.paths import outside_folder_problem
from signpost.model.service_schema import (is_email, is_uk_phone, is_web_address, normalise_times,
                                           validate_service_meta)
from signpost.model.services import SERVICES_DIR, load_vocabulary
from signpost.today import today as get_today

# Values our files hold that a foreign feed may not meet; such a value is left out, with a note.
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_TAXONOMY_NAMES = {t.name: code for code, t in TAXONOMIES.items()}


@dataclass
class PlannedFile:
    path: Path
    text: str
    old_text: str | None      # None: a new file
    kind: str                 # "service", "organisation" or "location"

    @property
    def changed(self) -> bool:
        return self.old_text != self.text


@dataclass
class ImportPlan:
    files: list[PlannedFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # errors: nothing is written
    notes: list[str] = field(default_factory=list)      # values left out, records skipped
    skipped: list[str] = field(default_factory=list)

    def diff(self, root: Path) -> str:
        """A unified diff of every change, as `--dry-run` shows it."""
        out = []
        for planned in self.files:
            if not planned.changed:
                continue
            name = _display(planned.path, root)
            out += difflib.unified_diff((planned.old_text or "").splitlines(keepends=True),
                                        planned.text.splitlines(keepends=True),
                                        fromfile="/dev/null" if planned.old_text is None else f"a/{name}",
                                        tofile=f"b/{name}")
        return "".join(out)


def plan_import(records, content_dir: Path, data_dir: Path, *, update: bool = False,
                default_categories: tuple[str, ...] = (), default_owner: str = "",
                today: dt.date | None = None) -> ImportPlan:
    """Every file the import would write for `records` (FeedRecord items), checked; nothing written."""

    today = today or get_today()
    content_dir = Path(content_dir)
    vocabulary, _ = load_vocabulary(Path(data_dir))
    plan = ImportPlan()
    folders = {"service": content_dir / SERVICES_DIR, "organisation": content_dir / ORGANISATIONS_DIR,
               "location": content_dir / LOCATIONS_DIR}
    existing = {kind: _existing_ids(folder, kind) for kind, folder in folders.items()}
    taken = {kind: {p.stem for p in place_files(folder)} for kind, folder in folders.items()}
    slugs: dict[tuple[str, str], str] = {}   # (kind, ORUK id) -> slug

    def slug_for(kind: str, record_id: str, name: str) -> str:
        if (kind, record_id) in slugs:
            return slugs[(kind, record_id)]
        if record_id in existing[kind]:
            slug = existing[kind][record_id].stem
        else:
            slug = _unique(_slugify(name) or kind, taken[kind])
            taken[kind].add(slug)
        slugs[(kind, record_id)] = slug
        return slug

    planned: dict[Path, PlannedFile] = {}

    def add(kind: str, slug: str, meta: dict[str, Any], body: str | None, owned: set[str], origin: str) -> None:
        path = folders[kind] / f"{slug}.md"
        if path in planned:
            return  # a shared organisation or location: the first service's copy stands for all
        # A feed names only slugs, but the folder (or a file in it) may be a symbolic link that
        # leads out of the project: writing through it would write elsewhere on the machine.
        outside = outside_folder_problem(path, content_dir.parent)
        if outside:
            plan.problems.append(f"{origin}: would write {_display_any(path, content_dir.parent)}: {outside}; "
                                 "the import writes only inside the project (replace the link with a folder)")
            return
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old is not None and not update:
            plan.skipped.append(_display(path, content_dir.parent))
            return
        if old is None:
            text = service_file_text(meta, body or "") if kind == "service" else place_file_text(kind, meta, body or "")
        else:
            try:
                text = update_file_text(old, {k: meta.get(k) for k in owned if k != "id"},
                                        body if "description" in owned else None)
            except (ValueError, StopIteration):
                plan.problems.append(f"{_display(path, content_dir.parent)}: the file has no front matter to "
                                     "update; fix or remove it first")
                return
        planned[path] = PlannedFile(path, text, old, kind)
        _check(plan, planned[path], origin, vocabulary, today, content_dir.parent)

    for item in records:
        record, origin = item.record, item.origin
        errors = [f"{origin}: {problem}" for problem in problem_lines(validator("service"), record, "(service)")]
        if errors:
            plan.problems += errors
            continue
        notes: list[str] = []
        org_slug = ""
        org = record.get("organization")
        if isinstance(org, dict) and org.get("id"):
            org_slug = slug_for("organisation", org["id"], org.get("name", ""))
            meta, body = organisation_meta(org, notes)
            add("organisation", org_slug, meta, body, set(meta) | {"description"}, origin)
        at_locations = []
        for sal in record.get("service_at_locations") or []:
            location = sal.get("location") if isinstance(sal, dict) else None
            if not isinstance(location, dict) or not location.get("id"):
                continue
            loc_slug = slug_for("location", location["id"], location.get("name") or _first_line(location))
            meta, body = location_meta(location, vocabulary, notes)
            add("location", loc_slug, meta, body, set(meta) | ({"description"} if body else set()), origin)
            at_locations.append((sal.get("id"), loc_slug))
        meta, body = service_meta(record, org_slug, at_locations, vocabulary, notes)
        owned = set(meta) | ({"description"} if body else set())
        if not meta.get("categories") and default_categories:
            meta["categories"] = list(default_categories)
        meta.setdefault("owner", default_owner or "directory-team@example.org")
        meta.setdefault("last_reviewed", today.isoformat())
        service_slug = slug_for("service", record["id"], record.get("name", ""))
        add("service", service_slug, meta, body, owned, origin)
        plan.notes += [f"{origin}: {note}" for note in notes]
    plan.files = list(planned.values())
    if not plan.problems:
        plan.problems += _reference_problems(plan, folders, content_dir.parent)
    return plan


def write_plan(plan: ImportPlan) -> None:
    """Write every changed file (each through a temporary file, so none is left half-written)."""
    for planned in plan.files:
        if not planned.changed:
            continue
        planned.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = planned.path.with_name(f".{planned.path.name}.importing")
        temporary.write_text(planned.text, encoding="utf-8")
        os.replace(temporary, planned.path)


# Mapping one record ---------------------------------------------------------------------------

def service_meta(record: dict[str, Any], org_slug: str, at_locations: list[tuple[str, str]], vocabulary,
                 notes: list[str]) -> tuple[dict[str, Any], str]:
    meta: dict[str, Any] = {"id": record["id"], "name": _text(record.get("name")), "status": record.get("status")}
    for key in ("alert",):
        if _text(record.get(key)):
            meta[key] = _text(record[key])
    if org_slug:
        meta["organization"] = org_slug
    terms = _our_terms(record.get("attributes"))
    categories = [v for v in terms.get("categories", []) if v in vocabulary.categories]
    categories += [c.id for c in vocabulary.categories.values()
                   if c.id not in categories and any(_foreign_term_names(record.get("attributes"), c.title))]
    if categories:
        meta["categories"] = categories
    for key in ("minimum_age", "maximum_age"):
        value = record.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            if 0 <= value <= 120:
                meta[key] = value
            else:
                notes.append(f"{key}: {value} is not an age; left out")
    details = terms.get("details", {})
    if details.get("eligibility"):
        meta["eligibility"] = details["eligibility"]
    if terms.get("access"):
        meta["access"] = terms["access"]
    if terms.get("delivery"):
        meta["delivery"] = terms["delivery"]
    facts = set(terms.get("facts", []))
    fees = _text(record.get("fees"))
    if "free" in facts or (fees.casefold() == FREE.casefold() and not facts):
        meta["free"] = True
    if fees and not (meta.get("free") and fees == FREE):
        meta["fees_description"] = fees
    options = []
    for option in record.get("cost_options") or []:
        amount = option.get("amount")
        if isinstance(amount, (int, float)) and not isinstance(amount, bool) and amount >= 0 \
                and len(_text(option.get("option"))) >= 2:
            entry = {"option": _text(option["option"]), "amount": amount}
            currency = _text(option.get("amount_description"))
            if re.fullmatch(r"[A-Z]{3}", currency) and currency != "GBP":
                entry["currency"] = currency
            options.append(entry)
        else:
            notes.append(f"cost_options: {option.get('option')!r} has no usable amount; left out")
    if options:
        meta["cost_options"] = options
    if "confidential" in facts:
        meta["confidential"] = True
    if details.get("confidential_note"):
        meta["confidential_note"] = details["confidential_note"]
    for key, check in (("url", is_web_address), ("email", is_email)):
        value = _text(record.get(key))
        if value and check(value):
            meta[key] = value
        elif value:
            notes.append(f"{key}: {value!r} is not valid; left out")
    phones = []
    for phone in terms.get("phones", []):
        if is_uk_phone(phone["number"]):
            phones.append(phone)
        else:
            notes.append(f"phone {phone['number']!r} is not a UK number; left out")
    if phones:
        meta["phones"] = phones
    languages = [code for code in terms.get("languages", []) if code in vocabulary.languages]
    if languages:
        meta["languages"] = languages
    by_place: dict[str, list[dict]] = {}
    schedules = []
    for schedule in record.get("schedules") or []:
        entry = _schedule(schedule, notes)
        if entry is None:
            continue
        if schedule.get("service_at_location_id"):
            by_place.setdefault(schedule["service_at_location_id"], []).append(entry)
        else:
            schedules.append(entry)
    if at_locations:
        meta["locations"] = [{"location": slug, **({"schedules": by_place[sal_id]} if by_place.get(sal_id) else {})}
                             for sal_id, slug in at_locations]
    if schedules:
        meta["schedules"] = schedules
    areas = [_text(a.get("name")) for a in record.get("service_areas") or [] if isinstance(a, dict)]
    if any(areas):
        meta["service_areas"] = [a for a in areas if len(a) >= 2]
    if "sensitive" in facts:
        meta["sensitive"] = True
    if is_email(_text(record.get("assurer_email"))):
        meta["owner"] = _text(record["assurer_email"])
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", _text(record.get("assured_date"))):
        meta["last_reviewed"] = _text(record["assured_date"])
    return meta, _text(record.get("description"))


def organisation_meta(org: dict[str, Any], notes: list[str]) -> tuple[dict[str, Any], str]:
    meta: dict[str, Any] = {"id": org["id"], "name": _text(org.get("name"))}
    for key, source, check in (("url", "website", is_web_address), ("email", "email", is_email)):
        value = _text(org.get(source))
        if value and check(value):
            meta[key] = value
        elif value:
            notes.append(f"organization.{source}: {value!r} is not valid; left out")
    for identifier in org.get("organization_identifiers") or []:
        scheme, value = _text(identifier.get("identifier_scheme")), _text(identifier.get("identifier"))
        key = {"GB-CHC": "charity_number", "GB-SC": "charity_number", "GB-NIC": "charity_number",
               "GB-COH": "company_number"}.get(scheme)
        pattern = {"charity_number": r"^[0-9]{6,8}(-[0-9]+)?$|^SC[0-9]{6}$",
                   "company_number": r"^([0-9]{8}|[A-Z]{2}[0-9]{6})$"}.get(key or "")
        if key and re.match(pattern, value):
            meta[key] = value
        elif key:
            notes.append(f"organization: {scheme} {value!r} is not a valid {key.replace('_', ' ')}; left out")
    return meta, _text(org.get("description"))


def location_meta(location: dict[str, Any], vocabulary, notes: list[str]) -> tuple[dict[str, Any], str]:
    meta: dict[str, Any] = {"id": location["id"], "name": _text(location.get("name")) or _first_line(location)}
    addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
    address = next((a for a in addresses if a.get("address_type") == "physical"), addresses[0] if addresses else None)
    if address:
        postcode = _text(address.get("postal_code")).upper()
        if _UK_POSTCODE.match(postcode) and _text(address.get("address_1")) and _text(address.get("city")):
            meta.update({"address_1": _text(address["address_1"]), "address_2": _text(address.get("region")),
                         "city": _text(address["city"]),
                         "state_province": _text(address.get("state_province")) or "England",
                         "postal_code": postcode})
            meta = {k: v for k, v in meta.items() if v}
        else:
            notes.append(f"location {meta['name']!r}: {postcode!r} is not a UK postcode; the address is left out")
    latitude, longitude = location.get("latitude"), location.get("longitude")
    if _is_number(latitude) and _is_number(longitude):
        if -90 <= latitude <= 90 and -180 <= longitude <= 180:
            meta["latitude"], meta["longitude"] = latitude, longitude
        else:
            notes.append(f"location {meta['name']!r}: ({latitude}, {longitude}) is not a point on Earth; left out")
    attributes = _our_terms(location.get("attributes"))
    if attributes.get("details", {}).get("transportation"):
        meta["transportation"] = attributes["details"]["transportation"]
    features, words = [], []
    for item in location.get("accessibility") or []:
        if not isinstance(item, dict):
            continue
        ours = _our_terms(item.get("attributes")).get("accessibility", [])
        by_title = [f for f, title in vocabulary.accessibility.items() if title == item.get("description")]
        found = [f for f in dict.fromkeys(ours + by_title) if f in vocabulary.accessibility]
        if found:
            features += [f for f in found if f not in features]
        elif _text(item.get("description")):
            words.append(_text(item["description"]))
    if features:
        meta["accessibility"] = features
    if words:
        meta["accessibility_notes"] = " ".join(words)
    return meta, _text(location.get("description"))


# Helpers ---------------------------------------------------------------------------------------

def _our_terms(attributes: Any) -> dict[str, Any]:
    """What our own export put in attributes, back as values: {code: [values]} and details/phones."""
    found: dict[str, Any] = {}
    for attribute in attributes or []:
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        if not isinstance(term, dict):
            continue
        code = _TAXONOMY_NAMES.get(_text(term.get("taxonomy")))
        if code is None or _text(attribute.get("link_type")) not in (code, ""):
            continue
        value = _text(term.get("term"))
        if code == "details":
            found.setdefault("details", {})[value] = _text(term.get("description"))
        elif code == "phones":
            kind, _, free = value.partition(" ")
            phone: dict[str, Any] = {"number": _text(term.get("name"))}
            if kind in ("text", "voice-and-text"):
                phone["kind"] = kind
            if free == "free":
                phone["free"] = True
            description = _text(term.get("description"))
            if description and description != "Phone number":
                phone["description"] = description
            found.setdefault("phones", []).append(phone)
        elif value:
            found.setdefault(code, []).append(value)
    return found


def _foreign_term_names(attributes: Any, title: str) -> list[str]:
    """Names of other taxonomies' terms that match one of our category titles (a council's "Housing")."""
    names = []
    for attribute in attributes or []:
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        if isinstance(term, dict) and _text(term.get("taxonomy")) not in _TAXONOMY_NAMES \
                and _text(term.get("name")).casefold() == title.casefold():
            names.append(term["name"])
    return names


def _schedule(schedule: dict[str, Any], notes: list[str]) -> dict[str, Any] | None:
    days = [d.strip().upper() for d in _text(schedule.get("byday")).split(",") if d.strip()]
    opens, closes = _TIME.match(_text(schedule.get("opens_at"))), _TIME.match(_text(schedule.get("closes_at")))
    if not days or any(d not in _DAYS for d in days) or not opens or not closes:
        notes.append(f"schedule {schedule.get('id', '')}: not weekly days with opening and closing times; left out")
        return None
    entry: dict[str, Any] = {"byday": list(dict.fromkeys(days)), "opens_at": opens.group(0)[:5],
                             "closes_at": closes.group(0)[:5]}
    if _text(schedule.get("description")):
        entry["description"] = _text(schedule["description"])
    return entry


def _check(plan: ImportPlan, planned: PlannedFile, origin: str, vocabulary, today: dt.date, root: Path) -> None:
    """The file as the build will check it (its own fields; references are checked at the end)."""
    display = _display(planned.path, root)
    document, problems = parse_document(planned.text, display)
    findings = list(problems)
    if document is not None:
        if planned.kind == "service":
            normalise_times(document.meta)
            findings += validate_service_meta(document.meta, document.key_lines, display,
                                              categories=vocabulary.categories,
                                              accessibility=vocabulary.accessibility,
                                              languages=vocabulary.languages, today=today)
        else:
            findings += validate_place_meta(planned.kind, document.meta, document.key_lines, display,
                                            document.body, set(vocabulary.accessibility))
    for finding in findings:
        if finding.is_error:
            where = f" [{finding.field}]" if finding.field else ""
            plan.problems.append(f"{origin}: would write {display}{where}: {finding.message}"
                                 + (f" ({finding.hint})" if finding.hint else ""))


def _reference_problems(plan: ImportPlan, folders: dict[str, Path], root: Path) -> list[str]:
    """Every organisation and location a planned service names exists, and no id is used twice."""
    problems = []
    known = {kind: {p.stem for p in folder.glob("*.md")} | {f.path.stem for f in plan.files if f.kind == kind}
             for kind, folder in folders.items()}
    ids: dict[str, str] = {}
    for kind, folder in folders.items():
        for path in sorted(folder.glob("*.md")):
            if path not in {f.path for f in plan.files}:
                record_id = _id_of(path.read_text(encoding="utf-8", errors="replace"))
                if record_id:
                    ids.setdefault(record_id, _display(path, root))
    for planned in plan.files:
        document, _ = parse_document(planned.text, str(planned.path))
        meta = document.meta if document else {}
        display = _display(planned.path, root)
        record_id = str(meta.get("id") or "")
        if record_id and ids.setdefault(record_id, display) != display:
            problems.append(f"{display}: id {record_id} is already used by {ids[record_id]}")
        if planned.kind != "service":
            continue
        org = meta.get("organization")
        if isinstance(org, str) and org not in known["organisation"]:
            problems.append(f"{display} [organization]: unknown organisation `{org}`")
        for index, entry in enumerate(meta.get("locations") or []):
            slug = entry.get("location") if isinstance(entry, dict) else None
            if isinstance(slug, str) and slug not in known["location"]:
                problems.append(f"{display} [locations[{index}].location]: unknown location `{slug}`")
    return problems


def _existing_ids(folder: Path, kind: str) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.glob("*.md")):
        if "." in path.stem or path.stem == "index":
            continue
        record_id = _id_of(path.read_text(encoding="utf-8", errors="replace"))
        if record_id:
            found.setdefault(record_id, path)
    return found


def _id_of(text: str) -> str:
    match = re.search(r"(?m)^id:\s*['\"]?([0-9a-fA-F-]{36})['\"]?\s*$", text.split("\n---", 1)[0])
    return match.group(1).lower() if match else ""


def _first_line(location: dict[str, Any]) -> str:
    for address in location.get("addresses") or []:
        if isinstance(address, dict) and _text(address.get("address_1")):
            return _text(address["address_1"])
    return "Location"


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def _slugify(name: str) -> str:
    return slugify(name)


def _display_any(path: Path, root: Path) -> str:
    """The path as the editor knows it (relative to the project, links not followed)."""
    try:
        return Path(path).relative_to(Path(root)).as_posix()
    except ValueError:
        return str(path)


def _display(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
