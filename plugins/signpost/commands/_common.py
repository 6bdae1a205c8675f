"""How the commands print findings: the report on stderr, then its one-line summary."""

from __future__ import annotations

import sys

from signpost.findings import Report


def print_report(report: Report, *, stream=None, quiet_when_clean: bool = False) -> None:
    stream = stream or sys.stderr
    if len(report):
        print(report.format(), file=stream)
    if len(report) or not quiet_when_clean:
        print(f"signpost: {report.summary()}", file=stream)
