"""`signpost report facts`: every fact with its value, source, verification date and where it is used."""

from __future__ import annotations

import sys
from pathlib import Path

from signpost.commands._today import stops_on_bad_today
from signpost.facts.checks import check_model
from signpost.facts.report import format_report, report_rows, rows_json
from signpost.model import load_content_model
from signpost.today import today


@stops_on_bad_today
def run(args) -> int:
    day = today()
    model = load_content_model(args.content, args.data)
    rows = report_rows(model, day, Path(args.data).parent / "translations")
    print(rows_json(rows) if args.json else format_report(rows), end="")
    problems = [finding for finding in check_model(model) if finding.is_error]
    for finding in problems:
        print(finding.format(), file=sys.stderr)
    return 1 if problems else 0
