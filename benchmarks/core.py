"""Foundation targets: `signpost check` under 2 s; the full five-language build time."""

from __future__ import annotations

import sys
import tempfile

from benchmarks._timing import time_command

CHECK_TARGET_SECONDS = 2.0


def main() -> int:
    best, median = time_command([sys.executable, "-m", "signpost.cli", "check"], runs=5)
    ok = best < CHECK_TARGET_SECONDS
    print(f"signpost check: best {best:.2f} s, median {median:.2f} s (target < {CHECK_TARGET_SECONDS} s)"
          f" {'OK' if ok else 'TOO SLOW'}")
    with tempfile.TemporaryDirectory() as site:
        best, median = time_command([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", site], runs=3)
    print(f"mkdocs build (all languages): best {best:.2f} s, median {median:.2f} s")
    return 0 if ok else 1
