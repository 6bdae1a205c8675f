"""The directory as a spreadsheet: one row per service, and back again.

The header is documented in docs/open-data.md and docs/directory.md. Lists use
`; ` between items; phones, opening times and cost options use a short
notation (below) so a whole service fits in one row. Locations are numbered
columns: location1 (the slug of a location file) and location1_schedules (the
service's times there), location2, ... Organisations and locations have their
own sheets (`organisations_csv`, `locations_csv`: one row per file, the
columns are their fields).
MkDocs-free.

    phones        0113 496 0123 (voice-and-text, free): Advice line; 0161 496 0456
    schedules     MO,TU,WE,TH,FR 09:00-17:00: Phone line; SA 10:00-13:00
    cost_options  Per session: 5 GBP; Course of 6: 25 GBP
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from signpost.model.service_schema import DAYS, SLUG_PATTERN
from signpost.model.services import Service
from signpost.safety.limits import MAX_CSV_CELL

BASE_COLUMNS = [
    "id", "slug", "name", "status", "alert", "description",
    "organization",
    "categories", "minimum_age", "maximum_age", "eligibility", "access", "delivery",
    "free", "fees_description", "cost_options", "confidential", "confidential_note",
    "url", "email", "phones", "languages", "schedules", "service_areas",
    "sensitive", "owner", "last_reviewed", "review_every",
]
LOCATION_FIELDS = ["location", "schedules"]
LIST_FIELDS = ("categories", "access", "delivery", "languages", "service_areas")
BOOL_FIELDS = ("free", "confidential", "sensitive")
INT_FIELDS = ("minimum_age", "maximum_age")
SEPARATOR = "; "
_LOCATION_COLUMN = re.compile(r"^location([1-9][0-9]?)(?:_(schedules))?$")
_PHONE = re.compile(r"^(?P<number>\+?[0-9][0-9 ()-]*?[0-9])\s*(?:\((?P<flags>[^)]*)\))?\s*(?::\s*(?P<description>.+))?$")
_SCHEDULE = re.compile(r"^(?P<days>[A-Za-z]{2}(?:\s*[,-]\s*[A-Za-z]{2})*)\s+(?P<opens>\d{1,2}:\d{2})\s*-\s*"
                       r"(?P<closes>\d{1,2}:\d{2})(?:\s*:\s*(?P<description>.+))?$")
_COST = re.compile(r"^(?P<option>.+?):\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<currency>[A-Z]{3})?$")


# Export ---------------------------------------------------------------------------

def columns_for(services: Iterable[Service]) -> list[str]:
    most = max((len(s.locations) for s in services), default=0)
    return BASE_COLUMNS + [column for n in range(1, max(most, 1) + 1) for column in location_columns(n)]


def location_columns(number: int) -> list[str]:
    return [f"location{number}", f"location{number}_schedules"]


def services_csv(services: Iterable[Service]) -> str:
    """Every service as one CSV row (UTF-8, header first, A-Z by slug)."""
    services = sorted(services, key=lambda s: s.slug)
    columns = columns_for(services)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for service in services:
        writer.writerow({column: neutralise_cell(value) for column, value in service_row(service).items()})
    return out.getvalue()


# Spreadsheet formulas (CSV injection) -------------------------------------------------
#
# OWASP's CSV-injection guidance: a cell that starts with = + - @ tab or CR is a
# formula to Excel, LibreOffice and Google Sheets (`=HYPERLINK(...)`, `+cmd|...`,
# `@SUM(...)`), so every such cell is exported with a leading apostrophe, which
# spreadsheets show as text. The escape is reversible: `signpost import` removes
# exactly one leading apostrophe before those characters (and before another
# apostrophe that was escaped the same way), so `+44 113 496 0123` and a
# description starting with `- ` survive an export -> edit -> import round trip.

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPE = "'"


# A plain number (a longitude such as -1.54871) is read as a number, never as a formula: it stays a number.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def neutralise_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP; reversed by `restore_cell`)."""
    if not value or _PLAIN_NUMBER.fullmatch(value):
        return value
    if value.startswith(FORMULA_STARTS) or (value.startswith(_ESCAPE) and value[1:2] in (*FORMULA_STARTS, _ESCAPE)):
        return _ESCAPE + value
    return value


def restore_cell(value: str) -> str:
    """The text `neutralise_cell` escaped: one leading apostrophe before a formula character removed."""
    if value.startswith(_ESCAPE) and value[1:2] and value[1:2] in (*FORMULA_STARTS, _ESCAPE):
        return value[1:]
    return value


# A leading + or - is text people type (+44 numbers, -1, a `- ` list) unless the cell also holds what
# makes a formula do harm: a DDE pipe (`+cmd|' /C calc'!A0`), a function call (`-SUM(`), a sheet
# reference (`!A1`), or a second sign (`--1`, `+-`).
_HARMFUL_AFTER_SIGN = re.compile(r"\||[A-Za-z_]\(|![A-Za-z]{1,3}\$?\d|^[+-]\s*[+\-=@]")


def formula_problem(value: str) -> str | None:
    """Why an imported cell looks like a spreadsheet formula, or None (escaped cells are text)."""
    if not value or value.startswith(_ESCAPE):
        return None
    if value[0] in "=@\t\r" or (value[0] in "+-" and _HARMFUL_AFTER_SIGN.search(value)):
        return (f"{value[:40]!r} starts like a spreadsheet formula; it is not imported "
                "(start the cell with an apostrophe ' if it really is text)")
    return None


def service_row(service: Service) -> dict[str, str]:
    raw = service.raw
    row = {
        "id": service.id, "slug": service.slug, "name": service.name, "status": service.status,
        "alert": service.alert, "description": service.description,
        "organization": _cell(raw.get("organization")),
        "eligibility": service.eligibility, "fees_description": service.fees_description,
        "confidential_note": service.confidential_note, "url": service.url, "email": service.email,
        "owner": service.owner, "last_reviewed": _cell(raw.get("last_reviewed")),
        "review_every": _cell(raw.get("review_every")),
        "phones": SEPARATOR.join(_phone_text(p) for p in raw.get("phones") or []),
        "schedules": SEPARATOR.join(_schedule_text(s) for s in raw.get("schedules") or []),
        "cost_options": SEPARATOR.join(f"{o['option']}: {_number(o['amount'])}"
                                       + (f" {o['currency']}" if o.get("currency") else "")
                                       for o in raw.get("cost_options") or []),
    }
    for key in LIST_FIELDS:
        row[key] = SEPARATOR.join(str(v) for v in raw.get(key) or [])
    for key in BOOL_FIELDS:
        row[key] = "" if key not in raw else ("yes" if raw[key] is True else "no")
    for key in INT_FIELDS:
        row[key] = _cell(raw.get(key))
    for number, location in enumerate(raw.get("locations") or [], start=1):
        name, times = location_columns(number)
        row[name] = _cell(location.get("location"))
        row[times] = SEPARATOR.join(_schedule_text(s) for s in location.get("schedules") or [])
    return row


# Import ---------------------------------------------------------------------------

@dataclass
class CsvProblem:
    row: int          # the spreadsheet row number (the header is row 1)
    column: str
    message: str


@dataclass
class CsvRow:
    row: int
    slug: str
    meta: dict[str, Any]            # only the fields whose columns are in the file
    body: str | None                # the description, when the file has that column
    problems: list[CsvProblem] = field(default_factory=list)
    columns: tuple[str, ...] = ()   # the header, to know which fields an update may change

    def merged_with(self, existing: dict[str, Any]) -> dict[str, Any]:
        """The changes for an update: nested fields (organization, locations) only change in their columns."""
        changes = dict(self.meta)
        if not changes.get("id"):
            changes.pop("id", None)  # an empty id cell never removes a service's id
        if "locations" in changes:
            old = [dict(x) for x in existing.get("locations") or [] if isinstance(x, dict)]
            given = changes["locations"] or []
            numbers = sorted({int(m.group(1)) for c in self.columns if (m := _LOCATION_COLUMN.match(c))})
            for position, number in enumerate(numbers):
                while len(old) < number:
                    old.append({})
                new = given[position] if position < len(given) else {}
                for column in self.columns:
                    match = _LOCATION_COLUMN.match(column)
                    if match and int(match.group(1)) == number:
                        key = match.group(2) or "location"
                        if key in new:
                            old[number - 1][key] = new[key]
                        else:
                            old[number - 1].pop(key, None)
            changes["locations"] = [loc for loc in old if loc] or None
        return changes


def read_rows(text: str) -> tuple[list[str], list[CsvRow], list[CsvProblem]]:
    """Parse a CSV; every problem names its row and column. Schema checks come after, on the files."""
    header, records, problems = read_sheet(
        text, lambda column: column in BASE_COLUMNS or bool(_LOCATION_COLUMN.match(column)))
    return header, [parse_row(number, cells) for number, cells in records], problems


def read_sheet(text: str, known_column: Callable[[str], bool]
               ) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[CsvProblem]]:
    """The rows of any sheet as (spreadsheet row number, checked cells): what every sheet's reader shares.

    A NUL, an unreadable header or row, an unknown column, a row with more cells
    than the header, a formula or an over-long cell is a problem naming its row
    and column, never a traceback; rows with such cells are left out.
    """
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return [], [], [CsvProblem(1, "-", f"the file contains a NUL character (line {line}); "
                                           "save it again as CSV (UTF-8)")]
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_CELL * 8))
    try:
        header = [h.strip() for h in reader.fieldnames or []]
    except csv.Error as problem:
        return [], [], [CsvProblem(1, "-", f"the header cannot be read: {problem}")]
    reader.fieldnames = header
    problems = [CsvProblem(1, column, "unknown column") for column in header if not known_column(column)]
    if "name" not in header and "slug" not in header:
        problems.append(CsvProblem(1, "name", "the header needs a `name` or `slug` column"))
    rows = []
    number = 1
    records = iter(reader)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except csv.Error as problem:  # an unclosed quote, a cell over the size limit
            problems.append(CsvProblem(number + 1, "-", f"the row cannot be read: {problem}"))
            break
        number += 1  # the spreadsheet row (a cell with line breaks is still one row)
        if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
            continue
        if None in record:
            problems.append(CsvProblem(number, "-", "the row has more cells than the header"))
            continue
        cells, cell_problems = _checked_cells(number, {k: (v or "") for k, v in record.items() if k in header},
                                              MAX_CSV_CELL)
        if cell_problems:
            problems += cell_problems
            continue
        rows.append((number, cells))
    return header, rows, problems


def _checked_cells(number: int, record: dict[str, str], limit: int) -> tuple[dict[str, str], list[CsvProblem]]:
    """Cells without formulas and within the size limit, escaped ones restored; else problems."""
    cells, problems = {}, []
    for column, raw in record.items():
        value = raw.strip(" ")  # not \t or \r: a leading tab or CR is a formula trigger
        if len(value) > limit:
            problems.append(CsvProblem(number, column, f"the cell has {len(value)} characters, over the limit "
                                                       f"of {limit}; the row is not imported"))
            continue
        formula = formula_problem(value)
        if formula:
            problems.append(CsvProblem(number, column, formula))
            continue
        cells[column] = restore_cell(value).strip()
    return cells, problems


def parse_row(number: int, record: dict[str, str]) -> CsvRow:
    meta: dict[str, Any] = {}
    problems: list[CsvProblem] = []

    def problem(column: str, message: str) -> None:
        problems.append(CsvProblem(number, column, message))

    for column, value in record.items():
        if column in ("slug", "description") or _LOCATION_COLUMN.match(column):
            continue
        if column in LIST_FIELDS:
            meta[column] = _split(value)
        elif column in BOOL_FIELDS:
            meta[column] = _bool(value, column, problem)
        elif column in INT_FIELDS:
            meta[column] = _int(value, column, problem)
        elif column == "phones":
            meta[column] = [p for p in (_parse_phone(v, problem) for v in _split(value)) if p]
        elif column == "schedules":
            meta[column] = [s for s in (_parse_schedule(v, column, problem) for v in _split(value)) if s]
        elif column == "cost_options":
            meta[column] = [c for c in (_parse_cost(v, problem) for v in _split(value)) if c]
        else:
            meta[column] = value or None
    locations = _parse_locations(record, problem, keep_empty=True)
    if locations is not None:
        meta["locations"] = locations
    slug = record.get("slug") or slugify(record.get("name", ""))
    if not slug:
        problem("slug", "no slug and no name to make one from")
    elif not re.fullmatch(SLUG_PATTERN, slug):
        problem("slug", f"{slug!r} is not a valid slug (lower-case letters, digits and hyphens)")
    body = record.get("description") if "description" in record else None
    return CsvRow(number, slug, meta, body, problems, tuple(record))


def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", re.sub("['\u2019]", "", name)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text.replace("+", " plus ").replace("&", " and ")).strip("-")[:60].strip("-")


def _parse_locations(record: dict[str, str], problem, *, keep_empty: bool = False) -> list[dict] | None:
    numbered: dict[int, dict[str, str]] = {}
    for column, value in record.items():
        match = _LOCATION_COLUMN.match(column)
        if match:
            numbered.setdefault(int(match.group(1)), {})[match.group(2) or "location"] = value
    if not numbered:
        return None
    locations = []
    for number in sorted(numbered):
        cells = numbered[number]
        if not any(cells.values()):
            if keep_empty:
                locations.append({})  # keeps positions: location2 stays the second location
            continue
        location: dict[str, Any] = {}
        if cells.get("location"):
            location["location"] = cells["location"]
        elif "location" in cells:
            problem(f"location{number}", "give the location's slug (its file name in content/local-info/locations/)")
        if cells.get("schedules"):
            column = f"location{number}_schedules"
            location["schedules"] = [s for s in (_parse_schedule(v, column, problem)
                                                 for v in _split(cells["schedules"])) if s]
        locations.append(location)
    return locations


def _parse_phone(text: str, problem) -> dict | None:
    match = _PHONE.match(text)
    if not match:
        problem("phones", f"{text!r} is not `NUMBER (kind, free): description`")
        return None
    phone: dict[str, Any] = {"number": match.group("number").strip()}
    for flag in [f.strip() for f in (match.group("flags") or "").split(",") if f.strip()]:
        if flag in ("voice", "text", "voice-and-text"):
            phone["kind"] = flag
        elif flag == "free":
            phone["free"] = True
        else:
            problem("phones", f"unknown phone flag {flag!r} (use voice, text, voice-and-text, free)")
    if match.group("description"):
        phone["description"] = match.group("description").strip()
    return phone


def _parse_schedule(text: str, column: str, problem) -> dict | None:
    match = _SCHEDULE.match(text)
    if not match:
        problem(column, f"{text!r} is not `MO,TU 09:00-17:00: description`")
        return None
    days: list[str] = []
    for part in re.split(r"\s*,\s*", match.group("days").upper()):
        if "-" in part:
            first, last = [p.strip() for p in part.split("-", 1)]
            if first not in DAYS or last not in DAYS:
                problem(column, f"unknown day in {part!r} (use MO TU WE TH FR SA SU)")
                return None
            days += list(DAYS[DAYS.index(first): DAYS.index(last) + 1])
        elif part in DAYS:
            days.append(part)
        else:
            problem(column, f"unknown day {part!r} (use MO TU WE TH FR SA SU)")
            return None
    opens, closes = (f"{int(t.split(':')[0]):02d}:{t.split(':')[1]}" for t in (match.group("opens"), match.group("closes")))
    entry: dict[str, Any] = {"byday": days, "opens_at": opens, "closes_at": closes}
    if match.group("description"):
        entry["description"] = match.group("description").strip()
    return entry


def _parse_cost(text: str, problem) -> dict | None:
    match = _COST.match(text)
    if not match:
        problem("cost_options", f"{text!r} is not `option: amount CUR`, e.g. `Per session: 5 GBP`")
        return None
    amount = float(match.group("amount"))
    return {"option": match.group("option").strip(), "amount": int(amount) if amount.is_integer() else amount,
            **({"currency": match.group("currency")} if match.group("currency") else {})}


def _phone_text(phone: dict) -> str:
    flags = []
    if phone.get("kind") and phone["kind"] != "voice":
        flags.append(phone["kind"])
    if phone.get("free") is True:
        flags.append("free")
    text = str(phone.get("number", ""))
    if flags:
        text += f" ({', '.join(flags)})"
    if phone.get("description"):
        text += f": {phone['description']}"
    return text


def _schedule_text(entry: dict) -> str:
    text = f"{','.join(entry.get('byday') or [])} {entry.get('opens_at')}-{entry.get('closes_at')}"
    return text + (f": {entry['description']}" if entry.get("description") else "")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()] if value else []


def _bool(value: str, column: str, problem) -> bool | None:
    text = value.strip().lower()
    if not text:
        return None
    if text in ("yes", "y", "true", "1"):
        return True
    if text in ("no", "n", "false", "0"):
        return False
    problem(column, f"{value!r} is not yes or no")
    return None


def _int(value: str, column: str, problem) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        problem(column, f"{value!r} is not a whole number")
        return None


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(value)
    return str(value)


# Organisations and locations: one sheet each ---------------------------------------------------

PLACE_COLUMNS = {
    "organisation": ["id", "slug", "name", "description", "url", "email", "charity_number", "company_number"],
    "location": ["id", "slug", "name", "description", "address_1", "address_2", "city", "state_province",
                 "postal_code", "latitude", "longitude", "transportation", "accessibility", "accessibility_notes"],
}


def sheet_kind(header: list[str]) -> str:
    """Which sheet a header belongs to: services, or the organisations or locations sheet."""
    columns = set(header)
    if columns & {"status", "categories", "phones", "schedules"} or any(_LOCATION_COLUMN.match(c) for c in header):
        return "service"
    if columns & {"address_1", "postal_code", "latitude", "city", "transportation", "accessibility"}:
        return "location"
    if columns & {"charity_number", "company_number"} or columns <= set(PLACE_COLUMNS["organisation"]):
        return "organisation"
    return "service"


def places_csv(kind: str, records) -> str:
    """Every organisation or location as one row (the sheet `signpost import` reads back), A-Z by slug."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PLACE_COLUMNS[kind], lineterminator="\n")
    writer.writeheader()
    for record in sorted(records, key=lambda r: r.slug):
        row = {column: getattr(record, column, "") for column in PLACE_COLUMNS[kind]}
        if kind == "location":
            row["accessibility"] = SEPARATOR.join(record.accessibility)
            row["latitude"], row["longitude"] = _cell(record.latitude), _cell(record.longitude)
        writer.writerow({column: neutralise_cell(_cell(value)) for column, value in row.items()})
    return out.getvalue()


def read_place_rows(kind: str, text: str) -> tuple[list[str], list[CsvRow], list[CsvProblem]]:
    """Parse an organisations or locations sheet; every problem names its row and column."""
    header, records, problems = read_sheet(text, lambda column: column in PLACE_COLUMNS[kind])
    rows = []
    for number, cells in records:
        meta: dict[str, Any] = {}
        row_problems: list[CsvProblem] = []
        for column, value in cells.items():
            if column in ("slug", "description"):
                continue
            if column in ("latitude", "longitude"):
                try:
                    meta[column] = float(value) if value else None
                except ValueError:
                    row_problems.append(CsvProblem(number, column, f"{value!r} is not a number"))
            elif column == "accessibility":
                meta[column] = _split(value)
            else:
                meta[column] = value or None
        slug = cells.get("slug") or slugify(cells.get("name", ""))
        if not re.fullmatch(SLUG_PATTERN, slug or ""):
            row_problems.append(CsvProblem(number, "slug", f"{slug!r} is not a valid slug (lower-case letters, "
                                                           "digits and hyphens)"))
        rows.append(CsvRow(number, slug, meta, cells.get("description") if "description" in cells else None,
                           row_problems, tuple(cells)))
    return header, rows, problems
