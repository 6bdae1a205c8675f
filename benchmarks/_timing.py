"""Timing helpers shared by the benchmarks: best-of-N wall time of a command."""

from __future__ import annotations

import os
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
