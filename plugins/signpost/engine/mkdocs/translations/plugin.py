"""MkDocs adapter for signpost/translations: per-language builds read the PO catalogs.

mkdocs-static-i18n builds every language with the English pages as fallback
pages under `/pl/`, `/ur/`, ...; this plugin translates them block by block
at render time (see `messages.py`), marks what stays English, and fixes what
the theme gets wrong for a multilingual site (document language and
direction, hreflang, sitemap, search). The domain logic is in the sibling
modules, which do not import MkDocs.
"""

from __future__ import annotations

from urllib.parse import urljoin
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import get_relative_url

from signpost import l10n
from signpost.engine.mkdocs import parallel
from signpost.engine.mkdocs.preview import source_language
from signpost.engine.mkdocs.support import (build_languages, content_model, current_language, default_language,
                                     is_inner_language_build, page_source_path)
from signpost.facts.pages import ReferenceKeepingTranslator
from signpost.findings import warning
from signpost.session import SESSION
from signpost.engine.mkdocs import material
from signpost.translations import notices, output
from signpost.translations.catalogs import catalog_path, catalogs_settled, find_catalogs, load_page_catalog
from signpost.engine.mkdocs.translations.config import TranslationsConfig
from signpost.engine.mkdocs.translations import search_indexes
from signpost.engine.mkdocs.translations.stand_in_partials import stand_in_partials
from signpost.sources import translatable_page, translatable_pages
from signpost.templating import escape, theme_text
from signpost.translations.extract import orphan_findings, source_ids
from signpost.engine.mkdocs.markdown_messages import BlockMessagesExtension
from signpost.translations.messages import PageWork
from signpost.settings import unknown_locale_findings
from signpost.translations.status import page_status
from signpost.translations.grace import GraceTranslator
from signpost.translations.glossary import glossary_findings
from signpost.today import today

class TranslationsPlugin(BasePlugin[TranslationsConfig]):
    """Translates fallback pages from PO catalogs; lang/dir, hreflang, sitemap and search per language."""

    def __init__(self) -> None:
        super().__init__()
        self.work = PageWork()
        self.extension = BlockMessagesExtension(self.work)
        self.language = "en"
        self.default = "en"
        self.settings = None
        self.model = None
        self.untranslated_urls: set[str] = set()
        self._title_fallback = False
        self._written: list = []  # this pass's written pages (`_forget_written_pages`)
        self._indexed: set[str] = set()  # the languages whose search index is written (`search_indexes`)

    # Events, in lifecycle order -------------------------------------------------------------

    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        self.model = content_model(config)
        self.settings = self.model.settings  # read from this config by signpost/content
        l10n.set_translations_dir(self.settings.translations_dir)
        # The source language (English) even in a preview of one other language (see preview.py).
        self.language, self.default = current_language(config), source_language(config)
        if not is_inner_language_build(config):
            self.untranslated_urls = set()
            self._indexed = set()
            self._check_languages(config)
            if self.config.search_per_language and "i18n" in config.plugins:
                # static-i18n's search de-duplication compares every English entry with every other
                # language's (quadratic: 70% of a profiled 100-page build's CPU), and its result is
                # overwritten by the per-language indexes `_write_search_indexes` makes from the raw
                # entries: skipped. Set on the instance: this build's plugin only.
                config.plugins["i18n"].reconfigure_search_duplicates = lambda entries: None
            if parallel.reports_site(self.default):
                SESSION.add(orphan_findings(self.settings, self.model, build_languages(config)))
            for language in self.settings.target_languages:
                if parallel.reports_language(language):  # another worker checks its own languages' catalogs
                    SESSION.add(glossary_findings(self.settings.translations_dir, language))
        if self.language != self.default and parallel.reports_language(self.language):
            SESSION.add(l10n.interface_findings(self.language))
        if self.extension not in config.markdown_extensions:
            config.markdown_extensions.append(self.extension)  # once, although on_config runs per language
        if self.config.stylesheet and self.config.stylesheet not in config.extra_css:
            config.extra_css.append(self.config.stylesheet)
        return config

    def warm_up(self, config: MkDocsConfig) -> None:
        """Before the parallel build forks its workers (`whole_build.warm_up`): what every worker needs.

        Each worker renders pages in its own languages; each page's hreflang alternates ask
        every other language's catalog whether it translates the page (`page_status`); the
        pages it translates need their English message ids. All are kept in the core's caches
        (`load_page_catalog`, `extract._page_messages`, `status.page_status`): worked out here
        once for all workers.
        """
        if not self.config.enabled or self.model is None:
            return
        for language in self.settings.target_languages:
            for po in find_catalogs(self.settings.translations_dir, language):
                load_page_catalog(po, language)
        for path, source in translatable_pages(self.model).items():
            source_ids(source, self.settings)
            if self.model.page(path) is not None:  # the pages `_has_translation` asks about
                for language in self.settings.target_languages:
                    page_status(self.settings.translations_dir, language, path, self.model, self.settings)

    def on_nav(self, nav, *, config, files):
        # Section titles come from folder names; translators find them in interface.po.
        if self.config.enabled and self.language != self.default:
            _translate_sections(nav.items, self.language)
        return nav

    def on_env(self, env, *, config, files):
        language = self.language
        env.globals["signpost_t"] = theme_text(language)  # escaped: this environment does not escape
        return env

    @event_priority(-50)
    def on_page_markdown(self, markdown, *, page, config, files):
        self.work.reset()
        self._title_fallback = False
        if not self.config.enabled or self.language == self.default:
            return markdown
        source = translatable_page(self.model, page_source_path(page))
        if source is None:
            return markdown  # generated lists: their own code translates them
        catalog = load_page_catalog(self._catalog_path(source.path), self.language)
        SESSION.add(catalog.findings)
        english_url = self._english_url(page)
        self.translator = GraceTranslator.for_page(catalog, source, today(), lambda outdated: notices.outdated_part_html(
            outdated.since, self.language, english_url, outdated.msgid))
        # Catalog msgids keep {{ fact.x }} references; the blocks being rendered hold their values.
        translator = ReferenceKeepingTranslator(self.translator, source_ids(source, self.settings), self.model,
                                                self.language)
        self.work.reset("apply", translator, translator.source_ids)
        titles = ReferenceKeepingTranslator(self.translator.plain, (source.title, source.description), self.model,
                                            self.language)
        for key, english in (("title", source.title), ("description", source.description)):
            translated = titles.translate(" ".join(english.split())) if english else None
            if translated:
                page.meta[key] = translated
            elif key == "title" and english:
                self._title_fallback = True
        return markdown

    def on_page_content(self, html, *, page, config, files):
        html = self._page_content(html, page=page)
        # Rendered: nothing reads the Markdown again (MkDocs' title falls back to it only before
        # rendering), and every page of the pass kept it until the pass's last page was written.
        page.markdown = ""
        return html

    def _page_content(self, html, *, page):
        if self.work.mode != "apply":
            return html
        fallback = self.work.fallback or self._title_fallback
        if not self.work.translated:
            self.untranslated_urls.add(page.canonical_url or page.url)
        if fallback and self.config.fallback_notice:
            html = output.insert_after_first_heading(html, self._notice(page, nothing_translated=not self.work.translated))
        told = notices.page_notices_html(self.translator, self.language, self._english_url(page))
        return output.insert_after_first_heading(html, told) if told else html

    def process_rendered_page(self, rendered, *, page, config) -> None:
        """Document language, hreflang, fallback indexing and search, on the page's one tree."""
        tree = rendered.tree
        rendered.changed = True
        material.set_document_language(tree, self.language, l10n.direction(self.language))
        if self.config.prune_alternates:
            material.rewrite_alternates(tree, self._translated_into(page),
                                        page_url=page.canonical_url, default_language=self.default)
            if self._nothing_translated(page):
                material.mark_as_fallback(tree, self._english_absolute_url(page, config))
        if self.config.search_per_language and self.language != self.default and "i18n" in config.plugins:
            material.point_search_at_language(tree, self.language)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._forget_written_pages()  # the English pass's pages, before the next language's pass

    def on_post_page(self, output, *, page, config):
        self._written.append(page)
        return output

    @event_priority(-150)  # after mkdocs-static-i18n (-100) built every language
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._forget_written_pages()
        if not self.config.enabled or "i18n" not in config.plugins:
            return
        if is_inner_language_build(config):  # a translated language's pass has ended
            if self.config.search_per_language:
                search_indexes.write_finished_language(config, self.language, self.default)
                self._indexed.add(self.language)
            return
        site = Path(config.site_dir)
        if self.config.search_per_language:
            search_indexes.write_default_and_unwritten(config, self.default, self._indexed)
        if self.config.prune_alternates:
            self._prune_sitemap(site)

    def _forget_written_pages(self) -> None:
        """Drop the HTML and Markdown of the pages already written (memory; nothing reads them again).

        mkdocs-static-i18n keeps every language pass's files, each with its `Page`, to the
        end of the build (its `i18n_files_per_language`, for the language links), so each
        page's text stayed in memory: about 7 MB per language pass at 400 pages + 300
        services. The page is written and indexed (search) by then; later passes read
        their own pages, the sitemap only URLs and dates.
        """
        for page in self._written:
            page.content = page.markdown = None
        self._written.clear()

    # Helpers: languages and catalogs ---------------------------------------------------------

    def _check_languages(self, config: MkDocsConfig) -> None:
        """Unknown locales are findings (and not built); Material's missing interface files are generated."""
        i18n = config.plugins.get("i18n")
        if i18n is None:
            return
        languages = [lang.locale for lang in i18n.config.languages]
        findings = unknown_locale_findings(languages, self.settings.locale_lines)
        SESSION.add(findings)
        unknown = {f.message.split("`")[1] for f in findings}
        for lang in i18n.config.languages:
            if lang.locale in unknown:
                lang.build = False
        self._provide_material_partials(config, [lang for lang in build_languages(config) if lang not in unknown])

    def _provide_material_partials(self, config: MkDocsConfig, languages: list[str]) -> None:
        """A language Material has no interface strings for gets English ones (with its direction) and a warning."""
        missing = [lang for lang in languages if not any(
            (Path(folder) / "partials" / "languages" / f"{lang}.html").is_file() for folder in config.theme.dirs)]
        if not missing:
            return
        english = next(Path(d) / "partials/languages/en.html" for d in config.theme.dirs
                       if (Path(d) / "partials/languages/en.html").is_file())
        folder = stand_in_partials(english, tuple(missing))
        for lang in missing:
            SESSION.add([warning("mkdocs.yml", f"Material has no interface strings for `{lang}`: shown in English",
                                 line=self.settings.locale_lines.get(lang), field="plugins.i18n.languages.locale",
                                 hint=f"add plugins/signpost/theme/partials/languages/{lang}.html (copy en.html, "
                                      "translate the strings)", check="translations")])
        config.theme.dirs.append(str(folder))

    def _catalog_path(self, content_path: str) -> Path:
        return catalog_path(self.settings.translations_dir, self.language, content_path)

    def _translated_into(self, page):
        """`keep(language)` for the page's alternates: is the page translated into it (its page looked up once)."""
        path = page_source_path(page)
        source = self.model.page(path) if self.model is not None else None
        return lambda language: language == self.default or source is None or self._has_translation(path, source, language)

    def _has_translation(self, path: str, source, language: str) -> bool:
        # Asked for each alternate of each page in each language pass: the answer is kept while the
        # page and its checked catalog (cached on the file's size and time) are the same objects.
        known = self.__dict__.setdefault("_translated", {}).get((path, language))
        if known is not None and known[1] is source and catalogs_settled():
            return known[2]  # a parallel build's worker: its catalogs stay as first looked up
        catalog = load_page_catalog(catalog_path(self.settings.translations_dir, language, path), language)
        if known is None or known[0] is not catalog or known[1] is not source:
            answer = catalog.exists and page_status(self.settings.translations_dir, language, path, self.model,
                                                    self.settings).has_translation
            known = self._translated[(path, language)] = (catalog, source, answer)
        return known[2]

    def _nothing_translated(self, page) -> bool:
        """A fallback page: the English page under this language's folder (kept out of search engines)."""
        return self.language != self.default and (page.canonical_url or page.url) in self.untranslated_urls

    def _english_absolute_url(self, page, config) -> str | None:
        if not config.site_url:
            return None
        prefix = f"{self.language}/"
        english = page.url[len(prefix):] if page.url.startswith(prefix) else page.url
        return urljoin(config.site_url, english)

    def _english_url(self, page) -> str:
        language = self.language
        english_url = "/" + page.url[len(language) + 1:] if page.url.startswith(f"{language}/") else "/" + page.url
        return _relative(english_url, page.url)

    def _notice(self, page, *, nothing_translated: bool) -> str:
        language = self.language
        text = l10n.interface_text(language, "This page is not translated yet.") if nothing_translated \
            else l10n.interface_text(language, "Parts of this page are not translated yet.")
        link = l10n.interface_text(language, "Read this page in English")
        english_url = "/" + page.url[len(language) + 1:] if page.url.startswith(f"{language}/") else "/" + page.url
        return output.fallback_notice_html(text, link, _relative(english_url, page.url), language,
                                           l10n.direction(language))

    # Helpers: search and sitemap -----------------------------------------------------------------

    def _prune_sitemap(self, site: Path) -> None:
        parallel.hand_over("untranslated_urls", sorted(self.untranslated_urls))  # for `signpost build --jobs`
        sitemap = site / "sitemap.xml"
        if not sitemap.is_file() or parallel.sitemap_merged():  # the merge prunes the site's one sitemap
            return
        text = output.prune_sitemap(sitemap.read_text(encoding="utf-8"), self.untranslated_urls, self.default)
        sitemap.write_text(text, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(output.gzip_bytes(text.encode("utf-8")))


def _translate_sections(items, language: str) -> None:
    for item in items:
        if getattr(item, "is_section", False):
            item.title = escape(l10n.interface_text(language, item.title))  # printed raw by the theme
            _translate_sections(item.children, language)


def _relative(target: str, from_url: str) -> str:
    return get_relative_url(target.lstrip("/") or ".", from_url or ".")

