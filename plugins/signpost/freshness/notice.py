"""What readers see: "Last reviewed 1 October 2026. Next review by 1 April 2027."

Plain HTML at the end of the page content, in the page's language, dates in
`<time datetime>` elements, so it works without JavaScript and machines can
read the dates. The preview banner for overdue pages is here too. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import html

from signpost.freshness.schedule import ReviewSchedule
from signpost.l10n import format_date, interface_text


def review_notice_html(schedule: ReviewSchedule, language: str) -> str:
    """The review dates of a page, as a short paragraph in `language`."""
    reviewed = interface_text(language, "Last reviewed {date}.", date=_time(schedule.last_reviewed, language))
    next_review = interface_text(language, "Next review by {date}.", date=_time(schedule.review_by, language))
    return f'<p class="signpost-review">{reviewed} {next_review}</p>'


def overdue_banner_html(schedule: ReviewSchedule, today: dt.date, language: str) -> str:
    """A visible warning for `mkdocs serve` previews of an overdue page (never in a published build)."""
    days = -schedule.days_left(today)
    title = interface_text(language, "This page is overdue for review")
    text = interface_text(language, "It should have been reviewed by {date} ({days} days ago). Owner: {owner}.",
                          date=_time(schedule.review_by, language), days=days,
                          owner=html.escape(schedule.owner or "?"))
    return (f'<div class="admonition warning signpost-overdue" role="note">'
            f'<p class="admonition-title">{html.escape(title)}</p><p>{text}</p></div>')


def _time(day: dt.date, language: str) -> str:
    return f'<time datetime="{day.isoformat()}">{html.escape(format_date(day, language))}</time>'
