"""MkDocs adapter for the local advice directory.

What it adds to a build (the pages themselves are made by `render.py`):

- the directory home, one page per category and an A-Z page, as files that
  exist in no folder; they are added in `on_files` *before* mkdocs-static-i18n
  (priority -100), so every language gets them with its alternates, and their
  Markdown is filled in *after* it, in the language being built;
- each service file's source is replaced, also in `on_files`, by the page
  Markdown made from its data. The file stays where it is (same src_uri), so
  the service page is translated like any page, from
  translations/<lang>/local-info/services/<slug>.po, and its raw front matter
  is never shown;
- the list of services on local-info topic pages (`service_categories:`);
- `open-data/services.json` and `services.csv`, written once, by the default
  language build;
- the template HTML of those pages and lists kept out of Python-Markdown's
  HTML parsing and put back after it, byte for byte (`template_html.py`).

Only pages that will be rendered get their Markdown: a page excluded from
this language pass (another worker's language in `signpost build --jobs`, a
page an incremental `signpost check` does not render again) is never read,
so making its text would be wasted work (filling every service page in every
language pass was 18% of an incremental check's CPU). The filling therefore
runs after the content plugin has excluded those pages (priority -1000).
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from signpost.directory.checks import check_model
from signpost.model.service_export import open_data_files, write_files
import signpost.engine.mkdocs.template_html as template_html
from signpost.engine.mkdocs.directory.config import DirectoryConfig
from signpost.engine.mkdocs.whole_build import start_helper
from signpost.directory.render import (A_TO_Z, HOME, DirectoryContext, a_to_z_source, category_page,
                                       category_source, forget_translations, generated_pages, home_source,
                                       service_page, service_source, topic_services_markdown,
                                       unreadable_service_source)
from signpost.engine.mkdocs.support import (content_model, current_language, default_language, is_inner_language_build,
                                     page_source_path)
from signpost.model.services import SERVICES_DIR, is_place_file, is_service_file
from signpost.session import SESSION

log = get_plugin_logger(__name__)

ASSETS = ("assets/signpost/directory.css", "assets/signpost/directory.js")


class _OpenData(NamedTuple):
    """One content model's open data: the files' sizes, and their text or a folder holding them."""

    model: object
    sizes: dict[str, int]        # file name: bytes
    texts: dict[str, str] | None  # file name: text; None when written into `folder` instead
    folder: Path | None


#: The last content model's open data (see `_open_data`): one at most.
_OPEN_DATA: list[_OpenData] = []


class DirectoryPlugin(BasePlugin[DirectoryConfig]):
    """Directory pages from the service files, filters, topic lists and open data."""

    #: `signpost check` builds into a folder it throws away: it sets this to False (no findings come from
    #: writing the files; their sizes on the directory home are still computed the same way).
    write_open_data = True

    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        forget_translations()  # interface catalogs may have changed since the last build (mkdocs serve)
        self._context_for = None  # and the services' catalogs the context remembers
        css, script = ASSETS
        if css not in config.extra_css:
            config.extra_css.append(css)
        if script not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(script)
        SESSION.add(check_model(content_model(config)))
        return config

    @event_priority(0)
    def _add_pages(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages' files (before mkdocs-static-i18n multiplies them per language)."""
        if not self.config.enabled:
            return files
        model = content_model(config)
        for file in [f for f in files if is_place_file(f.src_uri)]:
            # Organisation and location files are data, shown on the services' pages, not pages of their own.
            files.remove(file)
        for src_uri in generated_pages(self._vocabulary(config)):
            if files.get_file_from_path(src_uri) is None:
                # A file "in" docs_dir that exists nowhere: mkdocs-static-i18n only
                # handles files under docs_dir; its content is set in _fill_pages.
                files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                                  inclusion=self._inclusion(src_uri)))
        for slug in model.services:
            file = files.get_file_from_path(service_page(slug))
            if file is not None:
                file.inclusion = self._inclusion(file.src_uri)
        if not config.plugins.get("i18n"):
            self._fill_pages(files, config=config)
        return files

    @event_priority(-1010)  # after the content plugin (-1000) excluded the pages this pass does not render
    def _fill_pages(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Give every directory page that will be rendered its Markdown in the language being built."""
        if not self.config.enabled:
            return files
        vocabulary = self._vocabulary(config)
        generated = {HOME: home_source, A_TO_Z: a_to_z_source}
        for category in vocabulary.categories:
            generated[category_page(category)] = lambda context, category=category: category_source(context,
                                                                                                     category)
        services = {service_page(s.slug): s for s in content_model(config).services.values()}
        self._filled = [file for file in files.documentation_pages()
                        if file.src_uri in generated or file.src_uri in services or is_service_file(file.src_uri)]
        self._filled_uris = {file.src_uri for file in self._filled}
        for file in files.documentation_pages():  # included pages only: an excluded one is never read
            if file.src_uri in generated:
                # Only the directory home shows the open-data files' sizes (made once per content model).
                context = self._context(config, with_open_data=file.src_uri == HOME)
                file.content_string = generated[file.src_uri](context)
                file.generated_by = "signpost/directory"
            elif file.src_uri in services:
                # Keep abs_src_path (the real service file) for tools that link to sources;
                # the content setter would clear it.
                file._content = service_source(self._context(config), services[file.src_uri])
            elif is_service_file(file.src_uri):
                # Unreadable (bad YAML, not UTF-8, ...): the findings say why; never show its raw text.
                file._content = unreadable_service_source(self._context(config),
                                                          file.src_uri.rsplit("/", 1)[-1][:-3])
        return files

    on_files = CombinedEvent(_add_pages, _fill_pages)

    def _note_service_and_list_services(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        self._appended = None
        if not self.config.enabled:
            return markdown
        model = content_model(config)
        source = page_source_path(page)
        folder, _, name = source.rpartition("/")
        service = model.services.get(name[:-3]) if folder == SERVICES_DIR else None
        if service is not None:
            page.meta["signpost_service"] = service  # templates and other plugins read the validated service
        if not self.config.list_on_topic_pages:
            return markdown
        meta = model.page(source)
        if meta is None or not meta.service_categories:
            return markdown
        listed = topic_services_markdown(self._context(config), meta.path, meta.service_categories)
        self._appended = (page, listed)
        return markdown.rstrip() + "\n" + listed

    @event_priority(-20_000)  # last: after every plugin read or changed the Markdown (`signpost check`'s at -10,000)
    def _lift_template_html(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        """The directory's own HTML out of Python-Markdown's way (see template_html.py): its whole pages,
        or the list it appended to a topic page."""
        self._lifted = None
        if page.file.src_uri in getattr(self, "_filled_uris", ()):
            start = 0
        elif self._appended and self._appended[0] is page and markdown.endswith(self._appended[1]):
            start = len(markdown) - len(self._appended[1])
        else:
            return markdown
        lifted, blocks = template_html.lift(markdown, start)
        if blocks:
            self._lifted = (page, blocks, markdown)
        return lifted

    on_page_markdown = CombinedEvent(_note_service_and_list_services, _lift_template_html)

    @event_priority(10_000)  # first: every other plugin reads the page as Python-Markdown would have made it
    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files: Files) -> str:
        lifted, self._lifted = getattr(self, "_lifted", None), None
        if lifted is None or lifted[0] is not page:
            return html
        _, blocks, markdown = lifted
        try:
            restored = template_html.restore(html, blocks)
        except template_html.TemplateHtmlLost as problem:
            # The page's own Markdown swallowed a placeholder (an unclosed code block above the list):
            # render it as it was written, unlifted, so it looks exactly as it would have.
            log.debug(f"{page.file.src_uri}: {problem}; rendered again without lifting")
            page.markdown = markdown
            page.render(config, files)
            return page.content
        page.present_anchor_ids = (page.present_anchor_ids or set()) | template_html.anchor_ids(blocks)
        return restored

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Each pass's pages have read their Markdown; mkdocs-static-i18n keeps every pass's files to
        # the end of the build, so the text made for them would stay in memory (about 4 MB per pass
        # at 300 services). Empty, not None: the preview tells a generated file by `_content`.
        for file in getattr(self, "_filled", ()):
            file._content = ""
        self._filled = []
        if not (self.config.enabled and self.config.open_data and self.write_open_data) or \
                is_inner_language_build(config):
            return
        folder = Path(config.site_dir) / self.config.open_data_dir
        folder.mkdir(parents=True, exist_ok=True)
        open_data = self._open_data(config)
        if open_data.texts is None:
            shutil.copytree(open_data.folder, folder, dirs_exist_ok=True)  # the warm-up's files (see `start_warm_up`)
        else:
            write_files(open_data.texts, folder)

    # Helpers -------------------------------------------------------------

    def _context(self, config: MkDocsConfig, *, with_open_data: bool = False) -> DirectoryContext:
        """The language's context, made once per language pass; the open-data sizes only when asked for
        (only the directory home shows them, and making the files costs a second or so)."""
        language = current_language(config)
        model = content_model(config)
        made_for = getattr(self, "_context_for", None)
        if made_for is None or made_for[0] is not model or made_for[1:] != (language, config.site_url):
            prefix = "" if language == default_language(config) else f"{language}/"
            self._context_cache = DirectoryContext(
                language=language, services=model.services, vocabulary=self._vocabulary(config),
                site_url=config.site_url or "", language_prefix=prefix, report_email=self.config.report_email,
                catalogs=model.catalogs)
            self._context_for = (model, language, config.site_url)
        context = self._context_cache
        if with_open_data and self.config.open_data:
            context = dataclasses.replace(context, open_data_sizes=tuple(self._open_data(config).sizes.items()))
        return context

    def start_warm_up(self, config: MkDocsConfig):
        """Before the parallel build forks its workers (`whole_build.warm_up`): the open data, made once.

        Every worker that renders a language's directory home shows the files' sizes, and
        writes the files at its end. The text (10 MB at 300 services) is made in a helper
        process while the other plugins warm up (about 1 s at 300 services), written into a
        private temporary folder (in the build's scratch folder beside the site: `parallel.run`
        removes it, and the next build's recovery when this one was killed), and not kept:
        each worker would inherit it and hold it to its end; a worker copies the files
        instead. The function returned waits for the helper; without its files, each worker
        makes the open data itself.
        """
        if not (self.config.enabled and self.config.open_data):
            return lambda: None
        model, vocabulary = content_model(config), self._vocabulary(config)
        work = Path(tempfile.mkdtemp(prefix="signpost-open-data-"))
        atexit.register(shutil.rmtree, work, ignore_errors=True)
        folder, sizes_file = work / "files", work / "sizes.json"

        def make_files() -> None:
            texts = open_data_files(model.services, vocabulary)
            write_files(texts, folder)
            sizes_file.write_text(json.dumps(list(_sizes(texts).items())), encoding="utf-8")  # in order

        helper_done = start_helper(make_files)

        def wait() -> None:
            if helper_done():
                sizes = dict(json.loads(sizes_file.read_text(encoding="utf-8")))
                _OPEN_DATA[:] = [_OpenData(model, sizes, None, folder)]

        return wait

    def _open_data(self, config: MkDocsConfig) -> _OpenData:
        """The open data (`_OPEN_DATA`), made once per content model (every language links to the same files).

        Kept in the module, not on the plugin: the parallel build's workers are
        forked after a warm-up with other plugin objects, and the same model.
        """
        model = content_model(config)
        if not _OPEN_DATA or _OPEN_DATA[0].model is not model:
            texts = open_data_files(model.services, self._vocabulary(config))
            _OPEN_DATA[:] = [_OpenData(model, _sizes(texts), texts, None)]
        return _OPEN_DATA[0]

    def _vocabulary(self, config: MkDocsConfig):
        return content_model(config).vocabulary  # read once by the model; its findings are in the model's report

    def _inclusion(self, src_uri: str) -> InclusionLevel:
        if self.config.services_in_nav or src_uri in (HOME, A_TO_Z):
            return InclusionLevel.UNDEFINED
        return InclusionLevel.NOT_IN_NAV


def _sizes(texts: dict[str, str]) -> dict[str, int]:
    """Each open-data file's size in bytes, in the files' order (the directory home lists them so)."""
    return {name: len(text.encode("utf-8")) for name, text in texts.items()}
