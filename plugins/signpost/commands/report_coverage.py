"""`signpost report coverage`: the topic x language matrix and every gap with what would close it."""

from __future__ import annotations

import sys
from pathlib import Path

from signpost.commands._project import load_project_model
from signpost.commands._today import stops_on_bad_today
from signpost.coverage.matrix import assess
from signpost.coverage.report import coverage_json, coverage_text


@stops_on_bad_today
def run(args) -> int:
    """Print the report; exit 1 when any gap or problem is an error (as the build would fail)."""
    model = load_project_model(args.content, args.data)
    coverage = assess(model)
    text = coverage_json(coverage) if args.json else coverage_text(coverage)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"signpost: wrote the coverage report to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 1 if any(finding.is_error for finding in coverage.enforced) else 0
