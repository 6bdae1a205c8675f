"""MkDocs adapter for signpost/accessibility: theme helpers, static checks, readability.

The checks themselves are MkDocs-free (`checks.py`, `readability.py`); this
file only feeds them each rendered page with its source file and language.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from signpost.accessibility.bidi import isolate_number_runs
from signpost.accessibility.checks import PageSource, check_page, duplicate_titles
from signpost.engine.mkdocs.accessibility.config import AccessibilityConfig
from signpost.accessibility.readability import (ReadabilitySettings, measure, paragraphs_from_html,
                                                readability_findings)
from signpost.l10n import direction
from signpost.engine.mkdocs.material import CONTENT_SELECTOR, insert_at_content_top
from signpost.engine.mkdocs.not_found import NOT_FOUND, link_languages_to_homes, place_not_found_page
from signpost.engine.mkdocs.preview import source_language
from signpost.engine.mkdocs.support import content_model, current_language, default_language, page_source_path
from signpost.session import SESSION, findings_box_html
from signpost.templating import theme_text

# Where the translations feature keeps page catalogs: translations/<lang>/<page path>.po.
TRANSLATIONS_DIR = "translations"


class AccessibilityPlugin(BasePlugin[AccessibilityConfig]):
    """Accessible-theme helpers and checks on every rendered page of every language."""

    def __init__(self) -> None:
        self._titles: dict[str, list[str]] = {}
        self._language = "en"
        self._display_prefix = "content"

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Runs once per language build: titles are compared within one language.
        self._titles = {}
        self._language = current_language(config)
        try:
            self._display_prefix = content_model(config).display_prefix
        except RuntimeError:
            self._display_prefix = "content"

    def on_env(self, env, *, config: MkDocsConfig, files):
        language = current_language(config)
        default = default_language(config)
        # Templates write `signpost_t("English text")`; the translations extractor
        # finds those literal strings, so always pass a literal.
        env.globals["signpost_t"] = theme_text(language)  # escaped: this environment does not escape
        env.globals["signpost_url"] = lambda path: path if language == default else f"{language}/{path}"
        env.globals["signpost_exit_url"] = self.config.exit_url
        return env

    def process_rendered_page(self, rendered, *, page, config: MkDocsConfig) -> None:
        """Bidi isolation, static checks, readability and the preview box, on the page's one parsed tree."""
        source = self._page_source(page, config)
        if direction(source.language) == "rtl" and rendered.content is not None:
            # Phone numbers must not read backwards in Urdu.
            rendered.changed |= isolate_number_runs(rendered.content) > 0
        if not (self.config.checks or self.config.readability):
            return
        tree, selector = rendered.tree, self.config.content_selector
        # The page's content node, found once for every step (when the checks look for the same one).
        content = rendered.content if selector == CONTENT_SELECTOR else None
        findings = []
        if self.config.checks:
            result = check_page(tree, source, content_selector=selector, content=content)
            findings += result.findings
            if result.title:
                self._titles.setdefault(result.title, []).append(source.file)
        if self.config.readability and not self._readability_exempt(page, config):
            settings = self._readability_settings()
            paragraphs = paragraphs_from_html(tree, content_selector=selector, content=content)
            findings += readability_findings(measure(paragraphs, source.language, settings), source, settings)
        SESSION.add(findings)
        if SESSION.serving and findings and rendered.content is not None:
            # The content plugin's preview box is drawn before the page is rendered; ours come after.
            insert_at_content_top(rendered.content, findings_box_html(findings))
            rendered.changed = True

    def on_pre_template(self, template, *, template_name: str, config: MkDocsConfig):
        link_languages_to_homes(config)  # the theme's own pages (404.html) are no page's language version
        return template

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name != NOT_FOUND:
            return output
        return place_not_found_page(output, language=current_language(config),
                                    default=default_language(config), site_dir=config.site_dir)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.config.checks:
            SESSION.add(duplicate_titles(self._titles, self._language))

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _page_source(self, page, config: MkDocsConfig) -> PageSource:
        path = page_source_path(page)
        model = content_model(config)
        markdown = model.body_text(path)  # pages and services: the model holds the body, lines kept
        if markdown is None:
            try:
                markdown = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
            except (OSError, UnicodeDecodeError):
                markdown = ""
        language = current_language(config)
        catalog, catalog_po = "", ""
        if language != source_language(config):  # a translation's checks point at its catalog
            catalog = f"{TRANSLATIONS_DIR}/{language}/{path[:-3] if path.endswith('.md') else path}.po"
            text = model.catalogs.text(language, path)  # the bytes every catalog reader shares: read once
            catalog, catalog_po = (catalog, text) if text is not None else ("", "")
        return PageSource(file=f"{self._display_prefix}/{path}", language=language, markdown=markdown,
                          catalog=catalog, catalog_po=catalog_po)

    def _readability_exempt(self, page, config: MkDocsConfig) -> bool:
        if page.meta.get("readability_exempt"):
            return True  # generated pages (the directory's lists) carry it in their own front matter
        path = page_source_path(page)
        language = current_language(config)
        try:
            model = content_model(config)
        except RuntimeError:
            return False
        # A translation file (`page.pl.md`) shares the English page's metadata.
        meta = model.page(path) or model.page(path.replace(f".{language}.md", ".md"))
        return bool(meta is not None and meta.readability_exempt)

    def _readability_settings(self) -> ReadabilitySettings:
        return ReadabilitySettings(
            max_sentence_words=self.config.max_sentence_words,
            max_paragraph_sentences=self.config.max_paragraph_sentences,
            min_reading_ease=float(self.config.min_reading_ease),
            min_words_for_reading_ease=self.config.min_words_for_reading_ease,
        )
