"""File-system safety: signpost reads and writes only inside the project's own folders. MkDocs-free.

Paths from people (`signpost new page ../../x`), from spreadsheets (a slug),
from delivered translation folders, and symbolic links in `content/` could
otherwise make a command write, or the build publish, a file elsewhere on the
machine. Every path is judged after resolving `..` and every symbolic link.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

from signpost.findings import Finding, error

CHECK = "security"


def outside_folder_problem(path: Path | str, folder: Path | str) -> str | None:
    """Why `path` is not safely inside `folder` (after `..` and symbolic links), or None when it is."""
    path, folder = Path(path), Path(folder)
    try:
        real_folder = folder.resolve()
        real_path = (folder / path if not path.is_absolute() else path).resolve()
    except (OSError, RuntimeError) as problem:  # RuntimeError: a symbolic link loop
        return f"{path} cannot be resolved ({problem})"
    if real_path != real_folder and real_folder not in real_path.parents:
        return f"{_shown(path)} leads outside {_shown(folder)}/ (to {real_path})"
    return None


def relative_path_problem(text: str) -> str | None:
    """Why a path typed by a person cannot name a file inside a folder, or None when it can."""
    if not text or "\x00" in text:
        return "the path is empty or has a NUL character"
    posix, windows = PurePosixPath(text), PureWindowsPath(text)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or text.startswith(("/", "\\", "~")):
        return f"{text} is an absolute path"
    if ".." in posix.parts or ".." in windows.parts:
        return f"{text} goes up a folder (`..`)"
    return None


def safe_target(folder: Path | str, relative: str | Path) -> tuple[Path | None, str | None]:
    """`folder / relative` when that stays inside `folder`; else None and why."""
    problem = relative_path_problem(str(relative))
    if problem:
        return None, problem
    target = Path(folder) / relative
    problem = outside_folder_problem(target, folder)
    return (None, problem) if problem else (target, None)


def symlink_findings(content_dir: Path | str, project_root: Path | str, display_prefix: str = "content"
                     ) -> tuple[list[Finding], set[str]]:
    """Symbolic links in `content/` that lead outside the project: refused, with the paths to skip.

    Returns the findings and the content-relative paths (files, or folders
    with a trailing `/`) that must be neither read nor published.
    """
    content_dir, root = Path(content_dir), Path(project_root)
    findings: list[Finding] = []
    refused: set[str] = set()
    if not content_dir.is_dir():
        return findings, refused
    for folder, dirs, files in os.walk(content_dir, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            rel = path.relative_to(content_dir).as_posix()
            problem = outside_folder_problem(path, root)
            if problem is None:
                continue
            refused.add(rel + ("/" if name in dirs else ""))
            findings.append(error(
                f"{display_prefix}/{rel}", "this is a link to a file or folder outside the project; it is not "
                "published", field="path", check=CHECK,
                hint="copy the file into content/ instead of linking to it, or delete the link"))
    return findings, refused


def is_refused(rel: str, refused: set[str]) -> bool:
    """True when a content-relative path is a refused link or lies under a refused folder link."""
    return rel in refused or any(rel.startswith(folder) for folder in refused if folder.endswith("/"))


def _shown(path: Path) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()
