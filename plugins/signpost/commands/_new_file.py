"""What the `signpost new ...` commands share: a file name that is safe to take, written only once.

`new service`, `new organisation` and `new location` all write
`content/<folder>/<slug>.md`; each used to repeat the same checks (inside the
project, not there yet) and the same exclusive write. One copy keeps the
promise of docs/security.md in one place: never outside the project, never over
an editor's file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from signpost.safety.paths import outside_folder_problem


def free_record_path(content: Path, folder: str, slug: str) -> tuple[Path | None, int]:
    """`content/<folder>/<slug>.md` when it may be written, else None and the exit code (said why on stderr)."""
    target = Path(content) / folder / f"{slug}.md"
    problem = outside_folder_problem(target, Path(content).absolute().parent)
    if problem:  # a symbolic link out of the project (docs/security.md)
        print(f"signpost: {problem}; nothing was written", file=sys.stderr)
        return None, 2
    if target.exists():
        print(f"signpost: {target} already exists; nothing was written (use --slug to choose another name)",
              file=sys.stderr)
        return None, 1
    return target, 0


def write_new_file(target: Path, text: str) -> None:
    """Write a file that must not exist yet, making its folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
