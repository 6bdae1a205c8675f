"""Checked PO catalogs kept between `signpost check` runs, keyed by each file's content hash.

Reading and checking every catalog (babel's parse, then the integrity check
of each translation, which renders its Markdown) was the largest fixed cost
of an incremental check: the glossary check, the coverage matrix, the
freshness of translations and the directory read all 356 catalogs of this
site in every run, although an edit changes one. `load_page_catalog` already
keeps each checked catalog in memory for the rest of the process (keyed on
size and modification time); this module fills that memory, before the
build starts, with the catalogs checked by an earlier run whose bytes are
unchanged, and stores the ones this run checked afresh.

Trust: an entry is used only for a file whose SHA-256 is the one it was
checked from, under the same key (signpost's code, the engine, `mkdocs.yml`,
the working folder that findings are shown relative to); the file holds a
checksum of its own bytes, so a damaged or cut-off cache is ignored (and
rewritten), never half used. Everything it holds is what `_check` would
compute again; nothing outside `.cache/` is written.

Why pickle: a checked catalog holds its usable, fuzzy and broken messages
and the findings (not babel's `Catalog`, which is dropped once checked);
pickle loads all 356 in about 0.1 s where parsing them again costs a
second, and the file lives in the
project's own `.cache/`, written by signpost (anyone able to write there can
change the project's code as easily).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from signpost.translations import catalogs as checked_catalogs

CACHE_FILE = "catalogs.pickle"
VERSION = 2  # 2: a checked catalog no longer holds babel's Catalog, its fuzzy messages are FuzzyMessage


def _memory() -> dict | None:
    """`load_page_catalog`'s in-process cache: (path, language) -> ((size, mtime_ns), PageCatalog).

    A private name of the core's catalogs module: if it is renamed the check
    loses this speed-up (and `tests/test_check_incremental.py` says so), never
    its correctness.
    """
    memory = getattr(checked_catalogs, "_CACHE", None)
    return memory if isinstance(memory, dict) else None


def _file_hash(path: Path) -> tuple[str, tuple[int, int]] | None:
    """(SHA-256, (size, mtime_ns)) of the file now, or None when it cannot be read or changed meanwhile."""
    try:
        before = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        after = path.stat()
    except OSError:
        return None
    fingerprint = (after.st_size, after.st_mtime_ns)
    return (digest, fingerprint) if (before.st_size, before.st_mtime_ns) == fingerprint else None


def _read(cache_file: Path) -> dict | None:
    try:
        data = cache_file.read_bytes()
    except OSError:
        return None
    checksum, _, payload = data.partition(b"\n")
    if hashlib.sha256(payload).hexdigest().encode() != checksum:
        return None  # damaged, cut off or not ours
    try:
        stored = pickle.loads(payload)
    except Exception:  # noqa: BLE001  a checksummed file that still does not load: ignore it
        return None
    if not (isinstance(stored, dict) and stored.get("version") == VERSION and isinstance(stored.get("key"), str)
            and isinstance(stored.get("entries"), dict)):
        return None
    return stored


def preload(cache_file: Path, key: str) -> set[tuple[str, str]]:
    """Put every stored catalog whose file is unchanged into memory; the (path, language) pairs put there."""
    memory = _memory()
    stored = _read(cache_file) if memory is not None else None
    if stored is None or stored["key"] != key:
        return set()
    loaded = set()
    for (path, language), entry in stored["entries"].items():
        if not (isinstance(entry, tuple) and len(entry) == 2 and
                isinstance(entry[1], checked_catalogs.PageCatalog)):
            continue
        digest, page_catalog = entry
        now = _file_hash(Path(path))
        if now is None or now[0] != digest or (path, language) in memory:
            continue
        memory[(path, language)] = (now[1], page_catalog)
        loaded.add((path, language))
    return loaded


def store(cache_file: Path, key: str, preloaded: set[tuple[str, str]]) -> int:
    """Keep every catalog in memory whose file is unchanged since it was checked; how many were checked
    afresh this run (nothing is written when that is none and nothing went away)."""
    memory = _memory()
    if memory is None:
        return 0
    entries = {}
    for (path, language), (fingerprint, page_catalog) in list(memory.items()):
        if not page_catalog.exists:
            continue  # a missing catalog is not cached by load_page_catalog either
        now = _file_hash(Path(path))
        if now is not None and now[1] == tuple(fingerprint):
            entries[(path, language)] = (now[0], page_catalog)
    fresh = len(set(entries) - preloaded)
    if not fresh and set(entries) == preloaded:
        return 0
    payload = pickle.dumps({"version": VERSION, "key": key, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL)
    partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        partial.replace(cache_file)  # whole or not at all
    except OSError:
        partial.unlink(missing_ok=True)
    return fresh
