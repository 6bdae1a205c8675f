"""`signpost translations extract`: create and update the PO catalogs from the English pages."""

from __future__ import annotations

from signpost.commands._common import print_report
from signpost.findings import Report
from signpost.today import BadTodayError, today

HELP = "Create and update the PO catalogs from the English pages (like pybabel update)."


def configure(parser) -> None:
    parser.add_argument("--project", default=".", help="folder with mkdocs.yml (default: current folder)")
    parser.add_argument("--language", "-l", action="append", dest="languages", metavar="LANG",
                        help="only this language (repeatable; default: every language in mkdocs.yml)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a catalog is out of date with the English pages (for CI)")


def run(args) -> int:
    # Deferred: `signpost --help` imports every command module; these load MkDocs and the core (~0.5 s).
    from signpost.engine.mkdocs.project import load_settings
    from signpost.model import load_content_model
    from signpost.settings import unknown_locale_findings
    from signpost.translations.extract import extract

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
