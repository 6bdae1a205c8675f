"""Edited without review: pages whose text changed in a commit after their last review.

The whole site's history comes from ONE `git log` process (never one per
file), limited to the commits after the oldest `last_reviewed` date. A commit
that changes a file's `last_reviewed:` line is a review (or creates the file),
so only commits that leave it alone count as edits. No git, not a
repository or a shallow clone: the history is unavailable, with a reason,
and the check is skipped. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from signpost.findings import Finding, warning

CHECK = "freshness"
_COMMIT_MARK = "\x1ecommit "


@dataclass(frozen=True)
class Edit:
    """A commit that changed a file without touching its `last_reviewed` line."""

    commit: str
    day: dt.date
    subject: str


@dataclass
class History:
    """The content edits git knows about, by repository-relative path, newest first."""

    available: bool
    reason: str = ""  # why it is not available
    root: Path | None = None
    edits: dict[str, list[Edit]] = field(default_factory=dict)

    def edits_after(self, file: Path, day: dt.date) -> list[Edit]:
        """Edits of `file` in commits dated after `day`."""
        if not self.available or self.root is None:
            return []
        try:
            key = file.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return []
        return [edit for edit in self.edits.get(key, []) if edit.day > day]


def read_history(content_dir: Path, since: dt.date | None = None) -> History:
    """Every content edit since `since`, from one `git log -p` over the content folder."""
    if shutil.which("git") is None:
        return History(False, "git is not installed")
    content_dir = Path(content_dir).resolve()
    probe = _git(content_dir, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    if probe is None or probe.returncode != 0:
        return History(False, f"{content_dir.name}/ is not in a git repository")
    lines = probe.stdout.splitlines()
    if len(lines) < 2:
        return History(False, "git did not say where the repository is")
    root, shallow = Path(lines[0]).resolve(), lines[1].strip() == "true"
    if shallow:
        return History(False, "the repository is a shallow clone (fetch the full history: git fetch --unshallow)")
    arguments = ["log", "--no-merges", "--no-renames", "--no-color", "--unified=0", "-p",
                 f"--format={_COMMIT_MARK}%H %cs %s"]
    if since is not None:
        arguments.append(f"--since={since.isoformat()}")
    log = _git(root, *arguments, "--", str(content_dir))
    if log is None:
        return History(False, "git log could not run")
    if log.returncode != 0:
        return History(False, "git log failed: " + (log.stderr.strip().splitlines() or ["no output"])[0])
    return History(True, root=root, edits=_parse_log(log.stdout))


def edited_without_review(pages: Iterable, history: History, content_dir: Path) -> list[Finding]:
    """A warning for each page changed in a commit dated after its `last_reviewed`."""
    findings = []
    for page in pages:
        if page.last_reviewed is None:
            continue
        edits = history.edits_after(Path(content_dir) / page.path, page.last_reviewed)
        if not edits:
            continue
        latest = edits[0]
        more = f" (and {len(edits) - 1} earlier commit{'s' if len(edits) > 2 else ''})" if len(edits) > 1 else ""
        findings.append(warning(
            page.file, f"edited on {latest.day.isoformat()} (commit {latest.commit[:8]} \"{latest.subject}\"){more} "
                       f"after its last review on {page.last_reviewed.isoformat()}",
            line=page.key_lines.get("last_reviewed"), field="last_reviewed", check=CHECK,
            hint="check the whole page is still right, then set last_reviewed to the day you did"))
    return findings


def _git(cwd: Path, *arguments: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", "-c", "core.quotePath=false", *arguments], cwd=cwd, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None


def _parse_log(text: str) -> dict[str, list[Edit]]:
    """Edits by path from `git log -p --unified=0` output, newest first."""
    edits: dict[str, list[Edit]] = {}
    for chunk in text.split(_COMMIT_MARK)[1:]:
        header, _, patch = chunk.partition("\n")
        commit, day, subject = (header.split(" ", 2) + ["", ""])[:3]
        try:
            date = dt.date.fromisoformat(day)
        except ValueError:
            continue
        for path, reviewed in _files_in_patch(patch):
            if not reviewed:
                edits.setdefault(path, []).append(Edit(commit, date, subject))
    return edits


def _files_in_patch(patch: str) -> Iterable[tuple[str, bool]]:
    """(path, whether the commit changed its `last_reviewed:` line) for each file of one commit."""
    path, reviewed = None, False
    for line in patch.splitlines():
        if line.startswith("diff --git "):
            if path is not None:
                yield path, reviewed
            path, reviewed = None, False
        elif line.startswith("+++ "):
            target = line[4:]
            path = target[2:] if target.startswith("b/") else None  # /dev/null: the file was deleted
        elif line.startswith("+last_reviewed:") or line.startswith("-last_reviewed:"):
            reviewed = True
    if path is not None:
        yield path, reviewed
