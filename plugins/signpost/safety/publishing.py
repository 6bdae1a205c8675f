"""Publishing under concurrency: `site/` is always a whole site, never missing, never half-written.

`signpost build` builds into a staging folder beside `site/` and swaps it in.
What can go wrong, and what prevents it:

- **two builds at once** (an editor and a pre-commit hook, two CI jobs on one
  runner): a lock file beside `site/` (`.site.lock`, `fcntl.flock`) is held
  from clean-up to swap, so the second build waits for the first; the lock is
  the kernel's and disappears with the process, so a killed build never
  leaves a stale lock;
- **a build killed while building**: its staging folder is left behind, but
  `site/` was never touched; the next build (holding the lock, so no other
  build can be using it) deletes every leftover staging folder;
- **a build killed while swapping**: the swap is one atomic
  `renameat2(RENAME_EXCHANGE)` on Linux, so `site/` is at every instant
  either the old site or the new one; where the file system cannot exchange,
  two renames are used and a kill between them leaves `.site-old`, which the
  next build puts back before doing anything else.

The mkdocs child process inherits the lock (and dies with its parent), so a
killed `signpost build` cannot leave a child still writing while the next
build cleans up. MkDocs-free; Linux/macOS (fcntl).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import shutil
import sys
import tempfile
from pathlib import Path

from signpost.atomic_publish import exchange

STAGING_MARK = "-building-"


def lock_path(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.lock")


def old_path(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}-old")


@contextlib.contextmanager
def build_lock(site_dir: Path, *, wait_message: str | None = None):
    """Hold the site's lock (waiting for another build); yields the open lock file for child processes."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path(site_dir), "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if wait_message:
                print(wait_message, file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield handle
    finally:
        handle.close()  # closing releases the lock (also when the process is killed)


def recover(site_dir: Path) -> list[Path]:
    """Undo what a killed build left (call with the lock held): site/ restored, staging folders removed."""
    old = old_path(site_dir)
    if not site_dir.exists() and old.is_dir():
        old.rename(site_dir)  # killed between the two renames of the fallback swap
    removed = []
    # Staging folders, the parallel build's worker folders and their findings files (`...-worker0.json`).
    for leftover in sorted(site_dir.parent.glob(f".{site_dir.name}{STAGING_MARK}*")) + [old]:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        elif leftover.exists() or leftover.is_symlink():
            leftover.unlink(missing_ok=True)
        else:
            continue
        removed.append(leftover)
    return removed


def new_staging(site_dir: Path) -> Path:
    """A fresh staging folder beside site/ (same file system, so the swap is a rename)."""
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{STAGING_MARK}", dir=site_dir.parent))


def publish(staging: Path, site_dir: Path) -> None:
    """Swap the finished build into place; at no instant is site/ missing or partly written."""
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if _exchange(staging, site_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
        return
    old = old_path(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def child_keeps_lock(lock_file) -> dict:
    """`subprocess` arguments: the child holds the lock too and dies with its parent (Linux)."""
    options: dict = {"pass_fds": (lock_file.fileno(),)}
    if sys.platform.startswith("linux"):
        options["preexec_fn"] = die_with_parent
    return options


def die_with_parent() -> None:
    """Linux: this process is killed when its parent ends (`prctl(PR_SET_PDEATHSIG)`)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(1, 9)  # PR_SET_PDEATHSIG = 1, SIGKILL = 9


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths (renameat2 RENAME_EXCHANGE, shared with `signpost publish`)."""
    return exchange(first, second)
