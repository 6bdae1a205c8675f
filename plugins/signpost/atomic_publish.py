"""Put a finished site folder live in one atomic step, keeping the previous copy. MkDocs-free.

A web server reading the published folder must never see half a site: the new
site is copied into a sibling folder first (same filesystem), checked, and
then swapped in by rename. On Linux the swap is one `renameat2(RENAME_EXCHANGE)`
call: the published path always holds a complete site, old or new. Where that
call is missing (other systems, some filesystems) it is two renames with a
rollback; the gap between them is microseconds and never shows half a site.
The old copy is kept beside it as `.<name>.previous` (for a quick rollback).

Hand-written because `os.replace` cannot replace a non-empty folder and no
well-kept library does this swap.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

MARKER = ".signpost-published.json"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class PublishError(Exception):
    """Publishing stopped; the published folder is as it was. The message says why."""


@dataclass(frozen=True)
class Published:
    dest: Path
    previous: Path | None
    files: int
    atomic_exchange: bool


def publish_folder(site: Path, dest: Path, *, details: dict | None = None) -> Published:
    """Copy `site` beside `dest`, verify the copy, swap it in; on any failure `dest` is untouched."""
    site, dest = site.resolve(), Path(os.path.abspath(dest))
    check_destination(site, dest)
    staging = dest.with_name(f".{dest.name}.incoming-{os.getpid()}")
    previous = dest.with_name(f".{dest.name}.previous")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(site, staging, symlinks=False)
        files = _verify_copy(site, staging)
        (staging / MARKER).write_text(json.dumps({"published_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                                 "files": files, **(details or {})}, indent=2), encoding="utf-8")
        exchanged = _swap_in(staging, dest, previous)
    except (OSError, shutil.Error) as problem:
        shutil.rmtree(staging, ignore_errors=True)
        raise PublishError(f"could not publish to {dest}: {_describe(problem)}; the published folder is unchanged") \
            from problem
    return Published(dest, previous if previous.exists() else None, files, exchanged)


def _swap_in(staging: Path, dest: Path, previous: Path) -> bool:
    """Make `staging` the folder at `dest`; the old one (if any) goes to `previous`. True: one atomic exchange."""
    if not dest.exists():
        os.rename(staging, dest)
        return True
    shutil.rmtree(previous, ignore_errors=True)
    if exchange(staging, dest):
        os.rename(staging, previous)           # staging now holds the old site
        return True
    os.rename(dest, previous)
    try:
        os.rename(staging, dest)
    except OSError:
        os.rename(previous, dest)              # roll back: the old site goes live again
        raise
    return False


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def check_destination(site: Path, dest: Path) -> None:
    """PublishError if `dest` must not be swapped: a link, a file, the project, or files we did not publish."""
    site, dest = site.resolve(), Path(os.path.abspath(dest))
    if not dest.name or dest == dest.parent:
        raise PublishError(f"{dest} is the root of the file system: publish into a folder")
    if dest.is_symlink():
        raise PublishError(f"{dest} is a symbolic link: give the real folder the web server serves")
    if dest.exists() and not dest.is_dir():
        raise PublishError(f"{dest} exists and is not a folder")
    if dest == site or site in dest.parents or dest in site.parents or dest in Path.cwd().resolve().parents \
            or dest == Path.cwd().resolve():
        raise PublishError(f"{dest} is the project, the built site or a folder around them: publish somewhere else")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MARKER).is_file():
        raise PublishError(f"{dest} already holds files that signpost did not publish (no {MARKER}); "
                           "empty it or choose another folder: publishing swaps the whole folder")


def _verify_copy(site: Path, staging: Path) -> int:
    """Same files with the same sizes in the copy, or OSError."""
    source = {p.relative_to(site): p.stat().st_size for p in site.rglob("*") if p.is_file()}
    copied = {p.relative_to(staging): p.stat().st_size for p in staging.rglob("*") if p.is_file()}
    if source != copied:
        raise OSError(errno.EIO, f"the copy differs from the site ({len(copied)} of {len(source)} files)")
    return len(source)


def _describe(problem: Exception) -> str:
    if isinstance(problem, shutil.Error) and problem.args and isinstance(problem.args[0], list):
        first = problem.args[0][0]
        return f"{len(problem.args[0])} file(s) could not be copied (first: {first[0]}: {first[2]})"
    return str(problem)
