"""`signpost check`: validate all content without a build (pre-commit speed)."""

from __future__ import annotations

HELP = "Validate all content without building the site."


def configure(parser) -> None:
    from signpost.commands._common import add_project_arguments
    add_project_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--format", choices=["text", "json", "github"], default="text",
                        help="text (default), json, or github: GitHub Actions annotations (::error file=...)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")


def run(args) -> int:
    from signpost.commands._common import print_report
    from signpost.commands._common import load_project_model
    from signpost.today import BadTodayError
    try:
        model = load_project_model(args.content, args.data)
    except BadTodayError as problem:
        print(f"signpost: {problem}")
        return 2
    report = model.report
    for extra_check in _extra_checks():
        report.extend(extra_check(model))
    if args.json or args.format == "json":
        print(report.to_json())
    elif args.format == "github":
        from signpost.annotations import github_annotations
        print(github_annotations(report))
    else:
        print_report(report)
    failing = report.errors or (args.strict and report.warnings)
    return 1 if failing else 0


def _extra_checks():
    """Model-level checks other features register (freshness, coverage, ...), MkDocs-free."""
    from signpost.checks import model_checks
    return model_checks()
