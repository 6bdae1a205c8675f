"""What the commands share about "today": a bad SIGNPOST_TODAY stops a command with one clear line.

Every command that dates something (reports, new files, imports) asks `today()`,
and each used to wrap that call in the same five lines. The decorator keeps the
answer in one place: the line `signpost: SIGNPOST_TODAY='...' is not a date: ...`
on stderr and exit code 2, never a traceback, wherever in the command the date
is first needed.
"""

from __future__ import annotations

import functools
import sys
from typing import Callable

from signpost.today import BadTodayError


def stops_on_bad_today(run: Callable[..., int]) -> Callable[..., int]:
    """Wrap a command's `run(args)`: a SIGNPOST_TODAY that is not a date prints why and returns 2."""
    @functools.wraps(run)
    def guarded(*args, **kwargs) -> int:
        try:
            return run(*args, **kwargs)
        except BadTodayError as problem:
            print(f"signpost: {problem}", file=sys.stderr)
            return 2

    return guarded
