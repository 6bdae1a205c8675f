"""MkDocs adapter for signpost/coverage: the coverage findings, the rendered-section check and the
Topics A to Z page. The rules themselves live in the MkDocs-free modules beside this one."""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from signpost.coverage.checks import coverage_of
from signpost.engine.mkdocs.coverage.config import CoverageConfig
from signpost.coverage.languages import Translation
from signpost.coverage.liveness import attribute
from signpost.coverage.matrix import Coverage
from signpost.coverage.sections import find_markers, ids_in, missing_ids
from signpost.coverage.topics_page import topics_page_markdown
from signpost.findings import error
from signpost.engine.mkdocs.support import (build_languages, content_model, current_language, default_language,
                                     is_inner_language_build, page_source_path)
from signpost.session import SESSION

log = get_plugin_logger(__name__)


class CoveragePlugin(BasePlugin[CoverageConfig]):
    """Proves the site covers every topic, standard and section; publishes Topics A to Z."""

    seconds: float = 0.0  # CPU time spent in this plugin over all languages (figures stay true on a busy machine)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # After signpost/content (priority 100) has loaded the model. Each language build adds the
        # same findings again; the session drops the repeats.
        if not self.config.enabled:
            return config
        if not is_inner_language_build(config):
            self.seconds = 0.0
        started = time.process_time()
        SESSION.add(self._coverage(config).enforced)
        self.seconds += time.process_time() - started
        return config

    @event_priority(0)
    def _add_topics_page(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add Topics A to Z before mkdocs-static-i18n (-100), so every language gets it with alternates."""
        if not self.config.enabled:
            return files
        started = time.process_time()
        if self.config.topics_page:
            path = self.config.topics_page_path
            if files.get_file_from_path(path) is not None:
                SESSION.add([error(f"{content_model(config).display_prefix}/{path}",
                                   "this page has the address of the generated Topics A to Z page",
                                   check="coverage", hint="rename the page, or set `topics_page_path` of "
                                                          "signpost/coverage in mkdocs.yml")])
            else:
                # A file "in" docs_dir that exists nowhere (mkdocs-static-i18n only handles files
                # under docs_dir); its Markdown is written in _fill_topics_page, per language.
                files.append(File(path, config.docs_dir, config.site_dir, config.use_directory_urls))
        if not config.plugins.get("i18n"):
            self._fill_topics_page(files, config=config)
        self.seconds += time.process_time() - started
        return files

    @event_priority(-110)
    def _fill_topics_page(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Write Topics A to Z in the language being built."""
        if not (self.config.enabled and self.config.topics_page):
            return files
        started = time.process_time()
        file = files.get_file_from_path(self.config.topics_page_path)
        if file is not None and not Path(file.abs_src_path or "").is_file():
            file.content_string = self._topics_markdown(files, config)
            file.generated_by = "signpost/coverage"
        self.seconds += time.process_time() - started
        return files

    on_files = CombinedEvent(_add_topics_page, _fill_topics_page)

    def process_rendered_page(self, rendered, *, page, config: MkDocsConfig) -> None:
        """Required sections reach the page in every language (on the page's one parsed tree)."""
        if not self.config.check_rendered_sections:
            return
        meta = page.meta.get("signpost")
        if meta is None:
            return
        started = time.process_time()
        coverage = self._coverage(config)
        required = coverage.sections.types.get(meta.type)
        if required is not None:
            present = {marker.id for marker in find_markers(meta.body, meta.body_line)}
            language = current_language(config)
            for section_id in missing_ids(ids_in(rendered.tree), [s for s in required.ids if s in present]):
                hint = (f"keep `{{#{section_id}}}` at the end of the heading's translation in "
                        f"translations/{language}/{page_source_path(page)[:-3]}.po"
                        if language != default_language(config) else
                        f"the heading with `{{#{section_id}}}` does not reach the page: take it out of the HTML "
                        f"comment or block that hides it")
                SESSION.add([error(
                    meta.file, f"the section `{section_id}` of the {required.name} is missing from the "
                    f"`{language}` page ({page.url})", field=f"sections.{section_id}", check="coverage",
                    hint=hint)])
        self.seconds += time.process_time() - started

    @event_priority(-150)  # after every language is built (-100), before the report (-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or is_inner_language_build(config):
            return
        log.info(_summary(self._coverage(config)) + f" (coverage took {self.seconds:.2f} s of CPU)")

    # Helpers ---------------------------------------------------------------------------------

    def _coverage(self, config: MkDocsConfig) -> Coverage:
        return coverage_of(content_model(config), build_languages(config), default_language(config))

    def _topics_markdown(self, files: Files, config: MkDocsConfig) -> str:
        coverage = self._coverage(config)
        status = coverage.translation_status

        def service_link(service) -> str | None:
            slug = attribute(service, "slug")
            if not slug:
                return None
            target = self.config.services_url.format(slug=slug)
            source = f"{target.rstrip('/')}.md"
            return source if files.get_file_from_path(source) is not None else "../" + target

        language = current_language(config)
        file = files.get_file_from_path(self.config.topics_page_path)
        english_url = ""
        if file is not None and file.url.startswith(f"{language}/"):
            # From /pl/topics/ to /topics/: up one folder per level of the page, then the English address.
            bare = file.url[len(language) + 1:]
            english_url = "../" * file.url.count("/") + bare
        return topics_page_markdown(coverage, language, service_link=service_link, english_url=english_url,
                                    page_title=(lambda page, lang: status.title(page, lang)) if status else None)


def _summary(coverage: Coverage) -> str:
    covered = sum(1 for t in coverage.topics if t.covered)
    once = sum(1 for files in coverage.standards.values() if len(files) == 1)
    per_language = ", ".join(
        f"{lang} {sum(1 for t in coverage.topics if t.uses_pages and t.languages[lang].state is Translation.COMPLETE)}"
        for lang in coverage.languages)
    with_pages = sum(1 for t in coverage.topics if t.uses_pages)
    text = (f"signpost/coverage: {covered} of {len(coverage.topics)} topics covered; "
            f"{once} of {len(coverage.standards)} standards explained by exactly one page")
    if coverage.translations_known and len(coverage.languages) > 1:
        text += f"; topics fully translated ({with_pages} with pages): {per_language}"
    if coverage.mode != "enforce" and coverage.gaps:
        text += f"; {len(coverage.gaps)} gaps not enforced (SIGNPOST_COVERAGE={coverage.mode})"
    return text
