"""Outdated translations: a translated page whose English source changed since it was translated.

The translations feature knows, per page and language, how many messages are
fuzzy (the English changed) and since when; this module turns that into
freshness facts and findings. Within the page's `translation_grace` (default
P30D, see `translations/grace.py`) the previous translation is still published
with a notice and the finding is a warning; after it, an error. Engine-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from signpost.findings import Finding, error, warning
from signpost.translations.catalogs import page_catalog
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
    in_grace: int = 0
    grace_expired: int = 0
    grace_ends: dt.date | None = None

    def days(self, today: dt.date) -> int | None:
        return (today - self.since).days if self.since else None


def outdated_translations(model, languages: Iterable[str], today: dt.date | None = None
                          ) -> list[OutdatedTranslation]:
    """Every page, in every language given, whose translation has fuzzy messages."""
    settings = model.settings
    outdated = []
    for language in languages:
        for path, page in model.pages.items():
            # Reading a catalog is cached and cheap; counting messages parses the page, so only
            # pages whose catalog has fuzzy messages at all are counted.
            if not page_catalog(model.catalogs, language, path).fuzzy:
                continue
            status = page_status(settings.translations_dir, language, path, model, settings, today)
            if status.fuzzy > 0:
                outdated.append(OutdatedTranslation(path, page.file, language, status.fuzzy, status.fuzzy_since,
                                                    status.in_grace, status.grace_expired, status.grace_ends))
    return outdated


def translation_findings(outdated: Iterable[OutdatedTranslation], today: dt.date) -> list[Finding]:
    """For each outdated translation: a warning during its grace period, an error after it."""
    findings = []
    for item in outdated:
        days = item.days(today)
        how_long = f" since {item.since.isoformat()} ({days} day{'s' if days != 1 else ''})" if item.since else ""
        catalog = f"translations/{item.language}/{item.path[:-3]}.po"
        message = (f"the {item.language} translation is outdated{how_long}: "
                   f"{item.fuzzy} message{'s' if item.fuzzy != 1 else ''} changed in English")
        if item.grace_expired:
            findings.append(error(
                item.file, message + f"; {item.grace_expired} of them past the grace period (translation_grace), "
                                     "so readers see the new English", field=f"translation:{item.language}",
                check=CHECK, hint=f"review the fuzzy messages in {catalog} (`signpost translations status`), "
                                  "or give the page a longer `translation_grace`"))
        else:
            until = f" until {item.grace_ends.isoformat()}" if item.grace_ends else ""
            findings.append(warning(
                item.file, message + (f"; the previous translation is published with a notice{until}"
                                      if item.in_grace else ""),
                field=f"translation:{item.language}", check=CHECK,
                hint=f"review the fuzzy messages in {catalog} (`signpost translations status`)"))
    return findings
