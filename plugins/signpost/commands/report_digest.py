"""`signpost report digest`: the owners' Markdown digest (overdue and due soon), for scheduled CI runs."""

from __future__ import annotations

from signpost.commands._today import stops_on_bad_today

HELP = "Markdown digest of what is overdue and due within 30 days, grouped by owner."


def configure(parser) -> None:
    from pathlib import Path

    from signpost.commands._common import add_project_arguments
    from signpost.commands.report_freshness import days_argument
    add_project_arguments(parser)
    parser.add_argument("--from", dest="source", type=Path, metavar="FRESHNESS_JSON",
                        help="read `signpost report freshness --json` output from this file (default: run it)")
    parser.add_argument("--within", type=days_argument, default=30, metavar="DAYS",
                        help="what falls due within this many days (default: 30)")
    parser.add_argument("--output", "-o", type=Path, help="also write the digest to this file")


@stops_on_bad_today
def run(args) -> int:
    import json
    import sys

    from signpost.freshness.digest import owner_digest

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
        from signpost.freshness.report import report_rows, rows_json
        from signpost.freshness.schedule import schedules_for
        from signpost.model import load_content_model
        from signpost.today import today
        day = today()
        model = load_content_model(args.content, args.data)
        data = json.loads(rows_json(report_rows(schedules_for(model), day), day))
    digest = owner_digest(data, args.within)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(digest, encoding="utf-8")
    print(digest, end="")
    return 0
