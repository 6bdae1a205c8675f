"""Text of new content files, with every required field filled in."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from signpost.today import today

DEFAULT_OWNER = "information-team@example.org"
DEFAULT_REVIEW = "P6M"


def page_template(relative: PurePosixPath, defaults: dict[str, Any], *, title: str | None = None) -> str:
    """Front matter and a starting body for a page at `relative` (content-relative)."""
    name = relative.stem if relative.stem != "index" else (relative.parent.name or "home")
    title = title or name.replace("-", " ").replace("_", " ").capitalize()
    lines = [
        "---",
        f"title: {_quote(title)}",
        "description: One or two short sentences that say what this page helps with.",
        "audience: [" + ", ".join(defaults.get("audience") or ["young-people"]) + "]",
        "topics: []",
    ]
    if "owner" not in defaults:
        lines.append(f"owner: {DEFAULT_OWNER}")
    lines.append(f"last_reviewed: {today().isoformat()}")
    if "review_every" not in defaults:
        lines.append(f"review_every: {DEFAULT_REVIEW}")
    lines += ["sensitive: false", "---", "", f"# {title}", "",
              "Write short sentences. Say what the reader can do and how to get help.", ""]
    return "\n".join(lines)


def _quote(text: str) -> str:
    return f'"{text}"' if any(ch in text for ch in ":#{}[]&*!|>'\"%@`") else text
