"""The grace period: an English edit does not take a page off the air in four languages.

When the English of a translated message changes, `signpost translations
extract` keeps the old translation, marks it fuzzy and writes the day it saw
the change (`#. source-changed: 2026-12-01`). For the page's
`translation_grace` (front matter, ISO 8601, default `P30D`) that previous
translation is still published, with a visible notice that the English was
updated and a link to the English page (on `sensitive` pages: to the English
paragraph itself); the build warns. After the grace period the message is no
longer published (readers see the new English) and the build fails.

A previous translation is published only when it keeps every link, email,
phone number and number of the *new* English (the integrity check): a changed
helpline number is never shown in its old form. A message a translator marked
fuzzy by hand (no `source-changed` date) is not in grace: it is not published.
MkDocs-free; `freshness/translations.py` and coverage use the same rule through
`page_status`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from signpost.model.durations import ReviewPeriod
from signpost.translations.catalogs import PageCatalog, source_changed_date
from signpost.translations.integrity import integrity_problems

DEFAULT_TRANSLATION_GRACE = "P30D"


def grace_period(page) -> ReviewPeriod:
    """The page's `translation_grace`, or the default P30D."""
    return getattr(page, "translation_grace", None) or ReviewPeriod(DEFAULT_TRANSLATION_GRACE)


def grace_ends(page, since: dt.date) -> dt.date:
    """The last day a previous translation may be published after the English changed on `since`."""
    try:
        return grace_period(page).after(since)
    except (OverflowError, ValueError):
        return dt.date.max


@dataclass
class OutdatedMessage:
    """A translation whose English changed: when, until when it may be published, and whether it is."""

    msgid: str
    since: dt.date
    ends: dt.date
    publishable: bool  # in grace and keeps the new English's facts


def outdated_messages(catalog: PageCatalog, page, today: dt.date) -> dict[str, OutdatedMessage]:
    """Every fuzzy message of the page's catalog that extract marked as changed in English."""
    found = {}
    for msgid, message in catalog.fuzzy.items():
        since = source_changed_date(message)
        if since is None or not message.previous_id or not isinstance(message.string, str):
            continue
        ends = grace_ends(page, since)
        keeps_facts = not integrity_problems(msgid, message.string, markdown=True)
        found[msgid] = OutdatedMessage(msgid, since, ends, today <= ends and keeps_facts)
    return found


@dataclass
class GraceTranslator:
    """What the build asks for each block: a current translation, else a previous one still in grace.

    Remembers which published blocks are outdated, so the page can say so.
    """

    catalog: PageCatalog
    outdated: dict[str, OutdatedMessage]
    #: On sensitive pages: inline HTML to put after an outdated block (a link to its English paragraph).
    mark_outdated: Callable[[OutdatedMessage], str] | None = None
    published_outdated: list[OutdatedMessage] = field(default_factory=list)
    published_drafts: int = 0

    @classmethod
    def for_page(cls, catalog: PageCatalog, page, today: dt.date,
                 mark_outdated: Callable[[OutdatedMessage], str] | None = None) -> "GraceTranslator":
        return cls(catalog, outdated_messages(catalog, page, today),
                   mark_outdated if getattr(page, "sensitive", False) else None)

    def translate(self, msgid: str) -> str | None:
        """A block's translation (Markdown), with its outdated mark on sensitive pages."""
        text = self.translate_text(msgid)
        if text is not None and self.mark_outdated and msgid in self.outdated and self.outdated[msgid].publishable:
            return text + " " + self.mark_outdated(self.outdated[msgid])
        return text

    @property
    def plain(self) -> "_PlainView":
        """The same translator for titles and descriptions: no marks."""
        return _PlainView(self)

    def translate_text(self, msgid: str) -> str | None:
        """The translation of a title or description (plain: no marks)."""
        current = self.catalog.translate(msgid)
        if current is not None:
            self.published_drafts += self.catalog.is_draft(msgid)
            return current
        outdated = self.outdated.get(msgid)
        if outdated is None or not outdated.publishable:
            return None
        self.published_outdated.append(outdated)
        self.published_drafts += self.catalog.draft_catalog
        return self.catalog.fuzzy[msgid].string

    @property
    def english_changed_on(self) -> dt.date | None:
        """The first day the English of a published block changed, or None when nothing published is outdated."""
        return min((item.since for item in self.published_outdated), default=None)


@dataclass
class _PlainView:
    translator: GraceTranslator

    def translate(self, msgid: str) -> str | None:
        return self.translator.translate_text(msgid)
