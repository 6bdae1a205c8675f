"""The PO catalogs of `translations/`: where each lives and reading one safely.

Layout: `translations/<lang>/<content path without .md>.po` for each page
(`translations/pl/charter/index.po` for `content/charter/index.md`) and
`translations/<lang>/interface.po` for the strings signpost itself adds.
Catalogs are ordinary gettext files (Poedit, Weblate, `msgfmt -c` read them);
babel reads and writes them. A malformed file is a Finding with its line, never a
traceback. The content model owns this (`ContentModel.catalogs`) like it owns the
pages and registries; the translations feature checks what is read
(`signpost.translations.catalogs.load_page_catalog`). Engine-free.
"""

from __future__ import annotations

import errno
import io
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError

from signpost.findings import Finding, error
from signpost.model.po_reading import read_po_file
from signpost.safety.limits import MAX_CATALOG_BYTES, size_problem
from signpost.safety.po import charset_problem, po_syntax_problem
from signpost.translations.po_format import read_previous_ids

#: The catalog of the strings signpost adds to pages (notices, labels), one per language.
INTERFACE_CATALOG = "interface.po"
CHECK = "translations"


@dataclass(frozen=True)
class Catalogs:
    """The project's translations folder as the model sees it: which catalog belongs to what."""

    translations_dir: Path

    def path(self, language: str, content_path: str) -> Path:
        """The catalog of a page (`charter/index.md`) in `language`."""
        return catalog_path(self.translations_dir, language, content_path)

    def interface(self, language: str) -> Path:
        """The catalog of signpost's own interface strings in `language`."""
        return Path(self.translations_dir) / language / INTERFACE_CATALOG

    def files(self, language: str) -> list[Path]:
        """Every `.po` file of `language`, sorted."""
        return find_catalogs(self.translations_dir, language)

    def content_path(self, language: str, po_file: Path) -> str | None:
        """The page a catalog file belongs to (None for the interface catalog)."""
        return content_path_of(self.translations_dir, language, po_file)

    def read(self, language: str, content_path: str) -> tuple[Catalog | None, list[Finding]]:
        """A page's catalog as babel reads it (None and a finding when it is malformed or missing)."""
        return read_catalog(self.path(language, content_path), language)

    def text(self, language: str, content_path: str) -> str | None:
        """A page's catalog as text (for checks that point at its lines), None when missing or not UTF-8."""
        data = catalog_bytes(self.path(language, content_path))
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            return None


@lru_cache(maxsize=16384)  # asked for every page in every language, in every pass (a path is never changed)
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
    return _relative_to(str(path), os.getcwd())


@lru_cache(maxsize=8192)
def _relative_to(path: str, working_folder: str) -> str:
    """`display`, once per catalog and working folder: the status of every page of every language
    asks for each name again, and `os.path.relpath` is a walk over both paths each time."""
    try:
        return Path(os.path.relpath(path, working_folder)).as_posix()
    except ValueError:
        return Path(path).as_posix()


_BYTES: dict[str, tuple[tuple[int, int], bytes]] = {}
_KEEP_BYTES = [True]


def catalog_bytes(path: Path) -> bytes | None:
    """A PO file's bytes, read once while its size and modification time stay the same (None: missing).

    Every reader of a catalog in a build (the strict syntax check, babel, the accessibility
    checks that point at msgstr lines) starts from these bytes, so each file is read once.
    Files over the size limit are not read (`read_catalog` reports them).
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    stamp = (stat.st_size, stat.st_mtime_ns)
    cached = _BYTES.get(str(path))
    if cached and cached[0] == stamp:
        return cached[1]
    if stat.st_size > MAX_CATALOG_BYTES:
        return None
    data = path.read_bytes()
    if _KEEP_BYTES[0]:
        _BYTES[str(path)] = (stamp, data)
    return data


@contextmanager
def catalog_bytes_not_kept():
    """Within: `catalog_bytes` reads each file without keeping its bytes.

    For the parallel build's warm-up (`whole_build.warm_up`), which checks every
    language's catalogs once and keeps what the workers read (the checked
    catalogs), not the files' bytes: 11 MB at 400 pages + 300 services,
    inherited by each worker. The workers run within it too: each reads its
    own languages' files once more (for the accessibility checks' line
    numbers), with nothing to gain from keeping them.
    """
    _KEEP_BYTES[0] = False
    try:
        yield
    finally:
        _KEEP_BYTES[0] = True


def read_catalog(path: Path, language: str) -> tuple[Catalog | None, list[Finding]]:
    """A PO file as a babel Catalog, or None and a finding naming the line that is wrong."""
    try:
        too_big = size_problem(path.stat().st_size, MAX_CATALOG_BYTES, "PO file")
        if too_big:
            return None, [error(display(path), too_big, hint="split the catalog, or check it is a real PO file", check=CHECK)]
        data = catalog_bytes(path)
        if data is None:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
        strict = _strict_syntax_problem(data)
        if strict:
            line, reason = strict
            return None, [error(display(path), f"the PO file is malformed: {reason}", line=line, check=CHECK,
                                hint="fix the line (`msgfmt -c` shows the same problem), or run "
                                     "`signpost translations extract` to rewrite the file")]
        catalog = read_po_file(io.BytesIO(data), language)
        # babel reads a `#|` line as a comment starting with `|`: none in most files, nothing to redo.
        return (read_previous_ids(catalog) if _PREVIOUS_ID_LINE.search(data) else catalog), []
    except PoFileError as problem:
        line = problem.lineno + 1
        return None, [error(display(path), f"the PO file is malformed: {problem.args[0].rsplit(' on ', 1)[0]}", line=line,
                            hint="fix the line (a PO tool such as Poedit or `msgfmt -c` shows the problem), "
                                 "or run `signpost translations extract` to rewrite the file", check=CHECK)]
    except (UnicodeDecodeError, ValueError, LookupError) as problem:
        line = _line_of_problem(catalog_bytes(path) or b"")
        return None, [error(display(path), f"the PO file cannot be read: {problem}", line=line,
                            hint="save it as UTF-8 with `charset=UTF-8` in its header", check=CHECK)]
    except OSError as problem:
        return None, [error(display(path), f"the PO file cannot be opened: {problem.strerror}", check=CHECK)]


#: A comment line with a `|` after its `#` (a superset of what babel reads as a `#|` comment:
#: it strips the line's blanks, and any blank after the `#`, before it looks).
_PREVIOUS_ID_LINE = re.compile(rb"^[ \t\r\x0b\x0c]*#[^\n]*\|", re.M)


def _strict_syntax_problem(data: bytes) -> tuple[int, str] | None:
    """What msgfmt would refuse and babel silently repairs (signpost.safety.po); None when fine."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # babel's reading reports it, with the line
    return po_syntax_problem(text) or charset_problem(text)


def _line_of_problem(data: bytes) -> int | None:
    """The first line that is not valid UTF-8, when that is the problem."""
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return None


def find_catalogs(translations_dir: Path | str, language: str) -> list[Path]:
    """Every `.po` file of a language, sorted."""
    folder = Path(translations_dir) / language
    return sorted(folder.rglob("*.po")) if folder.is_dir() else []
