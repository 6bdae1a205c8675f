"""What readers see: "Last reviewed 1 October 2026. Next review by 1 April 2027."

Plain HTML at the end of the page content, in the page's language, dates in
`<time datetime>` elements, so it works without JavaScript and machines can
read the dates. The preview banner for overdue pages is here too. The markup is
in templates/notices.html (autoescaped); this module picks the words. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from signpost.freshness.schedule import ReviewSchedule
from signpost.l10n import format_date, interface_text
from signpost.templating import macros

FALLBACK_LANGUAGE = "en"
# The same literal strings are passed to interface_text below, where the extractor finds them.
LAST_REVIEWED = "Last reviewed {date}."
NEXT_REVIEW = "Next review by {date}."


def review_notice_html(schedule: ReviewSchedule, language: str) -> str:
    """The review dates of a page, as a short paragraph in `language` (English until it is translated)."""
    # An untranslated sentence stays wholly English, dates included, and says so
    # (lang/dir), rather than mixing English words with dates in another script.
    translated = language == FALLBACK_LANGUAGE or all(
        interface_text(language, message) != message for message in (LAST_REVIEWED, NEXT_REVIEW))
    shown = language if translated else FALLBACK_LANGUAGE
    sentences = [
        (interface_text(shown, "Last reviewed {date}.", date="{date}"), schedule.last_reviewed,
         _date(schedule.last_reviewed, shown)),
        (interface_text(shown, "Next review by {date}.", date="{date}"), schedule.review_by,
         _date(schedule.review_by, shown)),
    ]
    return str(_notices.review_notice(sentences, not translated))


def overdue_banner_html(schedule: ReviewSchedule, today: dt.date, language: str) -> str:
    """A visible warning for `mkdocs serve` previews of an overdue page (never in a published build)."""
    days = -schedule.days_left(today)
    title = interface_text(language, "This page is overdue for review")
    text = interface_text(language, "It should have been reviewed by {date} ({days} days ago). Owner: {owner}.",
                          date="{date}", days=days, owner=schedule.owner or "?")
    return str(_notices.overdue_banner(title, text, schedule.review_by, _date(schedule.review_by, language)))


_notices = macros("notices.html")


@lru_cache(maxsize=4096)
def _date(day: dt.date, language: str) -> str:
    # Cached: babel formats the same few review dates again for every page and language.
    return format_date(day, language)
