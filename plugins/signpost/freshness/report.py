"""The owners' report and the published page list (site/pages.json).

`report_rows` turns schedules into rows (owner, last reviewed, review by,
status, days left); `format_report` groups them by owner, soonest first.
`PAGES_SCHEMA` is the written shape of pages.json, which a monitoring job
reads; `PageEntry` is one of its rows. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from itertools import groupby
from typing import Any, Iterable

from signpost.freshness.schedule import DEFAULT_DUE_WITHIN_DAYS, ReviewSchedule

PAGES_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://signpost.example.org/schema/pages.schema.json",
    "title": "signpost published pages",
    "description": "site/pages.json: every published page in every language with its review dates, "
                   "for monitoring jobs.",
    "type": "object",
    "required": ["today", "pages"],
    "properties": {
        "today": {"type": "string", "format": "date",
                  "description": "The build's date (SIGNPOST_TODAY when set): statuses are relative to it."},
        "due_within_days": {"type": "integer", "minimum": 0},
        "pages": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "url", "language", "source", "owner", "last_reviewed", "review_by", "status"],
                "properties": {
                    "title": {"type": "string"},
                    "url": {"type": "string", "description": "Absolute URL of the page in this language."},
                    "language": {"type": "string"},
                    "source": {"type": "string", "description": "Content-relative source file."},
                    "owner": {"type": "string"},
                    "last_reviewed": {"type": ["string", "null"], "format": "date"},
                    "review_by": {"type": ["string", "null"], "format": "date"},
                    "status": {"enum": ["fresh", "due", "overdue", "unknown"]},
                    "translation_outdated_since": {"type": ["string", "null"], "format": "date",
                                                   "description": "When the English source changed and this "
                                                                  "translation fell behind, if it did."},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class ReportRow:
    """One page or service in the owners' report."""

    kind: str
    file: str
    title: str
    owner: str
    last_reviewed: str
    review_by: str
    status: str
    days_left: int


@dataclass(frozen=True)
class PageEntry:
    """One page in one language, as published in pages.json."""

    title: str
    url: str
    language: str
    source: str
    owner: str
    last_reviewed: str | None
    review_by: str | None
    status: str
    translation_outdated_since: str | None = None


def report_rows(schedules: Iterable[ReviewSchedule], today: dt.date,
                due_within_days: int = DEFAULT_DUE_WITHIN_DAYS) -> list[ReportRow]:
    """Rows grouped by owner, soonest review first; the owner with the most urgent review comes first."""
    rows = [ReportRow(s.kind, s.file, s.title, s.owner or "(no owner)", s.last_reviewed.isoformat(),
                      s.review_by.isoformat(), s.status(today, due_within_days).value, s.days_left(today))
            for s in schedules]
    soonest: dict[str, str] = {}
    for row in rows:
        soonest[row.owner] = min(soonest.get(row.owner, row.review_by), row.review_by)
    return sorted(rows, key=lambda r: (soonest[r.owner], r.owner.lower(), r.review_by, r.file))


def format_report(rows: list[ReportRow]) -> str:
    """A plain-text table per owner."""
    if not rows:
        return "No pages or services match.\n"
    lines = []
    for owner, group in groupby(rows, key=lambda r: r.owner):
        group = list(group)
        overdue = sum(1 for r in group if r.status == "overdue")
        lines.append(f"{owner} ({len(group)}{f', {overdue} overdue' if overdue else ''})")
        for row in group:
            days = f"{_days(-row.days_left)} overdue" if row.days_left < 0 else f"{_days(row.days_left)} left"
            lines.append(f"  {row.status:<8} {row.review_by}  {days:<18} last reviewed {row.last_reviewed}  "
                         f"{row.kind:<7} {row.file}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def rows_json(rows: list[ReportRow], today: dt.date) -> str:
    return json.dumps({"today": today.isoformat(), "items": [asdict(r) for r in rows]}, indent=2,
                      ensure_ascii=False)


def pages_json(entries: Iterable[PageEntry], today: dt.date, due_within_days: int) -> str:
    """The text of site/pages.json (validates against PAGES_SCHEMA)."""
    pages = sorted(entries, key=lambda e: (e.source, e.language))
    return json.dumps({"today": today.isoformat(),
                       "due_within_days": due_within_days, "pages": [asdict(e) for e in pages]},
                      indent=2, ensure_ascii=False) + "\n"


def _days(number: int) -> str:
    return f"{number} day{'s' if number != 1 else ''}"
