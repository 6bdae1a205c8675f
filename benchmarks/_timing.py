"""Helpers shared by the benchmarks: best-of-N wall time of a command, a copy of the project to edit."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_command(command: list[str], *, runs: int = 3, env: dict[str, str] | None = None, cwd: Path = ROOT
                 ) -> tuple[float, float]:
    """(best, median) wall time in seconds of `command` over `runs` runs; fails loudly on a non-zero exit."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.stderr.write(result.stdout[-2000:] + result.stderr[-4000:])
            raise SystemExit(f"benchmark command failed: {' '.join(command)}")
    return min(times), statistics.median(times)


def copy_project(folder: Path) -> Path:
    """The real content, data and catalogs in `folder/project`, its mkdocs.yml pointing at this theme.

    For the benchmarks that edit files (the preview reload, the check after an edit): never the
    project's own files.
    """
    project = folder / "project"
    project.mkdir()
    for name in ("content", "data", "translations"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: plugins/signpost/theme", f"custom_dir: {ROOT}/plugins/signpost/theme")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project
