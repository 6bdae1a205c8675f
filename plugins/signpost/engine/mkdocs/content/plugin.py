"""MkDocs adapter for the content model: load once, expose to pages, report once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger

from signpost.engine.mkdocs import engine_warnings, nav_menu, parallel
from signpost.engine.mkdocs.preview import apply_preview_language
from signpost.engine.mkdocs.content.config import ContentConfig
from signpost.facts.checks import check_model as check_facts
from signpost.findings import Severity
from signpost.model import ContentModel, load_content_model
from signpost.engine.mkdocs.project import settings_from_config
from signpost.engine.mkdocs.rendered_page import run_steps
from signpost.engine.mkdocs.support import current_language, is_inner_language_build, page_source_path, project_root
from signpost.facts.pages import page_markdown
from signpost.safety import plugin_support as safety
from signpost.session import SESSION, findings_box_html
from signpost.templating import escape_page_metadata, use_compiled_templates
from signpost.today import BadTodayError, today

log = get_plugin_logger(__name__)


#: The model-wide findings last worked out, with the model (compared by identity) and the day they are for.
_last_model_findings: tuple[ContentModel, object, list] | None = None


def _model_wide_findings(model: ContentModel, day) -> list:
    """The facts' and the security checks' findings on the whole model, worked out once per model and day.

    They depend on nothing else, and the workers of a parallel build
    (`whole_build`) are forked from a warm-up that has loaded the same model
    and checked it: the workers find the result here instead of checking
    again (400 pages + 300 services: about 1 s of CPU in each process, paid in
    the warm-up and again in both workers before). A new model (an edit in
    `signpost serve`) or a new day is checked afresh. One slot, not a cache:
    it keeps one model alive, the one in use.
    """
    global _last_model_findings
    if _last_model_findings is None or _last_model_findings[0] is not model or _last_model_findings[1] != day:
        _last_model_findings = (model, day, check_facts(model) + safety.model_findings(model))
    return list(_last_model_findings[2])


class ContentPlugin(BasePlugin[ContentConfig]):
    """Loads and validates every page and service; fails the build once at the end."""

    model: ContentModel | None = None
    _model_source: tuple | None = None
    _strict = True

    def on_startup(self, *, command, dirty) -> None:
        SESSION.serving = command == "serve"

    @event_priority(100)
    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled:
            return config
        if not is_inner_language_build(config):
            SESSION.reset()
            engine_warnings.capture()
            self._strict = bool(config.strict)
            if SESSION.serving:
                apply_preview_language(config)
        try:
            today()
        except BadTodayError as problem:
            raise PluginError(str(problem)) from None
        settings = settings_from_config(config)
        source = (Path(config.docs_dir), project_root(config) / self.config.data_dir, _settings_key(settings))
        if not (is_inner_language_build(config) and self.model is not None and source == self._model_source):
            # Each language pass of static-i18n runs on_config again over the same files: the model
            # the outer pass loaded (every page and service read and validated) serves them all.
            self.model = load_content_model(source[0], source[1], settings=settings)
            self._model_source = source
        SESSION.add(self.model.report)
        if not is_inner_language_build(config):
            SESSION.add(_model_wide_findings(self.model, today()))  # facts (review dates, numbers), security
        return config

    @event_priority(100)
    def _drop_unusable_files(self, files, *, config):
        # Files the model could not read (not UTF-8, empty, broken YAML) would
        # crash MkDocs with a traceback; their findings already say why.
        if self.config.enabled and self.model is not None:
            for file in list(files.documentation_pages()):
                if file.src_uri in self.model.unusable:
                    files.remove(file)
            for file in safety.files_outside(files, project_root(config)):
                files.remove(file)  # a symbolic link out of the project: never published
        return files

    @event_priority(-1000)  # after every plugin (static-i18n at -100) has added its pages
    def _drop_other_workers_pages(self, files, *, config):
        return parallel.drop_unassigned_pages(files, current_language(config))

    on_files = CombinedEvent(_drop_unusable_files, _drop_other_workers_pages)

    def on_env(self, env, *, config, files):
        # The theme's menu (partials/nav-item.html): section names and index pages found, and
        # items other than the page drawn, once per language pass (the menu's objects live as long).
        env.globals["signpost_section_title"] = nav_menu.section_title_lookup()
        env.globals["signpost_section_index"] = nav_menu.section_index_lookup()
        env.globals["signpost_nav_children"] = nav_menu.menu_children()
        use_compiled_templates(env)  # each language pass's new environment: the templates compiled once
        return env

    @event_priority(100)
    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled or self.model is None:
            return markdown
        meta = self.model.page(page_source_path(page))
        if meta is not None:
            # Other plugins and templates read the validated model, never the raw front matter.
            page.meta["signpost"] = meta
        # Facts ({{ fact.x }}) and "Get help now", in this build's language (signpost.facts, MkDocs-free).
        return page_markdown(self.model, page_source_path(page), markdown, current_language(config))

    @event_priority(100)
    def _sanitise_content(self, html, *, page, config, files):
        # Before any plugin adds its own fragments: only what the editor's Markdown rendered to.
        if not self.config.enabled or self.model is None:
            return html
        return safety.sanitise_content(self.model, page_source_path(page), html)

    @event_priority(-100)
    def _escape_metadata_and_show_findings(self, html, *, page, config, files):
        # Last of the page events (titles are translated by now) and before any page's template or
        # search index reads them: the theme prints these fields raw.
        escape_page_metadata(page.meta)
        if not (self.config.enabled and SESSION.serving and self.config.show_findings_on_page and self.model):
            return html
        file = f"{self.model.display_prefix}/{page_source_path(page)}"
        return findings_box_html(SESSION.report.for_file(file)) + html

    on_page_content = CombinedEvent(_sanitise_content, _escape_metadata_and_show_findings)

    @event_priority(-50)  # after other plugins' own on_post_page (priority 0)
    def _rewrite_and_check_page(self, output, *, page, config):
        # One Lexbor parse for every signpost rewrite and check of the page (see rendered_page.py).
        return run_steps(output, page=page, config=config)

    @event_priority(-300)
    def _defuse_output(self, output, *, page, config):
        # The last line of defence, after every plugin and the theme: no executable markup leaves.
        if not self.config.enabled or self.model is None:
            return output
        output, findings = safety.defuse_output(self.model, page_source_path(page), output)
        SESSION.add(findings)
        return output

    on_post_page = CombinedEvent(_rewrite_and_check_page, _defuse_output)

    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Runs after mkdocs-static-i18n (priority -100) has built the other
        # languages, so every language's findings are in before we report.
        if not self.config.enabled or is_inner_language_build(config):
            return
        self._add_engine_warnings(bool(config.strict))
        report = SESSION.report
        if not len(report):
            return
        self._log_findings_once()
        if parallel.findings_file() is not None:
            return  # a worker of `signpost build --jobs`: the parent reports and fails once
        failing = report.errors + (report.warnings if self.config.fail_on_warnings else [])
        log.info(f"signpost: {report.summary()}")
        if failing and not SESSION.serving:
            raise PluginError(
                f"signpost found {report.summary()}; the site was not published. Fix the problems listed above."
            )

    def on_build_error(self, *, error) -> None:
        # The engine can abort first (a strict-mode broken link in one
        # language): still show every finding collected so far, once.
        if self.config.enabled and not SESSION.serving:
            self._add_engine_warnings(self._strict)
            self._log_findings_once()

    def _add_engine_warnings(self, strict: bool) -> None:
        if self.model is not None:
            SESSION.add(engine_warnings.findings(self.model.content_dir, self.model.display_prefix, strict=strict))

    def _log_findings_once(self) -> None:
        if SESSION.reported:
            return
        SESSION.reported = True
        if parallel.findings_file() is not None:
            parallel.write_findings(SESSION.report)
            return
        for finding in SESSION.report.sorted():
            log_finding(finding)


def log_finding(finding) -> None:
    """Errors fail the build; warnings are shown but must not trip `mkdocs build --strict`.

    Strict mode is for the engine's own problems (broken links, missing files).
    signpost's warnings (a review due soon, a best-effort translation gap) are
    advice: in a build they are printed at INFO level, in `mkdocs serve` as
    warnings. Set `fail_on_warnings: true` to make them fail the build.
    """
    if finding.is_error:
        (log.warning if SESSION.serving else log.error)(finding.format())
    elif SESSION.serving:
        log.warning(finding.format())
    else:
        log.info(finding.format())


def _settings_key(settings) -> dict:
    """The settings a model was loaded with, for equality (the block reader is an object made per call)."""
    return {field.name: getattr(settings, field.name) for field in dataclasses.fields(settings)
            if field.name != "block_reader"}
