"""Directory services: one Markdown file each in content/local-info/services/<slug>.md.

The YAML front matter holds the structured fields (Open Referral UK names,
see `service_schema.py`); the Markdown body is the description. The content
model calls `load_services` once per build, beside the pages; the directory
plugin, the freshness and coverage checks and the open-data export all read
the `Service` objects it returns and never re-parse a file. MkDocs-free.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from signpost.findings import Finding, error
from signpost.model.durations import ReviewPeriod
from signpost.model.frontmatter import parse_yaml_mapping_node, read_document
from signpost.model.service_places import (LOCATIONS_DIR, ORGANISATIONS_DIR, Location, Organization, Places,
                                           load_places)
from signpost.model.service_schema import (DAYS, DEFAULT_REVIEW, LISTED_STATUSES, RESERVED_SLUGS, e164,
                                           is_uuid, normalise_times, validate_service_meta)
from signpost.model.yaml_nodes import StringDatesLoader, field_path, line_of
from signpost.safety.checks import body_findings  # the one URL policy (docs/security.md)
from signpost.safety.paths import outside_folder_problem
from signpost.today import today

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
class ServiceAtLocation:
    """A service at one of its places: the shared Location, with the service's own times there."""

    location: Location
    schedules: tuple[Schedule, ...] = ()

    # The place's details, read through, so pages can treat this like the place itself.
    name = property(lambda self: self.location.name)
    address_1 = property(lambda self: self.location.address_1)
    address_2 = property(lambda self: self.location.address_2)
    city = property(lambda self: self.location.city)
    postal_code = property(lambda self: self.location.postal_code)
    latitude = property(lambda self: self.location.latitude)
    longitude = property(lambda self: self.location.longitude)
    transportation = property(lambda self: self.location.transportation)
    accessibility = property(lambda self: self.location.accessibility)
    address_lines = property(lambda self: self.location.address_lines)


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
    organization: Organization | None = None     # resolved from `organization_ref` (None when unknown)
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
    locations: tuple[ServiceAtLocation, ...] = ()
    schedules: tuple[Schedule, ...] = ()
    service_areas: tuple[str, ...] = ()
    sensitive: bool = False
    organization_ref: str = ""                   # the slug written in the file
    location_refs: tuple[str, ...] = ()
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
    #: (file name, id) -> line of the entry's `title` (for translators' references in interface.po).
    title_lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, hash=False)


DIRECTORY_DIRS = (SERVICES_DIR, ORGANISATIONS_DIR, LOCATIONS_DIR)


def is_directory_file(rel: str) -> bool:
    """A content-relative path in the services, organisations or locations folder (data, not a page)."""
    return any(rel.startswith(folder + "/") for folder in DIRECTORY_DIRS)


def is_service_file(rel: str) -> bool:
    """A service's own file: directly in the services folder, not a translation (x.pl.md) or the home."""
    folder, _, name = rel.rpartition("/")
    return folder == SERVICES_DIR and name.endswith(".md") and name.count(".") == 1 and name != "index.md"


def is_place_file(rel: str) -> bool:
    """An organisation or location file (or its translation): data shown on service pages, never a page."""
    return any(rel.startswith(folder + "/") for folder in (ORGANISATIONS_DIR, LOCATIONS_DIR))


def load_services(content_dir: Path, display_prefix: str, registry: Any, section_defaults: Any,
                  places: Places | None = None, vocabulary: DirectoryVocabulary | None = None
                  ) -> tuple[dict[str, Service], list[Finding]]:
    """Read and validate every service file; return services by slug and the findings.

    Without `places`, the organisation and location files are read here (their findings are then
    left out: `load_directory` reports them once). Without `vocabulary`, the controlled lists are
    read here and their findings reported with the services'.
    """
    folder = Path(content_dir) / SERVICES_DIR
    findings: list[Finding] = []
    if vocabulary is None:
        vocabulary, findings = load_vocabulary(data_dir_for(content_dir, registry))
        findings = list(findings)
    if places is None:
        places, _ = load_places(content_dir, display_prefix, vocabulary.accessibility)
    services: dict[str, Service] = {}
    if not folder.is_dir():
        return services, findings
    ids: dict[str, str] = {f"{p.id}": p.file for p in (*places.organisations.values(), *places.locations.values())
                           if p.id}
    slugs: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        slug = path.stem
        if "." in slug or slug.startswith(".") or slug == "index":
            continue  # translations (x.pl.md) and the generated directory home are not services
        if path.is_symlink() and outside_folder_problem(path, Path(content_dir).parent):
            continue  # a link out of the project: refused by the model loader (docs/security.md)
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
        service = service_from(rel, display, meta, document.key_lines, document.body, document.body_line, places)
        findings += _reference_findings(service, meta, places, display)
        findings = _with_nested_lines(findings, display, path)
        if slug.lower() in slugs:
            findings.append(error(display, f"the slug `{slug}` is already used by {slugs[slug.lower()]}", line=1,
                                  field="slug", hint="two services cannot share a page address: rename one file"))
        slugs.setdefault(slug.lower(), display)
        if is_uuid(service.id):
            if service.id in ids:
                findings.append(error(display, f"id {service.id} is already used by {ids[service.id]}",
                                      line=service.line_of("id"), field="id",
                                      hint="every service needs its own id: `signpost new service` makes a fresh one"))
            ids.setdefault(service.id, display)
        services[slug] = service
    return services, findings


@dataclass
class Directory:
    """The services with the organisations and locations they point at."""

    services: dict[str, Service] = field(default_factory=dict)
    places: Places = field(default_factory=Places)
    vocabulary: DirectoryVocabulary = field(default_factory=lambda: DirectoryVocabulary({}, {}, {}))


def load_directory(content_dir: Path, display_prefix: str, registry: Any, section_defaults: Any
                   ) -> tuple[Directory, list[Finding]]:
    """The controlled lists, organisations, locations, then the services (what the content model calls).

    The vocabulary is read once here and travels in the model (`ContentModel.vocabulary`).
    """
    vocabulary, vocabulary_findings = load_vocabulary(data_dir_for(content_dir, registry))
    places, findings = load_places(content_dir, display_prefix, vocabulary.accessibility)
    services, service_findings = load_services(content_dir, display_prefix, registry, section_defaults, places,
                                               vocabulary)
    return Directory(services, places, vocabulary), list(vocabulary_findings) + findings + service_findings


def _reference_findings(service: Service, meta: dict[str, Any], places: Places, display: str) -> list[Finding]:
    """An organisation or location the service names but no file holds: file, line and the nearest match."""
    findings = []
    if service.organization_ref and service.organization is None:
        close = difflib.get_close_matches(service.organization_ref, sorted(places.organisations), n=1, cutoff=0.5)
        findings.append(error(display, f"unknown organisation `{service.organization_ref}`",
                              line=service.line_of("organization"), field="organization",
                              hint=(f"did you mean `{close[0]}`? " if close else "")
                              + f"organisations are the files in content/{ORGANISATIONS_DIR}/ "
                                "(`signpost new organisation NAME` makes one)"))
    resolved = {entry.location.slug for entry in service.locations} | {entry.location.id for entry in service.locations}
    for index, ref in enumerate(service.location_refs):
        if ref and ref not in resolved:
            close = difflib.get_close_matches(ref, sorted(places.locations), n=1, cutoff=0.5)
            findings.append(error(display, f"unknown location `{ref}`", line=service.line_of("locations"),
                                  field=f"locations[{index}].location",
                                  hint=(f"did you mean `{close[0]}`? " if close else "")
                                  + f"locations are the files in content/{LOCATIONS_DIR}/ "
                                    "(`signpost new location NAME` makes one)"))
    seen: set[str] = set()
    for index, entry in enumerate(service.locations):
        if entry.location.slug in seen:
            findings.append(error(display, f"the location `{entry.location.slug}` is listed twice",
                                  line=service.line_of("locations"), field=f"locations[{index}].location",
                                  hint="list each place once, with all of this service's times there"))
        seen.add(entry.location.slug)
    return findings


def service_from(path: str, file: str, meta: dict[str, Any], key_lines: dict[str, int],
                 body: str, body_line: int, places: Places | None = None) -> Service:
    """A Service from metadata that may still hold bad values (those become empty or unresolved)."""
    places = places or Places()
    try:
        period = ReviewPeriod.parse(meta.get("review_every") or DEFAULT_REVIEW)
    except ValueError:
        period = None
    organization_ref = _text(meta.get("organization"))
    location_entries = [entry for entry in _dicts(meta.get("locations")) if _text(entry.get("location"))]
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
        organization=places.organisation(organization_ref) if organization_ref else None,
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
        locations=tuple(ServiceAtLocation(location, _schedules(entry.get("schedules")))
                        for entry in location_entries
                        if (location := places.location(_text(entry.get("location")))) is not None),
        schedules=_schedules(meta.get("schedules")),
        service_areas=_strings(meta.get("service_areas")),
        sensitive=meta.get("sensitive") is True,
        organization_ref=organization_ref,
        location_refs=tuple(_text(entry.get("location")) for entry in location_entries),
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
    title_lines: dict[tuple[str, str], int] = {}
    for entry, display, title_line in _registry_entries(folder / CATEGORIES_FILE, "categories", findings):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry.get("title"):
            findings.append(error(display, "each category needs an `id` and a `title`", field="categories"))
            continue
        categories[entry["id"]] = Category(entry["id"], str(entry["title"]), str(entry.get("description", "")))
        title_lines[(CATEGORIES_FILE, entry["id"])] = title_line
    accessibility: dict[str, str] = {}
    for entry, display, title_line in _registry_entries(folder / ACCESSIBILITY_FILE, "features", findings):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry.get("title"):
            findings.append(error(display, "each feature needs an `id` and a `title`", field="features"))
            continue
        accessibility[entry["id"]] = str(entry["title"])
        title_lines[(ACCESSIBILITY_FILE, entry["id"])] = title_line
    return DirectoryVocabulary(categories, accessibility, language_names(), title_lines), findings


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """ISO 639 code -> English name, from babel's locale data plus sign languages."""
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
    data, node, _lines, problems = parse_yaml_mapping_node(path.read_text(encoding="utf-8"), display)
    findings.extend(problems)
    entries = (data or {}).get(key)
    if not isinstance(entries, list):
        findings.append(error(display, f"`{key}` must be a list", field=key))
        return
    for index, entry in enumerate(entries):
        yield entry, display, line_of(node, [key, index, "title"]) or 0


def _slug_findings(slug: str, display: str) -> list[Finding]:
    if slug in RESERVED_SLUGS:
        return [error(display, f"the file name `{slug}.md` is used by the directory's own pages", line=1,
                      field="slug", hint="rename the file, e.g. after the service's name")]
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        return [error(display, f"the file name `{slug}.md` is not a valid slug", line=1, field="slug",
                      hint="use lower-case letters, digits and hyphens, e.g. riverside-drop-in.md")]
    return []


def _with_nested_lines(findings: list[Finding], display: str, path: Path) -> list[Finding]:
    """Point findings on nested fields (`phones[1].number`) at their own line, not their top-level key's."""
    nested = [f for f in findings if f.file == display and f.field and re.search(r"[\[.]", f.field)]
    if not nested:
        return findings
    lines = path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines(keepends=True)
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines))
    try:
        root = yaml.compose("".join(lines[1:closing]), Loader=StringDatesLoader)
    except yaml.YAMLError:
        return findings
    result = []
    for finding in findings:
        line = line_of(root, field_path(finding.field)) if finding in nested else None
        # +1: the front matter starts below the opening `---`.
        result.append(dataclasses.replace(finding, line=line + 1) if line is not None else finding)
    return result


def _body_findings(body: str, first_line: int, display: str) -> list[Finding]:
    """HTML or unsafe links in the description: shown as text or removed (never run), but reported."""
    findings = []
    for number, line in enumerate(body.splitlines(), start=first_line):
        if re.search(r"<\s*/?\s*[A-Za-z!][^>]*>", line):
            findings.append(error(display, "the description contains HTML", line=number, field="description",
                                  hint="write plain text and Markdown; HTML is shown as text, never run"))
    return findings + body_findings(display, body, first_line)


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
