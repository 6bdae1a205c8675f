"""Review schedules: when each page and service was last reviewed and when it must be again.

Like GOV.UK Tech Docs' page review: `last_reviewed` + `review_every` gives
`review_by`; with today's date (signpost.today) and a warning window that
gives a status: fresh, due (review_by is within the window) or overdue.
MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any, Iterable

from signpost.model.durations import ReviewPeriod

DEFAULT_DUE_WITHIN_DAYS = 30
SERVICE_REVIEW_EVERY = ReviewPeriod("P12M")


class Status(str, enum.Enum):
    """Where a page stands against its review date."""

    FRESH = "fresh"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class ReviewSchedule:
    """One page's or service's review: who owns it, when it was reviewed, when it must be again."""

    kind: str  # "page" or "service"
    path: str  # content-relative source path (`charter/index.md`)
    file: str  # as people see it (`content/charter/index.md`), for findings
    title: str
    owner: str
    last_reviewed: dt.date
    review_every: ReviewPeriod
    line: int | None = None  # line of `last_reviewed` in the file

    @property
    def review_by(self) -> dt.date:
        return self.review_every.after(self.last_reviewed)

    def days_left(self, today: dt.date) -> int:
        """Days until review_by (negative once it has passed)."""
        return (self.review_by - today).days

    def status(self, today: dt.date, due_within_days: int = DEFAULT_DUE_WITHIN_DAYS) -> Status:
        days = self.days_left(today)
        if days < 0:
            return Status.OVERDUE
        if days <= due_within_days:
            return Status.DUE
        return Status.FRESH


def schedules_for(model) -> list[ReviewSchedule]:
    """The review schedule of every page and service whose dates are known.

    Pages or services without a usable `last_reviewed` or `review_every` are
    skipped: the content model already reports those as errors.
    """
    schedules = [schedule for page in model.pages.values() if (schedule := page_schedule(page))]
    schedules += [schedule for service in model.services.values() if (schedule := service_schedule(service))]
    return schedules


def page_schedule(page) -> ReviewSchedule | None:
    """The schedule of a PageMeta, or None when its dates are missing or invalid."""
    if page.last_reviewed is None or page.review_every is None:
        return None
    return ReviewSchedule("page", page.path, page.file, page.title, page.owner, page.last_reviewed,
                          page.review_every, page.key_lines.get("last_reviewed"))


def service_schedule(service: Any) -> ReviewSchedule | None:
    """The schedule of a directory service (reviewed every 12 months unless it says otherwise)."""
    # Services the directory does not list (inactive, defunct) are kept for history, not reviewed.
    if getattr(service, "is_listed", True) is False:
        return None
    last_reviewed = _as_date(getattr(service, "last_reviewed", None))
    period = _as_period(getattr(service, "review_every", SERVICE_REVIEW_EVERY))
    if last_reviewed is None or period is None:
        return None
    key_lines = getattr(service, "key_lines", None) or {}
    file = str(getattr(service, "file", "") or "")
    path = str(getattr(service, "path", "") or _content_relative(file))
    return ReviewSchedule("service", path, file, str(getattr(service, "name", "") or ""),
                          str(getattr(service, "owner", "") or ""), last_reviewed, period,
                          key_lines.get("last_reviewed"))


def soonest_first(schedules: Iterable[ReviewSchedule]) -> list[ReviewSchedule]:
    return sorted(schedules, key=lambda s: (s.review_by, s.file))


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _as_period(value: Any) -> ReviewPeriod | None:
    if value is None:
        return None  # invalid in the file: the services loader reports it
    if value == "":
        return SERVICE_REVIEW_EVERY
    if isinstance(value, ReviewPeriod):
        return value
    try:
        return ReviewPeriod.parse(str(value))
    except ValueError:
        return None  # the services loader reports the bad value


def _content_relative(file: str) -> str:
    return file.split("/", 1)[1] if file.startswith("content/") else file
