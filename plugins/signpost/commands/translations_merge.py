"""`signpost translations merge DIR`: fill our catalogs from delivered PO files."""

from __future__ import annotations

from signpost.commands._common import print_report
from signpost.engine.mkdocs.project import load_settings
from signpost.findings import Report
from signpost.translations.merge import merge_translations


def run(args) -> int:
    settings = load_settings(args.project)
    if not args.delivered.is_dir():
        print(f"signpost: {args.delivered} is not a folder")
        return 2
    result = merge_translations(args.delivered, settings.root / settings.translations_dir,
                                overwrite=args.overwrite, languages=args.languages)
    for path, count in result.filled.items():
        print(f"{path}: {count} messages filled")
    print(f"signpost: {result.total_filled} messages merged; {result.kept} differing existing translations kept; "
          f"{result.stale} delivered messages no longer in the English pages")
    report = Report(list(result.findings))
    print_report(report, quiet_when_clean=True)
    return 1 if report.errors else 0
