"""The owners' digest: what is overdue and what falls due soon, grouped by owner, in Markdown.

Made from `signpost report freshness --json` (one source of truth for review
dates), for the scheduled CI run: it goes into the run summary
(`$GITHUB_STEP_SUMMARY`), an artifact, and optionally one GitHub issue. Every
value from content (titles, owners, paths) is escaped: the digest is Markdown
that GitHub renders, and a title must not inject links, HTML or table cells.
"""

from __future__ import annotations

import re
from collections import defaultdict

DIGEST_TITLE = "Pages and services to review"


def owner_digest(freshness: dict, within_days: int = 30) -> str:
    """Markdown: overdue items and items due within `within_days`, by owner, soonest first."""
    today = str(freshness.get("today", ""))
    items = [item for item in freshness.get("items", [])
             if isinstance(item, dict) and isinstance(item.get("days_left"), int) and item["days_left"] <= within_days]
    overdue = sum(1 for item in items if item["days_left"] < 0)
    lines = [f"# {DIGEST_TITLE} ({_text(today)})", "",
             f"**{overdue} overdue**, {len(items) - overdue} due in the next {within_days} days. "
             "An overdue page fails the build, and the site is not published until it is reviewed.", ""]
    if not items:
        lines.append("Nothing is overdue or due soon.")
        return "\n".join(lines) + "\n"
    by_owner: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        by_owner[str(item.get("owner") or "no owner")].append(item)
    for owner in sorted(by_owner, key=lambda o: (min(i["days_left"] for i in by_owner[o]), o)):
        group = sorted(by_owner[owner], key=lambda i: (i["days_left"], str(i.get("file"))))
        lines += [f"## {_text(owner)}", "", "| when | review by | what | file |", "| --- | --- | --- | --- |"]
        for item in group:
            lines.append(f"| {_when(item['days_left'])} | {_cell(item.get('review_by'))} | "
                         f"{_cell(item.get('kind'))}: {_cell(item.get('title'))} | {_code(item.get('file'))} |")
        lines.append("")
    return "\n".join(lines)


def _when(days_left: int) -> str:
    if days_left < 0:
        return f"**overdue** by {-days_left} day{'s' if days_left != -1 else ''}"
    if days_left == 0:
        return "due today"
    return f"in {days_left} day{'s' if days_left != 1 else ''}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def _text(value) -> str:
    """Plain text in Markdown: every character Markdown or HTML could read as markup is escaped."""
    text = " ".join(str(value if value is not None else "").split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _cell(value) -> str:
    return _text(value)


def _code(value) -> str:
    """A file path as code; backticks cannot appear in our paths, but are dropped to be sure."""
    text = " ".join(str(value or "").split()).replace("`", "").replace("|", "\\|")
    return f"`{text}`" if text else ""
