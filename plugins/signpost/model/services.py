"""Directory services: one Markdown file each in content/local-info/services/<slug>.md.

The YAML front matter holds the structured fields (Open Referral UK names,
see `service_schema.py`); the Markdown body is the description. The content
model calls `load_services` once per build, beside the pages; the directory
plugin, the freshness and coverage checks and the open-data export all read
the `Service` objects it returns and never re-parse a file. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from signpost.findings import Finding, error
from signpost.model.durations import ReviewPeriod
from signpost.model.frontmatter import parse_yaml_mapping, read_document
from signpost.model.service_schema import (DAYS, DEFAULT_REVIEW, LISTED_STATUSES, RESERVED_SLUGS, e164,
                                           is_uuid, normalise_times, validate_service_meta)

SERVICES_DIR = "local-info/services"
CATEGORIES_FILE = "service-categories.yml"
ACCESSIBILITY_FILE = "accessibility-features.yml"
# ISO 639 codes babel has no name for but people use: British Sign Language, Irish Sign Language.
EXTRA_LANGUAGES = {"bfi": "British Sign Language", "isg": "Irish Sign Language"}


@dataclass(frozen=True)
class Schedule:
    """Days and times, e.g. Monday to Friday 09:00-17:00 (RFC 5545 day codes)."""

    byday: tuple[str, ...]
    opens_at: str
    closes_at: str
    description: str = ""

    @property
    def weekdays(self) -> tuple[int, ...]:
        """The days as numbers, Monday = 0 (as `date.weekday()`)."""
        return tuple(DAYS.index(day) for day in self.byday if day in DAYS)


@dataclass(frozen=True)
class Phone:
    number: str
    kind: str = "voice"
    free: bool = False
    description: str = ""

    @property
    def e164(self) -> str:
        return e164(self.number)

    @property
    def can_call(self) -> bool:
        return self.kind in ("voice", "voice-and-text")

    @property
    def can_text(self) -> bool:
        return self.kind in ("text", "voice-and-text")


@dataclass(frozen=True)
class Location:
    name: str
    address_1: str = ""
    address_2: str = ""
    city: str = ""
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    transportation: str = ""
    accessibility: tuple[str, ...] = ()
    schedules: tuple[Schedule, ...] = ()

    @property
    def address_lines(self) -> tuple[str, ...]:
        return tuple(part for part in (self.address_1, self.address_2, self.city, self.postal_code) if part)


@dataclass(frozen=True)
class Organization:
    name: str
    description: str = ""
    url: str = ""
    charity_number: str = ""
    company_number: str = ""


@dataclass(frozen=True)
class CostOption:
    option: str
    amount: float
    currency: str = "GBP"


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Service:
    """One service of the directory, validated (bad values are kept empty; findings say why)."""

    id: str
    slug: str
    path: str
    file: str
    name: str
    status: str
    categories: tuple[str, ...]
    owner: str
    last_reviewed: dt.date | None
    review_every: ReviewPeriod | None = ReviewPeriod(DEFAULT_REVIEW)
    alert: str = ""
    organization: Organization | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    eligibility: str = ""
    access: tuple[str, ...] = ()
    delivery: tuple[str, ...] = ()
    free: bool = False
    fees_description: str = ""
    cost_options: tuple[CostOption, ...] = ()
    confidential: bool = False
    confidential_note: str = ""
    url: str = ""
    email: str = ""
    phones: tuple[Phone, ...] = ()
    languages: tuple[str, ...] = ()
    locations: tuple[Location, ...] = ()
    schedules: tuple[Schedule, ...] = ()
    service_areas: tuple[str, ...] = ()
    sensitive: bool = False
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    body: str = field(default="", compare=False, hash=False, repr=False)
    body_line: int = 1
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def description(self) -> str:
        """The Markdown body: what the service offers."""
        return self.body.strip()

    @property
    def title(self) -> str:
        return self.name

    @property
    def review_by(self) -> dt.date | None:
        if self.last_reviewed is None or self.review_every is None:
            return None
        return self.review_every.after(self.last_reviewed)

    @property
    def is_listed(self) -> bool:
        """Shown in the directory and counted for coverage: active or temporarily closed."""
        return self.status in LISTED_STATUSES

    @property
    def all_schedules(self) -> tuple[Schedule, ...]:
        return self.schedules + tuple(s for location in self.locations for s in location.schedules)

    @property
    def accessibility(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for location in self.locations:
            seen.update(dict.fromkeys(location.accessibility))
        return tuple(seen)

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)


@dataclass(frozen=True)
class DirectoryVocabulary:
    """The controlled lists services are checked against."""

    categories: dict[str, Category]
    accessibility: dict[str, str]
    languages: dict[str, str]


def load_services(content_dir: Path, display_prefix: str, registry: Any,
                  section_defaults: Any) -> tuple[dict[str, Service], list[Finding]]:
    """Read and validate every service file; return services by slug and the findings."""
    from signpost.today import today
    folder = Path(content_dir) / SERVICES_DIR
    vocabulary, findings = load_vocabulary(data_dir_for(content_dir, registry))
    services: dict[str, Service] = {}
    if not folder.is_dir():
        return services, findings
    ids: dict[str, str] = {}
    slugs: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        slug = path.stem
        if "." in slug or slug.startswith(".") or slug == "index":
            continue  # translations (x.pl.md) and the generated directory home are not services
        rel = f"{SERVICES_DIR}/{path.name}"
        display = f"{display_prefix}/{rel}"
        document, problems = read_document(path, display)
        findings += problems
        if document is None:
            continue
        meta = document.meta
        normalise_times(meta)
        findings += validate_service_meta(meta, document.key_lines, display,
                                          categories=vocabulary.categories, accessibility=vocabulary.accessibility,
                                          languages=vocabulary.languages, today=today())
        findings += _slug_findings(slug, display)
        findings += _body_findings(document.body, document.body_line, display)
        findings = _with_nested_lines(findings, display, path)
        if slug.lower() in slugs:
            findings.append(error(display, f"the slug `{slug}` is already used by {slugs[slug.lower()]}", line=1,
                                  field="slug", hint="two services cannot share a page address: rename one file"))
        slugs.setdefault(slug.lower(), display)
        service = service_from(rel, display, meta, document.key_lines, document.body, document.body_line)
        if is_uuid(service.id):
            if service.id in ids:
                findings.append(error(display, f"id {service.id} is already used by {ids[service.id]}",
                                      line=service.line_of("id"), field="id",
                                      hint="every service needs its own id: `signpost new service` makes a fresh one"))
            ids.setdefault(service.id, display)
        services[slug] = service
    return services, findings


def service_from(path: str, file: str, meta: dict[str, Any], key_lines: dict[str, int],
                 body: str, body_line: int) -> Service:
    """A Service from metadata that may still hold bad values (those become empty)."""
    try:
        period = ReviewPeriod.parse(meta.get("review_every") or DEFAULT_REVIEW)
    except ValueError:
        period = None
    organization = meta.get("organization") if isinstance(meta.get("organization"), dict) else None
    return Service(
        id=_text(meta.get("id")),
        slug=Path(path).stem,
        path=path,
        file=file,
        name=_text(meta.get("name")),
        status=_text(meta.get("status")),
        categories=_strings(meta.get("categories")),
        owner=_text(meta.get("owner")),
        last_reviewed=_date(meta.get("last_reviewed")),
        review_every=period,
        alert=_text(meta.get("alert")),
        organization=Organization(**{k: _text(organization.get(k)) for k in
                                     ("name", "description", "url", "charity_number", "company_number")})
        if organization else None,
        minimum_age=_int(meta.get("minimum_age")),
        maximum_age=_int(meta.get("maximum_age")),
        eligibility=_text(meta.get("eligibility")),
        access=_strings(meta.get("access")),
        delivery=_strings(meta.get("delivery")),
        free=meta.get("free") is True,
        fees_description=_text(meta.get("fees_description")),
        cost_options=tuple(CostOption(_text(o.get("option")), float(o.get("amount") or 0), _text(o.get("currency")) or "GBP")
                           for o in _dicts(meta.get("cost_options")) if _is_number(o.get("amount"))),
        confidential=meta.get("confidential") is True,
        confidential_note=_text(meta.get("confidential_note")),
        url=_text(meta.get("url")),
        email=_text(meta.get("email")),
        phones=tuple(Phone(_text(p.get("number")), _text(p.get("kind")) or "voice", p.get("free") is True,
                           _text(p.get("description"))) for p in _dicts(meta.get("phones"))),
        languages=_strings(meta.get("languages")),
        locations=tuple(_location(entry) for entry in _dicts(meta.get("locations"))),
        schedules=_schedules(meta.get("schedules")),
        service_areas=_strings(meta.get("service_areas")),
        sensitive=meta.get("sensitive") is True,
        key_lines=dict(key_lines),
        body=body,
        body_line=body_line,
        raw=dict(meta),
    )


def load_vocabulary(data_dir: Path) -> tuple[DirectoryVocabulary, list[Finding]]:
    """Categories, accessibility features and language codes (read once per data folder state)."""
    stamp = tuple((p.stat().st_mtime_ns if p.exists() else 0) for p in
                  (data_dir / CATEGORIES_FILE, data_dir / ACCESSIBILITY_FILE))
    return _load_vocabulary(str(data_dir), stamp)


@lru_cache(maxsize=8)
def _load_vocabulary(data_dir: str, _stamp: tuple) -> tuple[DirectoryVocabulary, list[Finding]]:
    folder = Path(data_dir)
    findings: list[Finding] = []
    categories: dict[str, Category] = {}
    for entry, display in _registry_entries(folder / CATEGORIES_FILE, "categories", findings):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry.get("title"):
            findings.append(error(display, "each category needs an `id` and a `title`", field="categories"))
            continue
        categories[entry["id"]] = Category(entry["id"], str(entry["title"]), str(entry.get("description", "")))
    accessibility: dict[str, str] = {}
    for entry, display in _registry_entries(folder / ACCESSIBILITY_FILE, "features", findings):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry.get("title"):
            findings.append(error(display, "each feature needs an `id` and a `title`", field="features"))
            continue
        accessibility[entry["id"]] = str(entry["title"])
    return DirectoryVocabulary(categories, accessibility, language_names()), findings


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """ISO 639 code -> English name, from babel's locale data plus sign languages."""
    from babel import Locale
    names = {code: name for code, name in Locale("en").languages.items() if code.isalpha() and code.islower()}
    names.update(EXTRA_LANGUAGES)
    return names


def data_dir_for(content_dir: Path, registry: Any) -> Path:
    """The registries folder: beside topics.yml when the registry knows it, else <project>/data."""
    topics_file = getattr(registry, "topics_file", "")
    if topics_file:
        candidate = Path(topics_file).parent
        if (candidate / CATEGORIES_FILE).exists():
            return candidate.resolve()
    return Path(content_dir).resolve().parent / "data"


def _registry_entries(path: Path, key: str, findings: list[Finding]):
    display = f"data/{path.name}"
    if not path.is_file():
        findings.append(error(display, "the registry file is missing", hint=f"create {display}"))
        return
    data, _lines, problems = parse_yaml_mapping(path.read_text(encoding="utf-8"), display)
    findings.extend(problems)
    entries = (data or {}).get(key)
    if not isinstance(entries, list):
        findings.append(error(display, f"`{key}` must be a list", field=key))
        return
    for entry in entries:
        yield entry, display


def _slug_findings(slug: str, display: str) -> list[Finding]:
    import re
    if slug in RESERVED_SLUGS:
        return [error(display, f"the file name `{slug}.md` is used by the directory's own pages", line=1,
                      field="slug", hint="rename the file, e.g. after the service's name")]
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        return [error(display, f"the file name `{slug}.md` is not a valid slug", line=1, field="slug",
                      hint="use lower-case letters, digits and hyphens, e.g. riverside-drop-in.md")]
    return []


def _with_nested_lines(findings: list[Finding], display: str, path: Path) -> list[Finding]:
    """Point findings on nested fields (`phones[1].number`) at their own line, not their top-level key's."""
    import dataclasses
    import re

    import yaml
    nested = [f for f in findings if f.file == display and f.field and re.search(r"[\[.]", f.field)]
    if not nested:
        return findings
    lines = path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines(keepends=True)
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines))
    try:
        root = yaml.compose("".join(lines[1:closing]), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return findings
    result = []
    for finding in findings:
        line = _node_line(root, finding.field) if finding in nested else None
        result.append(dataclasses.replace(finding, line=line + 2) if line is not None else finding)
    return result


def _node_line(node: Any, field_path: str) -> int | None:
    import re

    import yaml
    line = None
    for part in re.findall(r"[^.\[\]]+", field_path):
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == part), None)
            if match is None:
                return line
            line, node = match[0].start_mark.line, match[1]
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
            line = node.start_mark.line
        else:
            return line
    return line


def _body_findings(body: str, first_line: int, display: str) -> list[Finding]:
    """HTML or script links in the description: shown as text (never run), but reported."""
    import re
    findings = []
    for number, line in enumerate(body.splitlines(), start=first_line):
        if re.search(r"<\s*/?\s*[A-Za-z!][^>]*>", line):
            findings.append(error(display, "the description contains HTML", line=number, field="description",
                                  hint="write plain text and Markdown; HTML is shown as text, never run"))
        if re.search(r"(?:\]\(|\]:)\s*(?:javascript|vbscript|data):", line, re.I):
            findings.append(error(display, "the description links to a script", line=number, field="description",
                                  hint="link only to https:// addresses, mailto: or tel:"))
    return findings


def _location(entry: dict[str, Any]) -> Location:
    def number(key: str) -> float | None:
        value = entry.get(key)
        return float(value) if _is_number(value) else None
    return Location(
        name=_text(entry.get("name")), address_1=_text(entry.get("address_1")),
        address_2=_text(entry.get("address_2")), city=_text(entry.get("city")),
        postal_code=_text(entry.get("postal_code")), latitude=number("latitude"), longitude=number("longitude"),
        transportation=_text(entry.get("transportation")), accessibility=_strings(entry.get("accessibility")),
        schedules=_schedules(entry.get("schedules")),
    )


def _schedules(value: Any) -> tuple[Schedule, ...]:
    return tuple(Schedule(_strings(s.get("byday")), _text(s.get("opens_at")), _text(s.get("closes_at")),
                          _text(s.get("description"))) for s in _dicts(value))


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
