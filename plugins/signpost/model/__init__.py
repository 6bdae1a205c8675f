"""The content model: every page, service and registry of the site, read and validated once.

Nothing here imports an engine. The engine adapter, the CLI and the tests all call
`load_content_model()`; a cache keyed on the files' sizes and modification
times means the per-language builds of one `mkdocs build` (and the CLI checks
that follow) share one parse. The project's settings (languages, folders, how
Markdown is read) come in as a plain `signpost.settings.Settings`, filled by
the engine adapter from its configuration, and travel with the model.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from signpost.findings import Finding, Report, error
from signpost.model.catalogs import Catalogs
from signpost.model.facts import FactRegistry, ProvidedValue, read_facts, with_provided
from signpost.model.frontmatter import parse_yaml_mapping, read_document
from signpost.model.outdated_references import OutdatedReferences, load_outdated_references
from signpost.model.pages import PageMeta, page_meta_from
from signpost.model.registry import Registry, load_registry
from signpost.model.schema import PAGE_SCHEMA, PAGE_TYPES, SECTION_DEFAULT_KEYS, validate_page_meta
from signpost.model.sections import SectionRules, load_section_rules
from signpost.model import service_places
from signpost.model import services as services_module
from signpost.safety.paths import is_refused, symlink_findings
from signpost.settings import Settings
from signpost.today import today

SECTION_DEFAULTS_FILE = ".meta.yml"

# Values another file of the model holds, referencable as `{{ fact.<key> }}` like the registry's:
# function(model) -> {"location.the-hub.address": ProvidedValue(...)} (see docs/facts.md).
FACT_PROVIDERS: tuple[Callable[["ContentModel"], dict[str, ProvidedValue]], ...] = (service_places.fact_values,)

__all__ = ["ContentModel", "PageMeta", "SectionDefaults", "load_content_model", "PAGE_SCHEMA"]


@dataclass
class SectionDefaults:
    """Defaults a folder's `.meta.yml` gives to the pages below it (nearest folder wins)."""

    by_folder: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)

    def for_path(self, path: str) -> tuple[dict[str, Any], dict[str, tuple[str, int]]]:
        """Merged defaults and their (file, line) origins for a page at `path` (content-relative)."""
        parts = path.split("/")[:-1]
        folders = [""] + ["/".join(parts[: i + 1]) for i in range(len(parts))]
        merged: dict[str, Any] = {}
        origins: dict[str, tuple[str, int]] = {}
        for folder in folders:
            merged.update(self.by_folder.get(folder, {}))
            origins.update(self.lines.get(folder, {}))
        return merged, origins


@dataclass
class ContentModel:
    """Everything the site publishes, validated. Plugins read it; none re-parses."""

    content_dir: Path
    data_dir: Path
    registry: Registry
    section_defaults: SectionDefaults
    pages: dict[str, PageMeta] = field(default_factory=dict)
    services: dict[str, services_module.Service] = field(default_factory=dict)
    # Organisations and locations the services point at (content/local-info/organisations|locations/).
    places: services_module.Places = field(default_factory=services_module.Places)
    #: The directory's controlled lists (data/service-categories.yml, data/accessibility-features.yml).
    vocabulary: services_module.DirectoryVocabulary = field(
        default_factory=lambda: services_module.DirectoryVocabulary({}, {}, {}))
    #: Required sections of each page type (data/sections.yml); its own findings go to the coverage check.
    sections: SectionRules = field(default_factory=SectionRules)
    #: Terms pages must not present as current (data/outdated-references.yml); its own findings go
    #: to the freshness check.
    outdated_references: OutdatedReferences = field(default_factory=lambda: OutdatedReferences(""))
    #: The facts registry (data/facts.yml) with the values other files provide (FACT_PROVIDERS);
    #: its own findings go to the facts check.
    facts: FactRegistry = field(default_factory=FactRegistry)
    report: Report = field(default_factory=Report)
    display_prefix: str = "content"
    #: Languages, folders and the Markdown reader of the project (single-language defaults when not given).
    settings: Settings | None = None
    # Content-relative paths of Markdown files that could not be read at all
    # (not UTF-8, empty, broken YAML): the engine must not try to render them.
    unusable: set[str] = field(default_factory=set)

    @property
    def catalogs(self) -> Catalogs:
        """The PO catalogs of `translations/` (which file belongs to which page, read safely)."""
        settings = self.settings or default_settings(self.content_dir, self.data_dir)
        return Catalogs(Path(settings.translations_dir))

    @property
    def categories(self) -> dict[str, services_module.Category]:
        """The directory's service categories by id (data/service-categories.yml)."""
        return self.vocabulary.categories

    def page(self, path: str) -> PageMeta | None:
        """The page at a content-relative path such as `charter/index.md`."""
        return self.pages.get(path)

    def body_text(self, path: str) -> str | None:
        """The Markdown body of a page or service file as read, lines kept (None: not in the model).

        Blank lines stand in for the front matter, so line N of the text is line N of the file:
        checks after rendering point at the editor's line without reading the file again.
        """
        item = self.pages.get(path)
        if item is None and path.startswith(services_module.SERVICES_DIR + "/"):
            item = self.services.get(Path(path).stem)
            item = item if item is not None and item.path == path else None
        return None if item is None else "\n" * (item.body_line - 1) + item.body

    def findings_for(self, path: str) -> list[Finding]:
        return self.report.for_file(f"{self.display_prefix}/{path}")


_CACHE: dict[tuple[str, str], tuple[tuple, ContentModel]] = {}


def load_content_model(content_dir: Path | str, data_dir: Path | str, *, use_cache: bool = True,
                       settings: Settings | None = None) -> ContentModel:
    """Read and validate every page and service; reuse the last result when no file changed.

    `settings` come from the engine adapter (`signpost.engine.mkdocs.project`); without them
    the model describes a single-language project with the default folders.
    """
    content_dir, data_dir = Path(content_dir).resolve(), Path(data_dir).resolve()
    settings = settings or default_settings(content_dir, data_dir)
    key = (str(content_dir), str(data_dir))
    fingerprint = _fingerprint(content_dir, data_dir)
    cached = _CACHE.get(key)
    if use_cache and cached and cached[0] == fingerprint and cached[1].settings == settings:
        return cached[1]
    model = _load(content_dir, data_dir, settings)
    _CACHE[key] = (fingerprint, model)
    return model


def default_settings(content_dir: Path, data_dir: Path) -> Settings:
    """Settings of a single-language project (no engine configuration read)."""
    root = content_dir.parent
    return Settings(root=root, content_dir=content_dir, data_dir=data_dir, translations_dir=root / "translations")


def _load(content_dir: Path, data_dir: Path, settings: Settings) -> ContentModel:
    prefix = _display_prefix(content_dir)
    data_prefix = _display_prefix(data_dir)
    registry, registry_findings = load_registry(data_dir, data_prefix)
    defaults, defaults_findings = _read_section_defaults(content_dir, prefix)
    model = ContentModel(content_dir, data_dir, registry, defaults, display_prefix=prefix, settings=settings)
    is_language_copy = settings.is_language_copy or (lambda path: False)
    model.report.extend(registry_findings)
    model.report.extend(defaults_findings)
    model.sections, section_findings = load_section_rules(data_dir, data_prefix, PAGE_TYPES)
    model.sections.findings = section_findings  # reported by the coverage check, which owns the rule
    model.outdated_references, reference_findings = load_outdated_references(data_dir, data_prefix)
    model.outdated_references.findings = reference_findings  # reported by the freshness check
    # "data" as the facts findings have always named the file, wherever the build runs from.
    model.facts = read_facts(data_dir, "data")  # its findings are reported by the facts check
    if not content_dir.is_dir():
        model.report.add(error(prefix, "the content folder does not exist", hint=f"create {prefix}/ with an index.md"))
        return model
    # Symbolic links leading out of the project are refused (docs/security.md): never read, never published.
    link_findings, refused = symlink_findings(content_dir, content_dir.parent, prefix)
    model.report.extend(link_findings)
    for path in sorted(_markdown_files(content_dir)):
        rel = path.relative_to(content_dir).as_posix()
        if is_refused(rel, refused):
            model.unusable.add(rel)
            continue
        if is_language_copy(rel) or services_module.is_directory_file(rel):
            continue
        page, findings = _load_page(path, rel, prefix, registry, defaults)
        model.report.extend(findings)
        if page is not None:
            model.pages[rel] = page
        else:
            model.unusable.add(rel)
    directory, service_findings = services_module.load_directory(content_dir, prefix, registry, defaults)
    model.services, model.places, model.vocabulary = directory.services, directory.places, directory.vocabulary
    model.report.extend(service_findings)
    model.facts = with_provided(model.facts, {key: value for provide in FACT_PROVIDERS
                                              for key, value in provide(model).items()})
    return model


def _load_page(path: Path, rel: str, prefix: str, registry: Registry, defaults: SectionDefaults
               ) -> tuple[PageMeta | None, list[Finding]]:
    display = f"{prefix}/{rel}"
    document, findings = read_document(path, display)
    if document is None:
        return None, findings
    folder_defaults, origins = defaults.for_path(rel)
    merged = {**folder_defaults, **document.meta}
    default_lines = {k: v for k, v in origins.items() if k not in document.meta}
    findings += validate_page_meta(merged, document.key_lines, display, registry, default_lines=default_lines)
    page = page_meta_from(rel, display, merged, document.key_lines, document.body, document.body_line)
    return page, findings


def _read_section_defaults(content_dir: Path, prefix: str) -> tuple[SectionDefaults, list[Finding]]:
    defaults = SectionDefaults()
    findings: list[Finding] = []
    if not content_dir.is_dir():
        return defaults, findings
    for meta_file in sorted(content_dir.rglob(SECTION_DEFAULTS_FILE)):
        folder = meta_file.parent.relative_to(content_dir).as_posix()
        folder = "" if folder == "." else folder
        display = f"{prefix}/{meta_file.relative_to(content_dir).as_posix()}"
        try:
            text = meta_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            findings.append(error(display, "the file is not UTF-8 text", hint="save it as UTF-8"))
            continue
        data, lines, problems = parse_yaml_mapping(text, display)
        findings += problems
        if data is None:
            continue
        for key in list(data):
            if key not in SECTION_DEFAULT_KEYS:
                findings.append(error(display, f"`{key}` cannot be a section default", line=lines.get(key), field=key,
                                      hint="section defaults may set: " + ", ".join(SECTION_DEFAULT_KEYS)))
                del data[key]
        defaults.by_folder[folder] = data
        defaults.lines[folder] = {k: (display, line) for k, line in lines.items() if k in data}
    return defaults, findings


def _markdown_files(content_dir: Path):
    for root, dirs, files in os.walk(content_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(".md") and not name.startswith("."):
                yield Path(root) / name


def _fingerprint(*folders: Path) -> tuple:
    entries = []
    for folder in folders:
        if not folder.is_dir():
            entries.append((str(folder), None))
            continue
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if d not in ("__pycache__",)]
            for name in files:
                stat = os.stat(os.path.join(root, name))
                entries.append((root, name, stat.st_mtime_ns, stat.st_size))
    return (tuple(sorted(entries)), today())


def _display_prefix(folder: Path) -> str:
    try:
        return folder.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return folder.as_posix()
