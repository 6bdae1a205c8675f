"""`signpost translations extract`: create and update the PO catalogs from the English pages."""

from __future__ import annotations

from signpost.commands._common import print_report
from signpost.engine.mkdocs.project import load_settings
from signpost.findings import Report
from signpost.model import load_content_model
from signpost.settings import unknown_locale_findings
from signpost.today import BadTodayError, today
from signpost.translations.extract import extract


def run(args) -> int:
    settings = load_settings(args.project)
    if not (settings.root / "mkdocs.yml").is_file():
        print(f"signpost: no mkdocs.yml in {settings.root}: run this in the project folder or pass --project")
        return 2
    report = Report()
    report.extend(unknown_locale_findings(settings.languages, settings.locale_lines))
    languages = args.languages or [lang for lang in settings.target_languages
                                   if not any(f.message.startswith(f"unknown locale `{lang}`") for f in report)]
    try:
        model = load_content_model(settings.content_dir, settings.data_dir, settings=settings)
        result = extract(settings, model, today=today(), languages=languages, dry_run=args.check)
    except BadTodayError as problem:
        print(f"signpost: {problem}")
        return 2
    report.extend(result.findings)
    if args.check:
        result.changes = [change for change in result.changes if change.messages_changed]
    verb = "out of date" if args.check else "written"
    if not args.quiet or args.check:
        for change in result.changes:
            if change.written:
                print(f"{change.path}: {change.added} new, {change.fuzzy} changed (fuzzy), {change.obsolete} obsolete"
                      + (" (not written: --check)" if args.check else ""))
        written = sum(change.written for change in result.changes)
        print(f"signpost: {written} catalogs {verb}" + ("; run `signpost translations extract`" if args.check and written else ""))
    print_report(report, quiet_when_clean=True)
    stale = args.check and any(change.written for change in result.changes)
    return 1 if report.errors or stale else 0
