"""PO catalogs checked for publishing: usable, fuzzy and broken translations, looking messages up.

Where catalogs live (`translations/<lang>/<page>.po`, `interface.po`) and reading a PO file
safely are the content model's (`signpost.model.catalogs`, `ContentModel.catalogs`); this
module checks what was read: integrity of every translation, fuzzy and machine-draft
messages. A malformed file is a Finding with its line, never a traceback. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from signpost.findings import Finding, error
from signpost.model.po_reading import ReadCatalog
# Where catalogs live and how a PO file is read belong to the content model; these names are
# re-exported because every translations module (and the tests) use them from here.
from signpost.model.catalogs import (INTERFACE_CATALOG, Catalogs, catalog_path, content_path_of,  # noqa: F401
                                     display, find_catalogs, read_catalog)
from signpost.translations.integrity import integrity_problems

CHECK = "translations"
SOURCE_CHANGED = "source-changed:"
#: A translator comment (`# machine-draft`) on a message, or a line of the file's header comment:
#: written by a machine, not yet checked by a native speaker. Translator comments survive
#: Poedit, Weblate and `msgmerge` (see docs/translators.md); `#.` comments and custom flags do not.
MACHINE_DRAFT = "machine-draft"


@dataclass(slots=True)
class TranslatedMessage:
    """A usable translation and where it is written."""

    string: str
    line: int | None


@dataclass(frozen=True, slots=True)
class FuzzyMessage:
    """What the build keeps of a fuzzy message: its translation, the English it translated, and
    extract's comments (the `source-changed:` date). The rest of babel's Message (locations,
    flags, translator comments) is not needed once the catalog is checked."""

    string: str | tuple[str, ...]
    previous_id: list[str] | None
    auto_comments: tuple[str, ...]

    @classmethod
    def of(cls, message: Message) -> "FuzzyMessage":
        return cls(message.string, message.previous_id or None, tuple(message.auto_comments))


@dataclass
class PageCatalog:
    """One page's catalog in one language, checked: usable translations, fuzzy ones, findings.

    Babel's parsed Catalog is not kept: the build needs only these (16 MB of parsed catalogs in a
    100 + 100 site's build process, for nothing once they were checked).
    """

    path: Path
    language: str
    exists: bool = False
    usable: dict[str, TranslatedMessage] = field(default_factory=dict)
    plurals: dict[str, tuple[str, ...]] = field(default_factory=dict)  # singular msgid -> msgstr[0..n]
    fuzzy: dict[str, FuzzyMessage] = field(default_factory=dict)
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


_CACHE: dict[tuple[str, str], tuple[tuple[int, int] | None, PageCatalog]] = {}
_SETTLED = [False]


def load_page_catalog(path: Path, language: str) -> PageCatalog:
    """Read and check a catalog (cached on size and modification time; missing file = empty catalog)."""
    key = (str(path), language)
    if _SETTLED[0] and (settled := _CACHE.get(key)) is not None:
        return settled[1]
    try:
        stat = path.stat()
    except OSError:
        missing = PageCatalog(path, language)
        if _SETTLED[0]:
            _CACHE[key] = (None, missing)
        return missing
    fingerprint = (stat.st_size, stat.st_mtime_ns)
    cached = _CACHE.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    page_catalog = _check(path, language)
    _CACHE[key] = (fingerprint, page_catalog)
    return page_catalog


@contextmanager
def checked_catalogs_settled():
    """Within: a catalog looked up once is taken as it was, without asking the file system again.

    For a forked worker of the parallel build (`whole_build`), which builds its languages
    once from the catalogs the warm-up checked and then exits: every page asks its own and
    every other language's catalog (hreflang alternates, interface strings) thousands of
    times, and each lookup was a `stat` (a tenth of the translations plugin's time in a
    worker). A preview or `signpost check` process lives on while files change: not within.
    """
    _SETTLED[0] = True
    try:
        yield
    finally:
        _SETTLED[0] = False


def catalogs_settled() -> bool:
    """Within `checked_catalogs_settled`: a catalog looked up once stays as it was."""
    return _SETTLED[0]


def check_catalogs(catalogs: list[tuple[Path, str]]) -> dict:
    """Check these (path, language) catalogs; their checked entries, for another process to `adopt`."""
    for path, language in catalogs:
        load_page_catalog(path, language)
    keys = {(str(path), language) for path, language in catalogs}
    return {key: entry for key, entry in _CACHE.items() if key in keys}


def adopt(checked: dict) -> None:
    """Catalogs another process checked (`check_catalogs`): kept as if checked here (a changed file is checked
    again, as its size or modification time no longer match)."""
    _CACHE.update(checked)


def page_catalog(catalogs: Catalogs, language: str, content_path: str) -> PageCatalog:
    """The checked catalog of a page (`charter/index.md`) in `language`, from the model's catalogs."""
    return load_page_catalog(catalogs.path(language, content_path), language)


def interface_catalog(catalogs: Catalogs, language: str) -> PageCatalog:
    """The checked catalog of signpost's own strings in `language`."""
    return load_page_catalog(catalogs.interface(language), language)


def source_changed_date(message: Message | FuzzyMessage) -> dt.date | None:
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
    page_catalog.draft_catalog = is_draft_catalog(catalog)
    markdown = path.name != INTERFACE_CATALOG
    for message in catalog.messages_as_read.values():  # as `for message in catalog`, without the header
        if not message.id or not message.string:
            continue
        key = message_key(message)
        if message.fuzzy:
            page_catalog.fuzzy[key] = FuzzyMessage.of(message)
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
                display(path), f"translation of \"{_short(source)}\": " + "; ".join(dict.fromkeys(problems)),
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
    comment = catalog.header_comment_as_read if isinstance(catalog, ReadCatalog) else catalog.header_comment
    return any(line.lstrip("# ").startswith(MACHINE_DRAFT) for line in (comment or "").splitlines())


def is_draft_message(message: Message) -> bool:
    return any(comment.strip().startswith(MACHINE_DRAFT) for comment in message.user_comments)


def _strings(message: Message) -> list[str]:
    if isinstance(message.string, str):
        return [message.string]
    return list(message.string)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
