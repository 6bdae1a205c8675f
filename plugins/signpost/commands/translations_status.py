"""`signpost translations status`: translated / fuzzy / untranslated messages per language and page."""

from __future__ import annotations

import json

from signpost.commands._common import print_report
from signpost.engine.mkdocs.project import load_settings
from signpost.findings import Report
from signpost.model import load_content_model
from signpost.today import today
from signpost.translations.status import project_status


def run(args) -> int:
    settings = load_settings(args.project)
    if not (settings.root / "mkdocs.yml").is_file():
        print(f"signpost: no mkdocs.yml in {settings.root}: run this in the project folder or pass --project")
        return 2
    model = load_content_model(settings.content_dir, settings.data_dir, settings=settings)
    status = project_status(settings, model, args.languages)
    day = today()
    if args.json:
        print(json.dumps({
            "languages": [status.totals(language) for language in status.languages()],
            "pages": [dict(page.to_dict(), outdated_days=page.outdated_days(day)) for page in status.pages],
            "interface": [page.to_dict() for page in status.interface],
            "orphans": status.orphans,
            "findings": [finding.to_dict() for finding in status.findings],
        }, indent=2, ensure_ascii=False))
        return 0
    print(_table(status, day))
    report = Report()
    report.extend(status.findings)
    print_report(report, quiet_when_clean=True)
    return 0


def _table(status, day) -> str:
    lines = []
    header = (f"{'page':<44} {'done':>6} {'transl.':>8} {'review.':>8} {'draft':>6} {'fuzzy':>6} {'untr.':>6} "
              f"{'broken':>7}  note")
    for language in status.languages():
        totals = status.totals(language)
        lines.append(f"== {language}: {totals['percent']:.1f}% of {totals['total']} messages translated, "
                     f"{totals['complete_pages']} of {totals['pages']} pages complete; "
                     f"{totals['reviewed']} reviewed by a person, {totals['drafts']} machine drafts")
        lines.append(header)
        for page in [p for p in status.pages if p.language == language] + \
                [p for p in status.interface if p.language == language]:
            note = "complete" if page.complete else ("no translation" if not page.has_translation else "")
            if page.fuzzy_since:
                note = (note + "; " if note else "") + f"outdated {page.outdated_days(day)} days"
            if page.in_grace and page.grace_ends:
                note += f" (previous translation shown until {page.grace_ends.isoformat()})"
            if page.grace_expired:
                note += f"; {page.grace_expired} past the grace period"
            lines.append(f"{page.path:<44} {page.percent:>5.1f}% {page.translated:>8} {page.reviewed:>8} "
                         f"{page.drafts:>6} {page.fuzzy:>6} {page.untranslated:>6} {page.broken:>7}  {note}")
        lines.append("")
    if status.orphans:
        lines.append("Catalogs of pages that no longer exist:")
        lines.extend(f"  {orphan}" for orphan in status.orphans)
    return "\n".join(lines)
