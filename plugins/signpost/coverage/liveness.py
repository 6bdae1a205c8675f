"""Which pages and services still count: a page past its review date, or a service that is not
active or not reviewed on time, covers nothing.

Uses the freshness schedule (`signpost.freshness.schedule`), so both features agree on
what "overdue" means. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from signpost.freshness.schedule import page_schedule, service_schedule

ACTIVE = "active"


@dataclass(frozen=True)
class Liveness:
    """Whether a page or service counts today, and if not, why (in words for the report)."""

    live: bool
    reason: str = ""


def page_liveness(page, today: dt.date) -> Liveness:
    """A page counts until its review date has passed."""
    return _reviewed_on_time(_page_review_by(page), today)


def service_liveness(service: Any, today: dt.date) -> Liveness:
    """A service counts when it is active and reviewed on time."""
    status = str(attribute(service, "status") or "")
    if status != ACTIVE:
        return Liveness(False, f"is {status or 'without a status'}, not active")
    return _reviewed_on_time(_service_review_by(service), today)


def _reviewed_on_time(review_by: dt.date | None, today: dt.date) -> Liveness:
    if review_by is None:
        return Liveness(False, "has no usable review date")
    if review_by < today:
        return Liveness(False, f"overdue for review since {review_by.isoformat()}")
    return Liveness(True)


def attribute(thing: Any, name: str, default: Any = None) -> Any:
    """A field of a service, whether the directory gives objects or mappings."""
    if isinstance(thing, dict):
        return thing.get(name, default)
    return getattr(thing, name, default)


def _page_review_by(page) -> dt.date | None:
    schedule = page_schedule(page)
    return schedule.review_by if schedule is not None else page.review_by


def _service_review_by(service: Any) -> dt.date | None:
    schedule = service_schedule(service)
    return schedule.review_by if schedule is not None else None
