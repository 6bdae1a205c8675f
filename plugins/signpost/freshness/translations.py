"""Outdated translations: a translated page whose English source changed since it was translated.

The translations feature knows, per page and language, how many messages are
fuzzy (the English changed) and since when; this module turns that into
freshness facts and findings. It imports `signpost.translations.status`
lazily and finds nothing when that module is not there. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from signpost.findings import Finding, warning

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
    try:
        from signpost.translations import status as translation_status
    except ImportError:
        return []
    outdated = []
    for language in languages:
        for path, page_status in _statuses(translation_status, model, language):
            fuzzy = int(getattr(page_status, "fuzzy", 0) or 0)
            if fuzzy <= 0:
                continue
            page = model.pages.get(path)
            file = page.file if page else f"{model.display_prefix}/{path}"
            outdated.append(OutdatedTranslation(path, file, language, fuzzy, _since(page_status)))
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


def _statuses(module, model, language: str):
    """(path, status) pairs from the translations feature, whatever shape it gives them in."""
    function = getattr(module, "page_statuses", None) or getattr(module, "translation_status", None)
    if function is None:
        return []
    try:
        result = function(model, language)
    except Exception:  # a broken status module must not break the freshness check
        return []
    return result.items() if isinstance(result, dict) else ((getattr(s, "path", ""), s) for s in result)


def _since(page_status) -> dt.date | None:
    value = getattr(page_status, "fuzzy_since", None) or getattr(page_status, "since", None)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
