"""`signpost report freshness`: every page and service with its owner and review date, by owner."""

from __future__ import annotations

import sys

from signpost.commands._project import load_project_model
from signpost.commands._today import stops_on_bad_today
from signpost.freshness.report import format_report, report_rows, rows_json
from signpost.freshness.schedule import schedules_for
from signpost.today import today


@stops_on_bad_today
def run(args) -> int:
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
