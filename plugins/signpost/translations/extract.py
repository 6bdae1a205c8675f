"""`signpost translations extract`, MkDocs-free: English pages -> PO catalogs, like `pybabel update`.

For every target language and every page, the page's current messages (its
blocks, plus front-matter `title` and `description`) are merged into
`translations/<lang>/<page>.po` with babel's `Catalog.update`:

- a new message is added untranslated;
- a changed message keeps its old translation, marked fuzzy, with the previous
  English kept (`#| msgid`) and a `#. source-changed: YYYY-MM-DD` comment (the
  date the change was first seen, kept on later runs);
- a removed message becomes obsolete (`#~`), and comes back with its
  translation if the English text returns. Nothing a translator wrote is lost.

Interface strings are collected from `interface_text(language, "literal")` and
`signpost_t("literal")` calls in signpost's code and templates into
`translations/<lang>/interface.po`. A file whose content did not change is not
rewritten (no date-only churn in git).
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog

from signpost.findings import Finding, error, warning
from signpost.l10n import INTERFACE_CATALOG
from signpost.safety.paths import outside_folder_problem
from signpost.settings import Settings
from signpost.model.services import is_service_file
from signpost.sources import data_interface_messages, translatable_page, translatable_pages
from signpost.translations.catalogs import (CHECK, SOURCE_CHANGED, catalog_path, content_path_of, display,
                                            find_catalogs, read_catalog, source_changed_date)
from signpost.translations.po_format import po_text, set_plural_forms

PROJECT = "Riverside Youth Advice"
TEAM_ADDRESS = "information-team@example.org"
NO_TRANSLATOR = f"no translator yet <{TEAM_ADDRESS}>"
TEMPLATES_DIR = "templates"  # translations/templates/*.pot, for "update from template" in Poedit and Weblate
_KIND = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
         "p": "paragraph", "li": "list item", "td": "table cell", "th": "table header cell",
         "dt": "definition term", "dd": "definition", "summary": "details title"}


@dataclass(frozen=True)
class SourceMessage:
    """One English message of a page and where it is written."""

    id: str
    locations: tuple[tuple[str, int], ...]
    comments: tuple[str, ...]
    plural: str | None = None  # msgid_plural of an ngettext string
    context: str | None = None  # msgctxt: which of an English word's meanings this is


@dataclass
class CatalogChange:
    """What one extract run did to one catalog."""

    path: str
    added: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    written: bool = False

    @property
    def messages_changed(self) -> bool:
        """New, changed or removed English messages (not just moved `#:` references)."""
        return bool(self.added or self.fuzzy or self.obsolete)


@dataclass
class ExtractResult:
    dry_run: bool = False
    changes: list[CatalogChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    templates_written: list[str] = field(default_factory=list)


def page_messages(page, settings: Settings) -> list[SourceMessage]:
    """The messages of a page (a model PageMeta): title, description, then its blocks in order."""
    reader = settings.block_reader
    if is_service_file(page.path) and hasattr(reader, "for_template_html"):
        # A service's page is the directory's template HTML around the service's own sentences
        # (`signpost.directory.translation`), never an editor's page.
        reader = reader.for_template_html()
    return list(_page_messages(page.file, page.title, page.description, page.body, page.body_line,
                               page.line_of("title") or 1, page.line_of("description") or 1, reader))


def source_ids(page, settings: Settings) -> frozenset[str]:
    return frozenset(message.id for message in page_messages(page, settings))


def extract(settings: Settings, model, *, today: dt.date, languages: list[str] | None = None,
            dry_run: bool = False) -> ExtractResult:
    """Create or update every catalog of every target language (or of `languages`).

    With `dry_run`, nothing is written: `changes[].written` says which catalogs are out of date.
    """
    result = ExtractResult(dry_run=dry_run)
    templates = {path: _template(page_messages(page, settings))
                 for path, page in sorted(translatable_pages(model).items())}
    interface = _template(interface_messages() + section_title_messages(settings.content_dir)
                          + data_messages(model))
    templates_dir = settings.translations_dir / TEMPLATES_DIR
    for content_path, template in templates.items():
        _write_template(catalog_path(templates_dir, "", content_path).with_suffix(".pot"), template, today, result)
    _write_template(templates_dir / "interface.pot", interface, today, result)
    for language in languages or settings.target_languages:
        for content_path, template in templates.items():
            po = catalog_path(settings.translations_dir, language, content_path)
            if _inside_project(po, settings, result):
                _update(po, language, template, today, result, f"content/{content_path}")
        interface_po = settings.translations_dir / language / INTERFACE_CATALOG
        if _inside_project(interface_po, settings, result):
            _update(interface_po, language, interface, today, result, "the interface strings")
    result.findings.extend(orphan_findings(settings, model, languages or settings.target_languages))
    result.orphans = [finding.file for finding in result.findings if finding.check == CHECK and "no longer" in finding.message]
    return result


def _inside_project(po: Path, settings: Settings, result: ExtractResult) -> bool:
    """Never write through `..` or a symbolic link out of the project (docs/security.md)."""
    problem = outside_folder_problem(po, settings.root)
    if problem:
        result.findings.append(error(display(po), f"not written: {problem}", check="security",
                                     hint="catalogs live in translations/<language>/; remove the link or fix the language code"))
    return problem is None


def orphan_findings(settings: Settings, model, languages: list[str]) -> list[Finding]:
    """A warning for each page catalog whose page no longer exists."""
    findings = []
    for language in languages:
        for po in find_catalogs(settings.translations_dir, language):
            content_path = content_path_of(settings.translations_dir, language, po)
            if content_path is not None and translatable_page(model, content_path) is None:
                findings.append(orphan_finding(po, content_path))
    return findings


def orphan_finding(po: Path, content_path: str) -> Finding:
    return warning(display(po), f"catalog for a page that no longer exists (content/{content_path})",
                   hint="if the page moved, move its catalog to the new path; otherwise delete the catalog",
                   check=CHECK)


def interface_messages() -> list[SourceMessage]:
    """Interface strings marked in signpost's Python code and templates."""
    package = Path(__file__).resolve().parent.parent
    found: dict[tuple, list[tuple[str, int]]] = {}
    for path in sorted(package.rglob("*.py")):
        for key, line in _python_interface_strings(path):
            found.setdefault(key, []).append((_code_display(path, package), line))
    for path in sorted(package.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for key, line in _template_interface_strings(text):
            found.setdefault(key, []).append((_code_display(path, package), line))
    return [SourceMessage(message, tuple(locations), (), plural=plural, context=context)
            for (message, plural, context), locations in found.items()]


def data_messages(model) -> list[SourceMessage]:
    """Interface strings kept in data files: category names, topic titles and descriptions."""
    found: dict[str, list[tuple[str, int]]] = {}
    for message, file, line in data_interface_messages(model):
        if message:
            found.setdefault(message, []).append((file, line))
    return [SourceMessage(message, tuple(locations), ("from a data file",)) for message, locations in found.items()]


def section_title_messages(content_dir: Path) -> list[SourceMessage]:
    """Navigation section titles, which MkDocs makes from folder names (`local-info` -> `Local info`)."""
    found: dict[str, list[tuple[str, int]]] = {}
    root = Path(content_dir)
    for folder in sorted(p for p in root.rglob("*") if p.is_dir() and any(p.glob("*.md"))):
        found.setdefault(section_title(folder.name), []).append((f"{root.name}/{folder.relative_to(root).as_posix()}/", 0))
    return [SourceMessage(title, tuple(locations), ("navigation section (folder name)",))
            for title, locations in found.items()]


def section_title(folder_name: str) -> str:
    """The title MkDocs gives a folder (mkdocs.utils.dirname_to_title)."""
    title = folder_name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


# Catalog update -------------------------------------------------------------------------------

def _update(po: Path, language: str, template: Catalog, today: dt.date, result: ExtractResult, subject: str
            ) -> None:
    change = CatalogChange(display(po))
    old_text = po.read_text(encoding="utf-8", errors="replace") if po.is_file() else None
    if old_text is not None:
        catalog, findings = read_catalog(po, language)
        if catalog is None:
            # Never overwrite a file we could not read: the translator's work is in it.
            result.findings.extend(findings)
            return
    else:
        catalog = _new_catalog(language, subject, today)
    set_plural_forms(catalog, language)
    known_fuzzy = {m.id: source_changed_date(m) for m in catalog if m.id and m.fuzzy}
    before_fuzzy = {m.id for m in catalog if m.id and m.fuzzy}
    previous_ids = {m.id: m.previous_id for m in catalog if m.id and m.fuzzy and m.previous_id}
    before_obsolete = set(catalog.obsolete)
    for message in template:
        if message.id and message.id in catalog.obsolete and message.id not in catalog:
            catalog[message.id] = catalog.obsolete.pop(message.id)  # the English came back: so does its translation
    before_ids = {m.id for m in catalog if m.id}
    catalog.update(template, update_creation_date=False)
    catalog.creation_date = dt.datetime.combine(today, dt.time(0), tzinfo=dt.timezone.utc)
    for message in catalog:
        if not message.id:
            continue
        if message.id not in before_ids and not message.fuzzy:
            change.added += 1
        if message.fuzzy:
            if not message.previous_id and message.id in previous_ids:
                message.previous_id = previous_ids[message.id]  # babel drops it on an exact match
            previous = message.previous_id[0] if message.previous_id else None
            since = known_fuzzy.get(message.id) or known_fuzzy.get(previous) or today
            message.auto_comments = [c for c in message.auto_comments if not c.startswith(SOURCE_CHANGED)]
            message.auto_comments.append(f"{SOURCE_CHANGED} {since.isoformat()}")
            if message.id not in before_fuzzy:
                change.fuzzy += 1
    change.obsolete = len(set(catalog.obsolete) - before_obsolete)
    new_text = po_text(catalog)
    if old_text is None or _without_dates(new_text) != _without_dates(old_text):
        if not result.dry_run:
            po.parent.mkdir(parents=True, exist_ok=True)
            po.write_text(new_text, encoding="utf-8")
        change.written = True
    result.changes.append(change)


def _write_template(pot: Path, template: Catalog, today: dt.date, result: ExtractResult) -> None:
    """A POT file beside the catalogs: the English messages only, for "update from template"."""
    template.creation_date = dt.datetime.combine(today, dt.time(0), tzinfo=dt.timezone.utc)
    template.msgid_bugs_address = TEAM_ADDRESS
    new_text = po_text(template)
    old_text = pot.read_text(encoding="utf-8", errors="replace") if pot.is_file() else None
    if old_text is not None and _without_dates(new_text) == _without_dates(old_text):
        return
    if not result.dry_run:
        pot.parent.mkdir(parents=True, exist_ok=True)
        pot.write_text(new_text, encoding="utf-8")
    result.templates_written.append(display(pot))


def _new_catalog(language: str, subject: str, today: dt.date) -> Catalog:
    name = Locale.parse(language).english_name
    header = (f"# {name} translation of {subject}.\n"
              "# Keep link targets, emails, phone numbers and numbers as in the msgid.\n"
              "# Fuzzy translations are published only during the grace period. See docs/translators.md.\n#")
    return Catalog(locale=language, project=PROJECT, version="1", charset="utf-8", fuzzy=False,
                   header_comment=header, copyright_holder="Riverside Youth Information and Advice Service",
                   msgid_bugs_address=TEAM_ADDRESS, language_team=f"{name} translators <{TEAM_ADDRESS}>",
                   last_translator=NO_TRANSLATOR,
                   revision_date=dt.datetime.combine(today, dt.time(0), tzinfo=dt.timezone.utc))


def _template(messages: list[SourceMessage]) -> Catalog:
    template = Catalog(project=PROJECT, charset="utf-8", fuzzy=False)
    for message in messages:
        msgid = (message.id, message.plural) if message.plural else message.id
        flags = ["python-brace-format"] if message.plural or "{" in message.id else []
        template.add(msgid, locations=sorted(set(message.locations)), auto_comments=list(message.comments),
                     context=message.context, flags=flags if _is_interface(message) else [])
    return template


def _is_interface(message: SourceMessage) -> bool:
    return all(not location[0].startswith("content/") for location in message.locations)


def _without_dates(text: str) -> str:
    return re.sub(r'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\n', "", text, flags=re.M)


# Page messages --------------------------------------------------------------------------------

@lru_cache(maxsize=2048)
def _page_messages(file: str, title: str, description: str, body: str, body_line: int, title_line: int,
                   description_line: int, read_blocks) -> tuple[SourceMessage, ...]:
    merged: dict[str, tuple[list, list]] = {}

    def add(msgid: str, line: int, comment: str) -> None:
        locations, comments = merged.setdefault(msgid, ([], []))
        if (file, line) not in locations:
            locations.append((file, line))
        if comment not in comments:
            comments.append(comment)

    if title.strip():
        add(" ".join(title.split()), title_line, "page title (front matter)")
    if description.strip():
        add(" ".join(description.split()), description_line, "page description (front matter)")
    lines = body.splitlines()
    cursor = 0
    for block in read_blocks(body):
        index = _find_line(lines, block.raw_first_line, cursor)
        if index is not None:
            cursor = index
        add(block.id, body_line + (index if index is not None else 0), _KIND.get(block.tag, block.tag))
    return tuple(SourceMessage(msgid, tuple(locations), tuple(comments))
                 for msgid, (locations, comments) in merged.items())


def _find_line(lines: list[str], needle: str, start: int) -> int | None:
    if not needle:
        return None
    for index in list(range(start, len(lines))) + list(range(0, start)):
        if needle in lines[index]:
            return index
    return None


_CALLS = {  # function: (position of the msgid, of msgid_plural, of msgctxt) among its arguments
    "interface_text": (1, None, None), "signpost_t": (0, None, None),
    "interface_ngettext": (1, 2, None), "signpost_ngettext": (0, 1, None), "plural_templates": (1, 2, None),
    "interface_pgettext": (2, None, 1), "signpost_pgettext": (1, None, 0),
}


def _python_interface_strings(path: Path) -> list[tuple[tuple, int]]:
    """((msgid, msgid_plural, msgctxt), line) of each marked call with literal strings."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return []
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name not in _CALLS:
            continue
        literals = [_literal(node.args, index) for index in _CALLS[name]]
        if literals[0] and literals[0].strip() and all(
                value is not None for value, index in zip(literals, _CALLS[name]) if index is not None):
            found.append(((literals[0], literals[1], literals[2]), node.lineno))
    return found


def _literal(args: list, index: int | None) -> str | None:
    if index is None or index >= len(args):
        return None
    node = args[index]
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


_TEMPLATE_CALL = re.compile(r"signpost_(t|ngettext|pgettext)\(\s*((?:(['\"])(?:.+?)(?<!\\)\3\s*,?\s*){1,2})")
_TEMPLATE_STRING = re.compile(r"(['\"])(.+?)(?<!\\)\1")


def _template_interface_strings(text: str) -> list[tuple[tuple, int]]:
    """The same marks in Jinja templates: `signpost_t("...")`, `signpost_ngettext("...", "...", n)`."""
    found = []
    for match in _TEMPLATE_CALL.finditer(text):
        strings = [m.group(2) for m in _TEMPLATE_STRING.finditer(match.group(2))]
        kind, line = match.group(1), text.count("\n", 0, match.start()) + 1
        if kind == "t":
            found.append(((strings[0], None, None), line))
        elif kind == "ngettext" and len(strings) == 2:
            found.append(((strings[0], strings[1], None), line))
        elif kind == "pgettext" and len(strings) == 2:
            found.append(((strings[1], None, strings[0]), line))
    return found


def _code_display(path: Path, package: Path) -> str:
    return "plugins/" + path.relative_to(package.parent).as_posix()
