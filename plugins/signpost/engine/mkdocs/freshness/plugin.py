"""MkDocs adapter for signpost/freshness: review dates on pages, findings, site/pages.json.

The checks themselves (signpost.freshness.checks) are MkDocs-free and run
once per `mkdocs build`, not once per language; each language build adds the
review notice to its pages in its own language and records them for
pages.json, which is written once after the last language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from signpost.freshness.checks import FreshnessResult, FreshnessSettings, run_checks
from signpost.engine.mkdocs.freshness.config import FreshnessConfig
from signpost.freshness.notice import overdue_banner_html, review_notice_html
from signpost.freshness.report import PageEntry, pages_json
from signpost.freshness.schedule import ReviewSchedule, Status
from signpost.freshness.translations import OutdatedTranslation, outdated_translations, translation_findings
from signpost.engine.mkdocs.support import (build_languages, content_model, current_language, default_language,
                                     is_inner_language_build, page_source_path)
from signpost.session import SESSION
from signpost.today import today

log = get_plugin_logger(__name__)


class FreshnessPlugin(BasePlugin[FreshnessConfig]):
    """Shows every page's review dates and reports what is due, overdue or outdated."""

    def __init__(self) -> None:
        super().__init__()
        self._model = None
        self._result: FreshnessResult | None = None
        self._schedules: dict[str, ReviewSchedule] = {}
        self._entries: dict[tuple[str, str], PageEntry] = {}
        self._today: dt.date | None = None

    def on_config(self, config: MkDocsConfig):
        if not self.config.enabled or is_inner_language_build(config):
            return config
        self._today = today()
        self._entries = {}
        model = content_model(config)
        if self._result is None or model is not self._model:
            self._model = model
            self._result = run_checks(model, self._settings(), self._today)
            self._schedules = {s.path: s for s in self._result.schedules}
        SESSION.add(self._result.findings)
        history = self._result.history
        if history is not None and not history.available:
            log.info(f"not checking for pages edited without review: {history.reason}")
        return config

    @event_priority(-50)  # after the translations plugin has rendered the page in its language
    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files):
        if not self.config.enabled or self._result is None:
            return html
        source = page_source_path(page)
        schedule = self._schedules.get(source)
        language = current_language(config)
        self._record(page, source, schedule, language)
        if schedule is None or self._shows_own_dates(page, source):
            return html
        if SESSION.serving and schedule.status(self._today, self.config.due_within_days) is Status.OVERDUE:
            html = overdue_banner_html(schedule, self._today, language) + html
        if self.config.show_review_dates:
            html += review_notice_html(schedule, language)
        return html

    @event_priority(-150)  # after mkdocs-static-i18n (-100) has built every other language
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or is_inner_language_build(config) or self._result is None:
            return
        # Only now: the language builds have read (and cached) every catalog already.
        outdated = self._translations(self._model, config)
        SESSION.add(translation_findings(outdated.values(), self._today))
        if not self.config.pages_json:
            return
        entries = [replace(entry, translation_outdated_since=_since(outdated.get(key))) for key, entry in
                   self._entries.items()]
        target = Path(config.site_dir) / self.config.pages_json
        target.write_text(pages_json(entries, self._today, self.config.due_within_days), encoding="utf-8")

    # Helpers for the checks

    def _settings(self) -> FreshnessSettings:
        return FreshnessSettings(due_within_days=self.config.due_within_days,
                                 check_references=self.config.outdated_references,
                                 check_history=self.config.git_history)

    def _translations(self, model, config: MkDocsConfig) -> dict[tuple[str, str], OutdatedTranslation]:
        if not self.config.translations:
            return {}
        others = [language for language in build_languages(config) if language != default_language(config)]
        return {(item.path, item.language): item for item in outdated_translations(model, others)}

    # Helpers for pages

    def _shows_own_dates(self, page, source: str) -> bool:
        """Directory service pages say when their details were last checked themselves."""
        generated = getattr(page.file, "generated_by", None) is not None
        return generated or any(source.startswith(prefix) for prefix in self.config.own_dates_under)

    def _record(self, page, source: str, schedule: ReviewSchedule | None, language: str) -> None:
        """Remember the page in this language for pages.json."""
        meta = self._model.page(source) if self._model else None
        if schedule is None and meta is None:
            return
        self._entries[(source, language)] = PageEntry(
            title=str(page.title or (meta.title if meta else "")),
            url=page.canonical_url or "/" + page.url,
            language=language,
            source=source,
            owner=schedule.owner if schedule else (meta.owner if meta else ""),
            last_reviewed=schedule.last_reviewed.isoformat() if schedule else None,
            review_by=schedule.review_by.isoformat() if schedule else None,
            status=schedule.status(self._today, self.config.due_within_days).value if schedule else "unknown",
        )


def _since(outdated: OutdatedTranslation | None) -> str | None:
    return outdated.since.isoformat() if outdated and outdated.since else None
