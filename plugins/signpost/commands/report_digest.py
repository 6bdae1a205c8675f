"""`signpost report digest`: the owners' Markdown digest (overdue and due soon), for scheduled CI runs."""

from __future__ import annotations

import json
import sys

from signpost.commands._today import stops_on_bad_today
from signpost.freshness.digest import owner_digest
from signpost.freshness.report import report_rows, rows_json
from signpost.freshness.schedule import schedules_for
from signpost.model import load_content_model
from signpost.today import today


@stops_on_bad_today
def run(args) -> int:
    if args.source:
        try:
            data = json.loads(args.source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as problem:
            print(f"signpost report digest: cannot read {args.source}: {problem}", file=sys.stderr)
            return 2
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            print(f"signpost report digest: {args.source} is not `signpost report freshness --json` output",
                  file=sys.stderr)
            return 2
    else:
        day = today()
        model = load_content_model(args.content, args.data)
        data = json.loads(rows_json(report_rows(schedules_for(model), day), day))
    digest = owner_digest(data, args.within)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(digest, encoding="utf-8")
    print(digest, end="")
    return 0
