"""What an incremental `signpost check` renders again, and how it merges the findings it replays.

The state of the last check lives in `.cache/check/state.json`: a hash of
every content and translation file, a key over everything that affects
every page (data, mkdocs.yml, signpost's code and theme, the engine, "today",
the list of file names, the service directory's files, the catalogs that
are not one page's), each page's findings from the run that last rendered
it, and each language's page titles.

Correctness first: whatever is unsure renders everything. Only edits to
pages (`content/**/*.md` outside the service directory) and to their own
catalogs (`translations/<lang>/<page>.po`, `translations/templates/<page>.pot`)
are incremental; then the pages rendered again are the edited ones, the
pages whose text (or catalog) names an edited page's file (a link or an
anchor into it may have broken or been fixed), the pages an edited page
names (so its anchors into them are checked), the home pages and every
generated page (their text comes from other files). Everything else is
answered from the model's checks (always run in full) plus the replayed
findings of pages whose inputs did not change.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from signpost.findings import Finding, Report, Severity

VERSION = 1
CONTENT, TRANSLATIONS = "content", "translations"
GLOBAL_INPUTS = ("data", "mkdocs.yml")
# The service directory's records feed topic pages, lists and generated pages: a change renders all.
SHARED_CONTENT = ("content/local-info/services/", "content/local-info/organisations/",
                  "content/local-info/locations/")
# Set by signpost itself for its own processes, not by the person checking.
INTERNAL_VARIABLES = {"SIGNPOST_FINDINGS_FILE", "SIGNPOST_WORKER_LANGUAGES", "SIGNPOST_RENDER_ONLY"}
_ENGINE_FINDING = re.compile(r"^Doc file '([^']+)'")


@dataclass
class Inputs:
    """The hashes a check compares with the last one's."""

    global_key: str
    files: dict[str, str] = field(default_factory=dict)  # content and translation files: path -> hash
    texts: dict[str, str] = field(default_factory=dict)  # pages and page catalogs: path -> text


def scan(root: Path, config_file: Path, day: str, engine: str, package: Path) -> Inputs:
    """Hash every input; keep the text of pages and catalogs (to find who links to an edited page)."""
    digest = hashlib.sha256(f"{VERSION}\n{day}\n{engine}\n".encode())
    # Settings given as environment variables (SIGNPOST_COVERAGE=enforce, ...) change what is found.
    settings = sorted((name, value) for name, value in os.environ.items()
                      if name.startswith("SIGNPOST_") and name not in INTERNAL_VARIABLES)
    digest.update(json.dumps(settings).encode())
    files: dict[str, str] = {}
    texts: dict[str, str] = {}
    for folder in (CONTENT, TRANSLATIONS):
        for path in sorted(p for p in (root / folder).rglob("*") if p.is_file()):
            rel = path.relative_to(root).as_posix()
            data = path.read_bytes()
            files[rel] = hashlib.sha256(data).hexdigest()
            if rel.endswith((".md", ".po", ".pot")):
                texts[rel] = data.decode("utf-8", errors="replace")
    digest.update("\n".join(files).encode())  # the set of file names: links resolve against it
    for rel in files:
        if not is_page_input(rel, texts):
            digest.update(f"{rel}:{files[rel]}\n".encode())
    for name in GLOBAL_INPUTS:
        target = root / name
        paths = [target] if target.is_file() else sorted(p for p in target.rglob("*") if p.is_file())
        for path in paths:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    if config_file.resolve() != (root / "mkdocs.yml").resolve() and config_file.is_file():
        digest.update(config_file.read_bytes())
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return Inputs(digest.hexdigest(), files, texts)


def page_of(rel: str) -> str | None:
    """The page (`about/contact.md`, as MkDocs names it) whose own input `rel` is, else None."""
    parts = PurePosixPath(rel).parts
    if rel.startswith(SHARED_CONTENT):
        return None
    if parts[0] == CONTENT and rel.endswith(".md") and len(parts) > 1:
        return "/".join(parts[1:])
    if parts[0] == TRANSLATIONS and len(parts) > 2 and rel.endswith((".po", ".pot")):
        return "/".join(parts[2:]).rsplit(".", 1)[0] + ".md"
    return None


def is_page_input(rel: str, texts: dict[str, str]) -> bool:
    """A page's own file or catalog (incremental); anything else (glossary, interface.po, .meta.yml) is global."""
    page = page_of(rel)
    return page is not None and f"{CONTENT}/{page}" in texts


def plan(state: dict | None, inputs: Inputs) -> list[str] | None:
    """The pages to render again, or None to render every page."""
    if not state or state.get("version") != VERSION or state.get("global_key") != inputs.global_key:
        return None
    old = state.get("files") or {}
    changed = {rel for rel in inputs.files if old.get(rel) != inputs.files[rel]}
    edited = {page_of(rel) for rel in changed}
    if None in edited:
        return None
    pages = {rel[len(CONTENT) + 1:] for rel in inputs.texts if rel.startswith(CONTENT + "/") and rel.endswith(".md")}
    documents = _documents(inputs.texts)
    render = set(edited)
    for page in edited:
        own = documents.get(page, "")
        for other in pages:
            if mentions(documents.get(other, ""), page, other) or mentions(own, other, page):
                render.add(other)
    render |= set(state.get("generated") or [])
    return sorted(render)


def _documents(texts: dict[str, str]) -> dict[str, str]:
    """Each page's text with its catalogs' (a translation can carry a link of its own)."""
    documents: dict[str, list[str]] = {}
    for rel, text in texts.items():
        page = page_of(rel)
        if page is not None:
            documents.setdefault(page, []).append(text)
    return {page: "\n".join(parts) for page, parts in documents.items()}


def mentions(text: str, target: str, source: str) -> bool:
    """Whether `text` (of page `source`) may link to page `target`: generous, never too strict."""
    path = PurePosixPath(target)
    stem = path.name[:-3] if path.name.endswith(".md") else path.name
    if stem.count(".") and path.name.endswith(".md"):
        stem = stem.split(".", 1)[0]  # a translation file (`contact.pl.md`) is linked as its page
    if not text:
        return False
    if stem != "index":
        return stem in text
    folder = path.parent.name
    return "index" in text and (not folder or folder in text or source.startswith(str(path.parent) + "/"))


def merge(state: dict | None, inputs: Inputs, trace: dict, display_prefix: str) -> tuple[Report, dict]:
    """The full report (fresh findings plus those replayed for pages not rendered) and the new state."""
    full = trace.get("partial") is not True
    rendered = set(trace["rendered"])
    fresh_pages = {page: {_finding(entry) for entry in entries} for page, entries in trace["pages"].items()}
    attributed = set().union(*fresh_pages.values()) if fresh_pages else set()
    site_wide: set[Finding] = set()
    for entry in trace["report"]:
        finding = _finding(entry)
        if finding in attributed:
            continue
        match = _ENGINE_FINDING.match(finding.message) if finding.check == "links" else None
        if match and match.group(1) in rendered:
            fresh_pages.setdefault(match.group(1), set()).add(finding)  # a link or anchor of that page
        else:
            site_wide.add(finding)
    pages_cache: dict[str, set[Finding]] = {}
    if not full and state:
        known = {rel[len(CONTENT) + 1:] for rel in inputs.texts if rel.startswith(CONTENT + "/")}
        for page, entries in (state.get("pages") or {}).items():
            if page not in rendered and page in known:
                pages_cache[page] = {_finding(entry) for entry in entries}
    for page in rendered:
        pages_cache[page] = fresh_pages.get(page, set())
    everything = set(site_wide).union(*pages_cache.values()) if pages_cache else set(site_wide)
    report = Report(Report(list(everything)).sorted())
    titles = {} if full or not state else {lang: dict(files) for lang, files in (state.get("titles") or {}).items()}
    rendered_files = {f"{display_prefix}/{page}" for page in rendered}
    for language, seen in trace["titles"].items():
        kept = {file: title for file, title in titles.get(language, {}).items() if file not in rendered_files}
        titles[language] = {**kept, **seen}
    content_pages = {rel[len(CONTENT) + 1:] for rel in inputs.texts if rel.startswith(CONTENT + "/")}
    generated = sorted(page for page in rendered if page not in content_pages) if full else \
        sorted(set(state.get("generated") or []) | {page for page in rendered if page not in content_pages})
    new_state = {"version": VERSION, "global_key": inputs.global_key, "files": inputs.files,
                 "pages": {page: [f.to_dict() for f in Report(list(found)).sorted()] for page, found in pages_cache.items()},
                 "titles": titles, "generated": generated, "report": [f.to_dict() for f in report]}
    return report, new_state


def dump_state(state: dict) -> str:
    """The state as stored: with a checksum of its own text, so a damaged file is noticed."""
    body = json.dumps(state, sort_keys=True, ensure_ascii=False)
    return json.dumps({"checksum": hashlib.sha256(body.encode()).hexdigest(), "state": body}, ensure_ascii=False)


def load_state(path: Path) -> dict | None:
    """The last check's state, or None when it is missing, damaged or not ours (never trusted blindly)."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        body = stored["state"]
        if hashlib.sha256(body.encode()).hexdigest() != stored["checksum"]:
            return None
        state = json.loads(body)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if not isinstance(state, dict) or state.get("version") != VERSION:
        return None
    try:
        for key in ("files", "pages", "titles"):
            if not isinstance(state.get(key), dict):
                return None
        for entries in list(state["pages"].values()) + [state.get("report")]:
            for entry in entries:
                _finding(entry)
        if not all(isinstance(files, dict) for files in state["titles"].values()):
            return None
        if not isinstance(state.get("generated"), list):
            return None
    except (TypeError, ValueError, KeyError, AttributeError):
        return None
    return state


def report_of(state: dict) -> Report:
    return Report([_finding(entry) for entry in state["report"]])


def _finding(entry: dict) -> Finding:
    return Finding(**{**entry, "severity": Severity(entry["severity"])})
