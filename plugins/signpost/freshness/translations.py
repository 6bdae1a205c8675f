"""Outdated translations: a translated page whose English source changed since it was translated.

The translations feature knows, per page and language, how many messages are
fuzzy (the English changed) and since when; this module turns that into
freshness facts and findings. Engine-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from signpost.findings import Finding, warning
from signpost.translations.catalogs import catalog_path, load_page_catalog
from signpost.translations.status import page_status

CHECK = "freshness"


@dataclass(frozen=True)
class OutdatedTranslation:
    """One page in one language that fell behind its English source."""

    path: str  # content-relative source path
    file: str
    language: str
    fuzzy: int
    since: dt.date | None

    def days(self, today: dt.date) -> int | None:
        return (today - self.since).days if self.since else None


def outdated_translations(model, languages: Iterable[str]) -> list[OutdatedTranslation]:
    """Every page, in every language given, whose translation has fuzzy messages."""
    settings = model.settings
    outdated = []
    for language in languages:
        for path, page in model.pages.items():
            # Reading a catalog is cached and cheap; counting messages parses the page, so only
            # pages whose catalog has fuzzy messages at all are counted.
            if not load_page_catalog(catalog_path(settings.translations_dir, language, path), language).fuzzy:
                continue
            status = page_status(settings.translations_dir, language, path, model, settings)
            if status.fuzzy > 0:
                outdated.append(OutdatedTranslation(path, page.file, language, status.fuzzy, status.fuzzy_since))
    return outdated


def translation_findings(outdated: Iterable[OutdatedTranslation], today: dt.date) -> list[Finding]:
    """A warning for each outdated translation, saying how long it has been outdated."""
    findings = []
    for item in outdated:
        days = item.days(today)
        how_long = f" since {item.since.isoformat()} ({days} day{'s' if days != 1 else ''})" if item.since else ""
        findings.append(warning(
            item.file, f"the {item.language} translation is outdated{how_long}: "
                       f"{item.fuzzy} message{'s' if item.fuzzy != 1 else ''} changed in English",
            field=f"translation:{item.language}", check=CHECK,
            hint=f"update translations/{item.language}/ for this page (fuzzy messages), "
                 f"see `signpost translations status`"))
    return findings
