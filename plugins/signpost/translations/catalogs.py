"""PO catalogs on disk: where they live, reading them safely, looking messages up.

Layout: `translations/<lang>/<content path without .md>.po` for each page
(`translations/pl/charter/index.po` for `content/charter/index.md`) and
`translations/<lang>/interface.po` for the strings signpost itself adds.
Catalogs are ordinary gettext files (Poedit, Weblate, `msgfmt -c` read them);
babel reads and writes them. A malformed file is a Finding with its line,
never a traceback. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from signpost.findings import Finding, error
from signpost.translations.integrity import integrity_problems
from signpost.translations.po_format import read_previous_ids

#: The catalog of the strings signpost adds to pages (notices, labels), one per language.
INTERFACE_CATALOG = "interface.po"

CHECK = "translations"
SOURCE_CHANGED = "source-changed:"
#: A translator comment (`# machine-draft`) on a message, or a line of the file's header comment:
#: written by a machine, not yet checked by a native speaker. Translator comments survive
#: Poedit, Weblate and `msgmerge` (see docs/translators.md); `#.` comments and custom flags do not.
MACHINE_DRAFT = "machine-draft"


def catalog_path(translations_dir: Path | str, language: str, content_path: str) -> Path:
    """`translations/pl/charter/index.po` for `charter/index.md`."""
    stem = content_path[:-3] if content_path.endswith(".md") else content_path
    return Path(translations_dir) / language / f"{stem}.po"


def content_path_of(translations_dir: Path | str, language: str, po_file: Path) -> str | None:
    """The content path a page catalog belongs to, or None for the interface catalog."""
    relative = po_file.relative_to(Path(translations_dir) / language).as_posix()
    return None if relative == INTERFACE_CATALOG else relative[:-3] + ".md"


def display(path: Path) -> str:
    """A path as people see it in findings: relative to the working folder when possible."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class TranslatedMessage:
    """A usable translation and where it is written."""

    string: str
    line: int | None


@dataclass
class PageCatalog:
    """One page's catalog in one language, checked: usable translations, fuzzy ones, findings."""

    path: Path
    language: str
    exists: bool = False
    catalog: Catalog | None = None
    usable: dict[str, TranslatedMessage] = field(default_factory=dict)
    plurals: dict[str, tuple[str, ...]] = field(default_factory=dict)  # singular msgid -> msgstr[0..n]
    fuzzy: dict[str, Message] = field(default_factory=dict)
    drafts: set[str] = field(default_factory=set)  # usable msgids that are machine drafts
    draft_catalog: bool = False
    broken: dict[str, list[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def translate(self, msgid: str) -> str | None:
        """The translation to publish, or None (untranslated, fuzzy or broken: English is shown)."""
        found = self.usable.get(msgid)
        return found.string if found else None

    @property
    def has_translations(self) -> bool:
        return bool(self.usable)

    def is_draft(self, msgid: str) -> bool:
        """The published translation of `msgid` is a machine draft nobody has reviewed yet."""
        return msgid in self.drafts


_CACHE: dict[tuple[str, str], tuple[tuple[int, int], PageCatalog]] = {}


def load_page_catalog(path: Path, language: str) -> PageCatalog:
    """Read and check a catalog (cached on size and modification time; missing file = empty catalog)."""
    try:
        stat = path.stat()
    except OSError:
        return PageCatalog(path, language)
    key, fingerprint = (str(path), language), (stat.st_size, stat.st_mtime_ns)
    cached = _CACHE.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    page_catalog = _check(path, language)
    _CACHE[key] = (fingerprint, page_catalog)
    return page_catalog


def read_catalog(path: Path, language: str) -> tuple[Catalog | None, list[Finding]]:
    """A PO file as a babel Catalog, or None and a finding naming the line that is wrong."""
    where = display(path)
    from signpost.safety.limits import MAX_CATALOG_BYTES, size_problem
    try:
        too_big = size_problem(path.stat().st_size, MAX_CATALOG_BYTES, "PO file")
        if too_big:
            return None, [error(where, too_big, hint="split the catalog, or check it is a real PO file", check=CHECK)]
        strict = _strict_syntax_problem(path.read_bytes())
        if strict:
            line, reason = strict
            return None, [error(where, f"the PO file is malformed: {reason}", line=line, check=CHECK,
                                hint="fix the line (`msgfmt -c` shows the same problem), or run "
                                     "`signpost translations extract` to rewrite the file")]
        with path.open("rb") as handle:
            return read_previous_ids(read_po(handle, locale=language, abort_invalid=True)), []
    except PoFileError as problem:
        line = problem.lineno + 1
        return None, [error(where, f"the PO file is malformed: {problem.args[0].rsplit(' on ', 1)[0]}", line=line,
                            hint="fix the line (a PO tool such as Poedit or `msgfmt -c` shows the problem), "
                                 "or run `signpost translations extract` to rewrite the file", check=CHECK)]
    except (UnicodeDecodeError, ValueError, LookupError) as problem:
        line = _line_of_problem(path)
        return None, [error(where, f"the PO file cannot be read: {problem}", line=line,
                            hint="save it as UTF-8 with `charset=UTF-8` in its header", check=CHECK)]
    except OSError as problem:
        return None, [error(where, f"the PO file cannot be opened: {problem.strerror}", check=CHECK)]


def _strict_syntax_problem(data: bytes) -> tuple[int, str] | None:
    """What msgfmt would refuse and babel silently repairs (signpost.safety.po); None when fine."""
    from signpost.safety.po import charset_problem, po_syntax_problem
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # babel's reading reports it, with the line
    return po_syntax_problem(text) or charset_problem(text)


def source_changed_date(message: Message) -> dt.date | None:
    """When the English source of a fuzzy message changed (the `#. source-changed:` comment extract writes)."""
    for comment in message.auto_comments:
        if comment.startswith(SOURCE_CHANGED):
            try:
                return dt.date.fromisoformat(comment[len(SOURCE_CHANGED):].strip())
            except ValueError:
                return None
    return None


def _check(path: Path, language: str) -> PageCatalog:
    page_catalog = PageCatalog(path, language, exists=True)
    catalog, findings = read_catalog(path, language)
    page_catalog.findings.extend(findings)
    if catalog is None:
        return page_catalog
    page_catalog.catalog = catalog
    page_catalog.draft_catalog = is_draft_catalog(catalog)
    where = display(path)
    markdown = path.name != INTERFACE_CATALOG
    for message in catalog:
        if not message.id or not message.string:
            continue
        key = message_key(message)
        if message.fuzzy:
            page_catalog.fuzzy[key] = message
            continue
        strings = _strings(message)
        if not all(strings):
            continue  # a plural message with a form left empty is not translated yet
        source = message.id if isinstance(message.id, str) else message.id[1]
        problems = [problem for string in dict.fromkeys(strings)
                    for problem in integrity_problems(source, string, markdown=markdown)]
        if problems:
            page_catalog.broken[key] = problems
            page_catalog.findings.append(error(
                where, f"translation of \"{_short(source)}\": " + "; ".join(dict.fromkeys(problems)),
                line=message.lineno, field="msgstr",
                hint="keep every link target, email address, phone number and number exactly as in the English "
                     "message (the English text is published until this is fixed)", check=CHECK))
            continue
        if isinstance(message.id, str):
            page_catalog.usable[key] = TranslatedMessage(strings[0], message.lineno)
        else:
            page_catalog.plurals[key] = tuple(strings)
        if page_catalog.draft_catalog or is_draft_message(message):
            page_catalog.drafts.add(key)
    return page_catalog


def message_key(message: Message) -> str:
    """How signpost looks a message up: its msgid (the singular one), behind `context\\x04` as gettext does."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return f"{message.context}\x04{msgid}" if message.context else msgid


def is_draft_catalog(catalog: Catalog) -> bool:
    """The file's header comment has a `# machine-draft` line: every translation in it is a draft."""
    return any(line.lstrip("# ").startswith(MACHINE_DRAFT) for line in (catalog.header_comment or "").splitlines())


def is_draft_message(message: Message) -> bool:
    return any(comment.strip().startswith(MACHINE_DRAFT) for comment in message.user_comments)


def _strings(message: Message) -> list[str]:
    if isinstance(message.string, str):
        return [message.string]
    return list(message.string)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line_of_problem(path: Path) -> int | None:
    """The first line that is not valid UTF-8, when that is the problem."""
    for number, raw in enumerate(path.read_bytes().splitlines(), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return None


def find_catalogs(translations_dir: Path | str, language: str) -> list[Path]:
    """Every `.po` file of a language, sorted."""
    folder = Path(translations_dir) / language
    return sorted(folder.rglob("*.po")) if folder.is_dir() else []

