"""ISO 8601 review periods (`P6M`, `P1Y`, `P90D`) and date arithmetic on them.

isodate does the parsing: it is small, maintained, and adds calendar months
correctly (31 January + P1M = 28/29 February).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import isodate


@dataclass(frozen=True)
class ReviewPeriod:
    """A review period such as `P6M`, kept with the text the editor wrote."""

    text: str

    @classmethod
    def parse(cls, text: str) -> "ReviewPeriod":
        """Parse `text`; raise ValueError with a plain reason when it is not a usable period."""
        if not isinstance(text, str) or not text.startswith("P"):
            raise ValueError(f"{text!r} is not an ISO 8601 duration")
        try:
            duration = isodate.parse_duration(text)
        except (isodate.ISO8601Error, ValueError) as problem:
            raise ValueError(f"{text!r} is not an ISO 8601 duration") from problem
        if "T" in text:
            raise ValueError(f"{text!r} has a time part; review periods are days, weeks, months or years")
        if cls._as_days_estimate(duration) <= 0:
            raise ValueError(f"{text!r} is not longer than zero")
        return cls(text)

    def after(self, day: dt.date) -> dt.date:
        """The date one period after `day`; `date.max` when that is past the year 9999.

        Saturating (not raising) keeps every caller safe from a far-future
        date; `safety.checks` reports such a date as an error.
        """
        try:
            result = day + isodate.parse_duration(self.text)
        except (OverflowError, ValueError):
            return dt.date.max
        return result if isinstance(result, dt.date) else result.date()

    @staticmethod
    def _as_days_estimate(duration) -> float:
        if isinstance(duration, dt.timedelta):
            return duration.total_seconds() / 86400
        return float(duration.years) * 365 + float(duration.months) * 30 + duration.tdelta.total_seconds() / 86400

    def __str__(self) -> str:
        return self.text
