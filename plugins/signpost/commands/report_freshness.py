"""`signpost report freshness`: every page and service with its owner and review date, by owner."""

from __future__ import annotations

import argparse
import re

from signpost.commands._today import stops_on_bad_today

HELP = "Every page and service with its owner, last review, next review and status."


def configure(parser) -> None:
    from signpost.commands._common import add_project_arguments
    add_project_arguments(parser)
    parser.add_argument("--due-within", type=days_argument, metavar="DAYS",
                        help="only pages and services to review within this many days (30d, 6w, 3m), overdue included")
    parser.add_argument("--owner", help="only this owner's pages and services (any part of the owner, any case)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


@stops_on_bad_today
def run(args) -> int:
    import sys

    from signpost.freshness.report import format_report, report_rows, rows_json
    from signpost.freshness.schedule import schedules_for
    from signpost.commands._common import load_project_model
    from signpost.today import today

    day = today()
    model = load_project_model(args.content, args.data)
    schedules = schedules_for(model)
    if args.due_within is not None:
        schedules = [s for s in schedules if s.days_left(day) <= args.due_within]
    if args.owner:
        schedules = [s for s in schedules if args.owner.lower() in s.owner.lower()]
    rows = report_rows(schedules, day)
    print(rows_json(rows, day) if args.json else format_report(rows), end="\n" if args.json else "")
    skipped = len(model.pages) + len(model.services) - len(schedules_for(model))
    if skipped and not args.json:
        print(f"({skipped} page(s) or service(s) have no valid review dates: run `signpost check`)", file=sys.stderr)
    return 0


def days_argument(text: str) -> int:
    """`30`, `30d`, `6w`, `3m` or `P30D` as a number of days."""
    match = re.fullmatch(r"P?(\d+)([dwmDWM]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (write 30d, 6w or 3m)")
    number, unit = int(match.group(1)), match.group(2).lower()
    return number * {"": 1, "d": 1, "w": 7, "m": 30}[unit]
