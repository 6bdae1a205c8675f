"""The build `signpost check` runs: the real engine and plugins, in one process, with a trace.

`python -m signpost.engine.mkdocs.check_build CONFIG SITE PLAN OUT` builds
the site exactly as `mkdocs build --strict` does (same config, plugins,
languages and engine warnings), with two differences that make an
incremental check possible without a second checker that could drift:

- `PLAN` may name the pages to render (`render_only`); every other page is
  marked excluded for every language (see `parallel.drop_unassigned_pages`),
  so MkDocs knows it exists (links to it resolve) but reads and writes
  nothing for it. The findings of pages not rendered are replayed by
  `check_cache` from the run that last rendered them.
- Every finding is attributed to the page being rendered when a plugin
  reported it (or to no page: the model's, the config's and the site-wide
  checks, which always run in full), and the page titles the accessibility
  plugin compares are recorded, so duplicate titles are still found across
  pages that were not rendered this time (`titles` in PLAN).

- What a run computes from a file's bytes alone is kept in `cache_dir` (when
  PLAN names one, `.cache/check/`) for the next run, keyed by the file's
  hash: every checked PO catalog (`translations/catalog_cache.py`) and each
  page text's reading-ease score with the words' pronunciations (`check_cache.ScoreStore`) and
  translatable messages (`check_cache.MessagesStore`). Each file carries a checksum of its own
  bytes, so a damaged one is ignored. The directory's
  open-data files and the static files, which would be thrown away with the site, are not
  written, and the theme's files are listed once, not once per language pass.

A strict-mode warning does not stop the run half-way (MkDocs would abort
after the language it appeared in, skipping the others' findings): every
engine warning is a finding already, and the caller fails on it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

# None of these imports `mkdocs` (main() must choose the engine first).
from signpost.accessibility import readability
from signpost import check_cache
from signpost.engine.mkdocs.translations import catalog_cache
from signpost.engine.mkdocs.whole_build import keep_going_after_warnings
from signpost.session import SESSION
from signpost.translations import extract

TRACKER = "signpost-check-tracker"


def main(argv: list[str]) -> int:
    config_file, site_dir, plan_file, out_file = (Path(value) for value in argv)
    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    if os.environ.get("SIGNPOST_ENGINE", "").strip() == "properdocs":
        import properdocs.replacement  # noqa: F401  (every `mkdocs.*` import is ProperDocs' from here on)
    # Late, like every MkDocs import of this module: under ProperDocs the line above must come first.
    from signpost.engine.mkdocs import parallel
    if plan.get("render_only") is not None:
        os.environ[parallel.RENDER_ONLY] = str(plan_file)
    os.environ[parallel.FINDINGS_FILE] = str(out_file.with_suffix(".report.json"))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-8s-  %(message)s")
    trace = _build(config_file, site_dir, plan)
    out_file.write_text(json.dumps(trace), encoding="utf-8")
    return 0 if trace["completed"] else 1


def _build(config_file: Path, site_dir: Path, plan: dict) -> dict:
    # Late: main() chooses the engine (properdocs.replacement) before anything imports `mkdocs`.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    # MkDocs aborts each (language) build in strict mode; the findings already hold every warning.
    keep_going_after_warnings()
    _list_theme_files_once()
    _write_no_static_files()
    caches = _RunCaches(plan.get("cache_dir"), config_file)
    tracker = _tracker(plan.get("titles") or {}, plan.get("template_cache"))
    original_add = SESSION.add

    def traced_add(findings) -> None:
        findings = list(findings)
        tracker.record(findings)
        original_add(findings)

    SESSION.add = traced_add
    completed, display_prefix = True, "content"
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        config.plugins[TRACKER] = tracker
        directory = config.plugins.get("signpost/directory")
        if directory is not None:
            directory.write_open_data = False  # the site is thrown away; no finding comes from writing them
        config.plugins.on_startup(command="build", dirty=False)
        try:
            caches.load()
            build(config)
            model = getattr(config.plugins.get("signpost/content"), "model", None)
            display_prefix = getattr(model, "display_prefix", display_prefix)
            caches.save()
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, OSError, Exception) as problem:  # noqa: BLE001  the caller falls back to a full build
        completed = False
        sys.stderr.write(f"signpost check: the build stopped: {problem}\n")
    return {"completed": completed, "display_prefix": display_prefix, "report": [f.to_dict() for f in SESSION.report],
            "pages": {page: [f.to_dict() for f in found] for page, found in tracker.pages.items()},
            "rendered": sorted(tracker.rendered), "titles": tracker.titles,
            "generated_text": {page: "\n".join(texts) for page, texts in tracker.markdown.items()}}


def _list_theme_files_once() -> None:
    """Each language pass lists and filters the theme's templates again (about 14,500 names, 0.1 s a
    pass); they are the same files every pass, so they are listed once and added to each pass's files
    exactly as MkDocs adds them (a docs file of the same path still wins)."""
    # Late: main() chooses the engine (properdocs.replacement) before anything imports `mkdocs`.
    from mkdocs.structure.files import File, Files

    add_files_from_theme = Files.add_files_from_theme
    listed: dict[tuple, list[tuple[str, str]]] = {}

    def add_listed_theme_files(self, env, config) -> None:
        # mkdocs-static-i18n inserts its sitemap folder again each pass: a folder listed twice adds nothing.
        key = (tuple(dict.fromkeys(config.theme.dirs)), tuple(config.theme.static_templates))
        if key not in listed:
            found = Files([])
            add_files_from_theme(found, env, config)  # MkDocs' own listing and filter, into an empty list
            listed[key] = [(file.src_uri, file.src_dir) for file in found]
        for path, folder in listed[key]:
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    Files.add_files_from_theme = add_listed_theme_files


def _write_no_static_files() -> None:
    """The check's site is thrown away and no plugin reads a copied asset back: the theme's and the
    content's static files (about 800 a pass) are not copied into it."""
    # Late: main() chooses the engine (properdocs.replacement) before anything imports `mkdocs`.
    from mkdocs.structure.files import Files

    Files.copy_static_files = lambda self, dirty=False, *, inclusion=None: None


class _RunCaches:
    """The checked catalogs and reading-ease scores of earlier runs (see the module's docstring)."""

    def __init__(self, cache_dir: str | None, config_file: Path) -> None:
        self.folder = Path(cache_dir) if cache_dir else None
        self.config_file = config_file
        self.preloaded: set = set()
        self.scores = None
        self.messages = None
        self.read_messages = extract._page_messages

    def load(self) -> None:
        if self.folder is None:
            return
        self.key = check_cache.code_key(self.config_file)
        self.preloaded = catalog_cache.preload(self.folder / catalog_cache.CACHE_FILE, self.key)
        self.scores = check_cache.ScoreStore(self.folder / check_cache.SCORES_FILE)
        readability.use_reading_ease_cache(self.scores.cache)
        self.messages = check_cache.MessagesStore(self.folder / check_cache.MESSAGES_FILE, self.key)
        extract._page_messages = self.messages.wrap(self.read_messages)

    def save(self) -> None:
        if self.folder is None:
            return
        checked = catalog_cache.store(self.folder / catalog_cache.CACHE_FILE, self.key, self.preloaded)
        sys.stderr.write(f"signpost check: {checked} catalogs checked afresh, {len(self.preloaded)} "
                         f"from {self.folder.name}\n")
        readability.use_reading_ease_cache(None)
        self.scores.save()
        extract._page_messages = self.read_messages
        self.messages.save()


def _tracker(cached_titles: dict, template_cache: str | None):
    # Late: main() chooses the engine (properdocs.replacement) before anything imports `mkdocs`.
    from mkdocs.plugins import BasePlugin, event_priority
    from signpost.engine.mkdocs.support import content_model, current_language, page_source_path

    class CheckTracker(BasePlugin):
        """Remembers which page each finding came from, and each language's page titles."""

        def __init__(self) -> None:
            super().__init__()
            self.current: str | None = None
            self.pages: dict[str, set] = {}
            self.rendered: set[str] = set()
            self.titles: dict[str, dict[str, str]] = {}
            self.markdown: dict[str, list[str]] = {}

        def record(self, findings) -> None:
            if self.current is not None:
                self.pages.setdefault(self.current, set()).update(findings)

        def _enter(self, page) -> None:
            self.current = page_source_path(page)
            self.rendered.add(self.current)

        @event_priority(10_000)
        def on_pre_page(self, page, *, config, files):
            self._enter(page)
            return page

        @event_priority(-10_000)
        def on_page_markdown(self, markdown, *, page, config, files):
            if not page.file.abs_src_path or getattr(page.file, "generated_by", None):
                # A generated page's text (what it links to) for the next check's plan; every language's.
                self.markdown.setdefault(page_source_path(page), []).append(markdown)
            return markdown

        @event_priority(-10_000)
        def on_page_content(self, html, *, page, config, files):
            self.current = None
            return html

        @event_priority(10_000)
        def on_page_context(self, context, *, page, config, nav):
            self._enter(page)
            return context

        @event_priority(-10_000)
        def on_post_page(self, output, *, page, config):
            self.current = None
            return output

        @event_priority(10_000)
        def on_env(self, env, *, config, files):
            # Each language's build makes a new theme environment that would compile every template
            # again; Jinja's own bytecode cache (keyed on each template's source) compiles them once.
            if template_cache:
                Path(template_cache).mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(template_cache)
            return env

        @event_priority(50)  # before the accessibility plugin (0) compares this language's titles
        def on_post_build(self, *, config):
            accessibility = next((p for p in config.plugins.values() if hasattr(p, "_titles")), None)
            if accessibility is None:
                return
            language = current_language(config)
            try:
                prefix = content_model(config).display_prefix
            except RuntimeError:
                return
            rendered = {f"{prefix}/{page}" for page in self.rendered}
            seen = {file: title for title, files in accessibility._titles.items() for file in files}
            self.titles[language] = seen
            for file, title in (cached_titles.get(language) or {}).items():
                if file not in rendered and file not in seen:
                    accessibility._titles.setdefault(title, []).append(file)

    return CheckTracker()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
