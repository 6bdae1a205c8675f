"""The live preview behind `signpost serve`: a saved page shows in the browser in about a second.

`mkdocs serve --dirtyreload` rebuilds the whole site on every save: it reads
`mkdocs.yml` again, makes new plugins, reloads the content model, renders
the generated directory pages and open data, and runs every site-wide check
(20 s and more on this site). This server uses MkDocs' own pieces
(`load_config`, `build`, its page steps, `LiveReloadServer`) but keeps the
result of the last full build in memory. When the only change is the body of
existing Markdown pages, it re-renders just those pages with MkDocs' own
`_populate_page` and `_build_page` (every plugin's page events run, so the
findings box and the warnings are those of a build; see `preview_pages.py`).
A saved catalog of a page (`translations/ur/...po` in an Urdu preview)
re-renders that page the same way. When a page's front matter changed too,
it is shown at once and a full build follows (review dates, navigation and site-wide checks depend on it).
Anything else (a new, deleted or renamed file, `data/`, `interface.po`,
the glossary, `mkdocs.yml`, a service or place file) is a full build, as before. Other
pages keep what they showed until the next full build (a changed first
heading shows in their navigation then).

One language at a time (`--lang`, see `preview.py`). Run as
`python -m signpost.engine.mkdocs.preview_server`; with
`SIGNPOST_ENGINE=properdocs` it runs on ProperDocs, whose `replacement`
module makes every `mkdocs.*` import below load `properdocs.*`.
"""

from __future__ import annotations

from signpost.engine import engine_name

if engine_name() == "properdocs":
    import properdocs.replacement  # noqa: F401  (before any mkdocs import)

import argparse  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

from mkdocs.commands import build as engine_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402
from mkdocs.livereload import LiveReloadServer, _serve_url  # noqa: E402
from mkdocs.plugins import BasePlugin, event_priority  # noqa: E402
from mkdocs.structure.files import InclusionLevel  # noqa: E402

from signpost.engine.mkdocs import preview_pages  # noqa: E402
from signpost.engine.mkdocs.content.plugin import log_finding  # noqa: E402
from signpost.engine.mkdocs.preview import PREVIEW_LANGUAGE  # noqa: E402
from signpost.engine.mkdocs.preview_pages import Refresh  # noqa: E402
from signpost.engine.mkdocs.project import settings_from_config  # noqa: E402
from signpost.engine.mkdocs.preview import source_language  # noqa: E402
from signpost.engine.mkdocs.support import content_model, current_language  # noqa: E402
from signpost.translations.catalogs import catalog_path  # noqa: E402
from signpost.session import SESSION  # noqa: E402

# Under `mkdocs.plugins.signpost`: the engine-warning collector leaves signpost's own messages alone.
log = logging.getLogger(f"{engine_name()}.plugins.signpost.preview")

#: How often the watcher looks at the files (seconds); MkDocs' default is 0.5.
POLLING_INTERVAL = 0.25


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="signpost serve")
    parser.add_argument("--addr", default="127.0.0.1:8000")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    _show_engine_log()
    os.environ[PREVIEW_LANGUAGE] = args.lang
    # `kill` (and a test's terminate()) must still clean up the temporary site.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        site = PreviewSite(args.config_file, args.addr)
    except MkDocsException as problem:  # a broken mkdocs.yml: say so, no traceback
        log.error(f"signpost serve: {problem}")
        return 1
    try:
        site.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    except (MkDocsException, OSError) as problem:  # the first build failed, or the address is taken
        log.error(f"signpost serve: {problem}")
        return 1
    finally:
        site.close()
    return 0


class PreviewSite:
    """One language of the project, built once in full, then page by page as files are saved."""

    def __init__(self, config_file: str, addr: str) -> None:
        self.config_file = config_file
        self.addr = addr
        self.site_dir = tempfile.mkdtemp(prefix="signpost_preview_")
        try:
            self.config = self._load_config()
        except BaseException:
            shutil.rmtree(self.site_dir, ignore_errors=True)
            raise
        self.config.plugins.on_startup(command="serve", dirty=False)
        host, port = self.config.dev_addr
        self.mount_path = urlsplit(self.config.site_url or "/").path
        self.serve_url = _serve_url(host, port, self.mount_path)
        self.recorder: BuildRecorder | None = None
        self.snapshot: dict[str, tuple[int, int]] = {}
        self.watched: list[str] = []
        self._stopping = threading.Event()
        self._full_build_due = False  # a page was shown before the whole preview caught up with it
        self.server: LiveReloadServer | None = None

    def serve(self) -> None:
        self.build_all(self.config)
        host, port = self.config.dev_addr
        server = LiveReloadServer(builder=self.rebuild, host=host, port=port, root=self.site_dir,
                                  mount_path=self.mount_path, polling_interval=POLLING_INTERVAL)
        server.error_handler = self._error_page
        self.server = server
        watcher = threading.Thread(target=self._watch, daemon=True)
        watcher.start()
        try:
            server.serve()
        finally:
            self._stopping.set()
            server.shutdown()

    def _watch(self) -> None:
        """Ask the server for a rebuild whenever the watched files differ from what was last built.

        Why not `server.watch()`: watchdog's observer takes its first look at the files some time
        after it starts, so a page saved just after the first build could go unnoticed for good.
        Comparing with the snapshot taken when the build began misses nothing.
        """
        seen = self.snapshot
        while not self._stopping.wait(POLLING_INTERVAL):
            current = _snapshot(self.watched)
            if current == seen:
                continue
            seen = current
            if current != self.snapshot:
                self._request_rebuild()

    def _request_rebuild(self) -> None:
        # LiveReloadServer has no public "rebuild now"; this is what its own watch callback does.
        server = self.server
        if server is not None:
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

    def close(self) -> None:
        self.config.plugins.on_shutdown()
        shutil.rmtree(self.site_dir, ignore_errors=True)

    # Building ------------------------------------------------------------------------------------

    def build_all(self, config=None) -> None:
        """A full build of the preview language, as `mkdocs serve` makes it."""
        started = time.monotonic()
        self.recorder = None  # until this build succeeds, saves are full builds
        self._full_build_due = False
        self.config = config or self._load_config()
        self.watched = self._watched_paths()
        if not self.snapshot:
            self.snapshot = _snapshot(self.watched)  # before building: a save during the build is seen after it
        recorder = BuildRecorder()
        self.config.plugins["signpost/preview"] = recorder
        self.config.site_url = self.serve_url
        log.info("Building documentation...")
        engine_build.build(self.config, serve_url=self.serve_url)
        self.recorder = recorder
        log.info(f"signpost: full preview build in {time.monotonic() - started:.1f} s")

    def rebuild(self) -> None:
        """LiveReloadServer's builder: the saved pages alone when that is enough, else everything."""
        snapshot = _snapshot(self.watched)
        changed = {path for path in snapshot.keys() | self.snapshot.keys()
                   if snapshot.get(path) != self.snapshot.get(path)}
        previous, self.snapshot = self.snapshot, snapshot
        if not changed:
            if self._full_build_due:
                self.build_all()
            return
        files = self._saved_pages(changed, previous)
        if files is not None:
            started = time.monotonic()
            try:
                outcomes = [self._rebuild_page(file, catalog) for file, catalog in files]
            except Exception as problem:  # a surprise in the fast path must never leave the preview stale
                log.warning(f"signpost: re-rendering the page failed ({problem}); rebuilding everything")
                outcomes = [Refresh.CANNOT]
            if Refresh.CANNOT not in outcomes:
                names = ", ".join(file.src_uri for file, _ in files)
                log.info(f"signpost: re-rendered {names} in {time.monotonic() - started:.2f} s")
                if Refresh.FIRST in outcomes:
                    # Front matter changed: the browser shows the page now, then the rest follows.
                    log.info("signpost: front matter changed; rebuilding the whole preview next")
                    self._full_build_due = True
                    self._request_rebuild()
                return
        self.build_all()

    def _rebuild_page(self, file, catalog: Path | None) -> Refresh:
        """MkDocs' own page steps for one file, with the last build's files, navigation and environment."""
        config, recorder = self.config, self.recorder
        model = content_model(config)
        if catalog is None:
            outcome = preview_pages.refresh_model_page(model, file.src_uri)
        else:
            outcome = preview_pages.refresh_catalog(model, file.src_uri, catalog, current_language(config))
        if outcome is Refresh.CANNOT:
            return outcome
        inclusion = InclusionLevel.is_in_serve
        doc_files = recorder.files.documentation_pages(inclusion=inclusion)
        page = file.page
        engine_build._populate_page(page, config, recorder.files)
        engine_build._build_page(page, config, doc_files, recorder.nav, recorder.env,
                                 excluded=file.inclusion.is_excluded())
        page.validate_anchor_links(files=recorder.files, log_level=config.validation.links.anchors)
        display = f"{model.display_prefix}/{file.src_uri}"
        SESSION.add(preview_pages.engine_findings_for(model, file.src_uri))  # the anchors, checked last
        for finding in SESSION.report.for_file(display):
            log_finding(finding)
        return outcome

    # Helpers -------------------------------------------------------------------------------------

    def _load_config(self):
        return load_config(config_file=self.config_file, site_dir=self.site_dir, dev_addr=self.addr)

    def _saved_pages(self, changed: set[str], previous: dict) -> list | None:
        """(page file, saved catalog or None) for each saved page or page catalog, or None for a full build."""
        if self.recorder is None or self.recorder.files is None:
            return None
        by_source = {os.path.abspath(file.abs_src_path): file
                     for file in self.recorder.files.documentation_pages()
                     if file.abs_src_path and file.page is not None and getattr(file, "_content", None) is None}
        catalogs = self._page_catalogs(by_source.values())
        result = []
        for path in changed:
            if path not in previous or not os.path.isfile(path):
                return None  # new or deleted
            if path in by_source:
                result.append((by_source[path], None))
            elif path in catalogs:
                result.append((catalogs[path], Path(path)))
            else:
                return None  # data, the configuration, a service or place file, another language's catalog
        return result

    def _page_catalogs(self, files) -> dict[str, object]:
        """The catalogs the pages of this preview are translated from (none in a preview of English)."""
        language = current_language(self.config)
        if language == source_language(self.config):
            return {}
        folder = content_model(self.config).settings.translations_dir
        return {os.path.abspath(catalog_path(folder, language, file.src_uri)): file for file in files}

    def _watched_paths(self) -> list[str]:
        """The content, the configuration, and what the pages are made from (data and catalogs)."""
        config = self.config
        settings = settings_from_config(config)
        paths = [config.docs_dir, config.config_file_path, *config.watch, settings.data_dir, settings.translations_dir]
        return sorted({os.path.abspath(path) for path in map(str, paths) if path and os.path.exists(path)})

    def _error_page(self, code: int) -> bytes | None:
        page = Path(self.site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None


class BuildRecorder(BasePlugin):
    """Keeps the last full build's files, navigation and template environment for page re-renders."""

    files = None
    nav = None
    env = None

    @event_priority(-10000)  # after every other plugin has changed them
    def on_nav(self, nav, *, config, files):
        self.nav, self.files = nav, files
        return nav

    @event_priority(-10000)
    def on_env(self, env, *, config, files):
        self.env, self.files = env, files
        return env

    @event_priority(1000)  # before signpost/content draws the page's findings box
    def on_page_content(self, html, *, page, config, files):
        # Broken links are logged while the page renders: show them in its box too, not only in the terminal.
        SESSION.add(preview_pages.engine_findings_for(content_model(config), page.file.src_uri))
        return html


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def _snapshot(paths: list[str]) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file under the watched paths."""
    result = {}
    for path in paths:
        if os.path.isfile(path):
            stat = os.stat(path)
            result[path] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
            for name in names:
                if _is_editor_scratch(name):
                    continue
                full = os.path.join(folder, name)
                try:
                    stat = os.stat(full)
                except OSError:
                    continue
                result[full] = (stat.st_mtime_ns, stat.st_size)
    return result


def _is_editor_scratch(name: str) -> bool:
    """Editors' swap, lock and backup files: never part of the site, and rewritten while typing.

    (Not every dot file: a folder's `.meta.yml` holds its pages' defaults.)
    """
    return name.endswith(("~", ".swp", ".swx", ".swo")) or name.startswith(".#") or name == "4913"


def _show_engine_log() -> None:
    """INFO and above from the engine and its plugins, as `mkdocs serve` shows them."""
    logger = logging.getLogger(engine_name())
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s -  %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


if __name__ == "__main__":
    raise SystemExit(main())
