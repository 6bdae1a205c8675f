"""What readers see: "Last reviewed 1 October 2026. Next review by 1 April 2027."

Plain HTML at the end of the page content, in the page's language, dates in
`<time datetime>` elements, so it works without JavaScript and machines can
read the dates. The preview banner for overdue pages is here too. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache

from signpost.freshness.schedule import ReviewSchedule
from signpost.l10n import format_date, interface_text

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
    reviewed = interface_text(shown, "Last reviewed {date}.", date=_time(schedule.last_reviewed, shown))
    next_review = interface_text(shown, "Next review by {date}.", date=_time(schedule.review_by, shown))
    marked = "" if translated else f' lang="{FALLBACK_LANGUAGE}" dir="ltr"'
    return f'<p class="signpost-review"{marked}>{reviewed} {next_review}</p>'


def overdue_banner_html(schedule: ReviewSchedule, today: dt.date, language: str) -> str:
    """A visible warning for `mkdocs serve` previews of an overdue page (never in a published build)."""
    days = -schedule.days_left(today)
    title = interface_text(language, "This page is overdue for review")
    text = interface_text(language, "It should have been reviewed by {date} ({days} days ago). Owner: {owner}.",
                          date=_time(schedule.review_by, language), days=days,
                          owner=html.escape(schedule.owner or "?"))
    return (f'<div class="admonition warning signpost-overdue" role="note">'
            f'<p class="admonition-title">{html.escape(title)}</p><p>{text}</p></div>')


@lru_cache(maxsize=4096)
def _time(day: dt.date, language: str) -> str:
    # Cached: babel formats the same few review dates again for every page and language.
    return f'<time datetime="{day.isoformat()}">{html.escape(format_date(day, language))}</time>'
