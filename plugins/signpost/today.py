"""The one place that decides what "today" is.

`SIGNPOST_TODAY=YYYY-MM-DD` overrides the clock everywhere, so tests and previews
of future dates see the same day the build does.
"""

from __future__ import annotations

import datetime as dt
import os

ENV_VAR = "SIGNPOST_TODAY"


class BadTodayError(ValueError):
    """SIGNPOST_TODAY is set but is not a real date."""


def today() -> dt.date:
    """Today's date, or the date in SIGNPOST_TODAY when it is set."""
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise BadTodayError(
            f"{ENV_VAR}={value!r} is not a date: use YYYY-MM-DD, e.g. {ENV_VAR}=2027-01-31"
        ) from error
