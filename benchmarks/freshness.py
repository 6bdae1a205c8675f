"""What the freshness plugin adds to the real site's build: with and without it, target under 5%.

Both configurations are copies of mkdocs.yml in the project folder (so every
relative path is the same), the second with `signpost/freshness: enabled:
false`. Runs alternate between the two so load on the shared machine falls
on both alike; the figure is the difference of the medians.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._timing import ROOT, time_command

TARGET_PERCENT = 5.0
RUNS = int(os.environ.get("FRESHNESS_BENCH_RUNS", "5"))
PLUGIN_LINE = "  - signpost/freshness\n"


def main() -> int:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if PLUGIN_LINE not in config:
        print(f"freshness: mkdocs.yml does not list `{PLUGIN_LINE.strip()}` as a plain entry; nothing to compare")
        return 1
    configs = {
        "with freshness": config,
        "without freshness": config.replace(PLUGIN_LINE, "  - signpost/freshness:\n      enabled: false\n"),
    }
    paths = {}
    try:
        for name, text in configs.items():
            handle, path = tempfile.mkstemp(prefix=".bench-freshness-", suffix=".yml", dir=ROOT)
            os.close(handle)
            Path(path).write_text(text, encoding="utf-8")
            paths[name] = path
        times = {name: [] for name in configs}
        with tempfile.TemporaryDirectory() as site:
            for _ in range(RUNS):
                for name, path in paths.items():
                    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", path, "-d", site]
                    best, _median = time_command(command, runs=1)
                    times[name].append(best)
    finally:
        for path in paths.values():
            Path(path).unlink(missing_ok=True)
    on, off = (statistics.median(times[name]) for name in configs)
    best_on, best_off = (min(times[name]) for name in configs)
    percent = 100.0 * (on - off) / off
    ok = percent < TARGET_PERCENT
    print(f"mkdocs build with freshness: median {on:.2f} s (best {best_on:.2f} s); "
          f"without: median {off:.2f} s (best {best_off:.2f} s); {RUNS} runs each")
    print(f"freshness adds {on - off:+.2f} s = {percent:+.1f}% of the build "
          f"(best-of: {100.0 * (best_on - best_off) / best_off:+.1f}%) (target < {TARGET_PERCENT:.0f}%) "
          f"{'OK' if ok else 'TOO SLOW'}")
    print(f"freshness checks alone (model already loaded, git included): {1000 * _time_checks_alone():.0f} ms")
    return 0 if ok else 1


def _time_checks_alone() -> float:
    """Seconds for one run of the freshness checks on the real content (best of 3)."""
    from signpost.freshness.checks import run_checks
    from signpost.model import load_content_model
    model = load_content_model(ROOT / "content", ROOT / "data")
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run_checks(model)
        times.append(time.perf_counter() - start)
    return min(times)


if __name__ == "__main__":  # python -m benchmarks freshness
    sys.exit(main())
