"""`signpost report coverage`: the topic x language matrix and every gap with what would close it."""

from __future__ import annotations

from signpost.commands._today import stops_on_bad_today

HELP = "The topic x language coverage matrix and every gap."


def configure(parser) -> None:
    from signpost.commands._common import add_project_arguments
    add_project_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--output", "-o", help="write the report to this file instead of printing it")


@stops_on_bad_today
def run(args) -> int:
    """Print the report; exit 1 when any gap or problem is an error (as the build would fail)."""
    import sys
    from pathlib import Path

    from signpost.coverage.matrix import assess
    from signpost.coverage.report import coverage_json, coverage_text
    from signpost.commands._common import load_project_model

    model = load_project_model(args.content, args.data)
    coverage = assess(model)
    text = coverage_json(coverage) if args.json else coverage_text(coverage)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"signpost: wrote the coverage report to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 1 if any(finding.is_error for finding in coverage.enforced) else 0
