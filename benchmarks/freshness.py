"""What the freshness plugin adds to the real site's build (target: under 5%).

Two measurements, because the machine is shared and wall-clock times of
whole builds swing by tens of percent with other people's work:

1. **Attribution** (the figure that decides): the real build runs with the
   freshness plugin's events wrapped in timers; their CPU time (the git child
   process included) is divided by the whole build's CPU time.
2. **With / without**: the same build with `signpost/freshness: enabled: false`
   in a copy of mkdocs.yml, alternating runs, CPU time of the build process
   (user + sys, less sensitive to load than wall time) and wall time.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._timing import ROOT

TARGET_PERCENT = 5.0
RUNS = int(os.environ.get("FRESHNESS_BENCH_RUNS", "3"))
PLUGIN_LINE = "  - signpost/freshness\n"

# Runs one build in-process with the freshness events timed; prints JSON.
_DRIVER = r"""
import json, resource, sys, time
from signpost.freshness import plugin as freshness_plugin

def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

spent = {}
for name in ("on_config", "on_page_content", "on_post_build"):
    original = getattr(freshness_plugin.FreshnessPlugin, name)
    def timed(self, *args, _original=original, _name=name, **kwargs):
        start = cpu()
        try:
            return _original(self, *args, **kwargs)
        finally:
            spent[_name] = spent.get(_name, 0.0) + cpu() - start
    if hasattr(original, "mkdocs_priority"):
        timed.mkdocs_priority = original.mkdocs_priority
    setattr(freshness_plugin.FreshnessPlugin, name, timed)

from mkdocs.__main__ import cli
start = cpu()
failed = False
try:
    cli(["build", "-q", "-f", sys.argv[1], "-d", sys.argv[2]], standalone_mode=False)
except BaseException:
    failed = True
print(json.dumps({"build": cpu() - start, "events": spent, "failed": failed}))
"""


def main() -> int:
    attributed = _attribution()
    compared = _with_and_without()
    ok = attributed < TARGET_PERCENT
    print(f"=> freshness costs {attributed:.2f}% of the build (attribution; target < {TARGET_PERCENT:.0f}%) "
          f"{'OK' if ok else 'TOO SLOW'}; with/without CPU difference {compared:+.1f}% (noisy)")
    return 0 if ok else 1


def _attribution() -> float:
    shares, failures = [], 0
    with tempfile.TemporaryDirectory() as site:
        for _ in range(RUNS):
            result = subprocess.run([sys.executable, "-c", _DRIVER, str(ROOT / "mkdocs.yml"), site], cwd=ROOT,
                                    env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
            data = json.loads(result.stdout.strip().splitlines()[-1])
            events = sum(data["events"].values())
            shares.append((100.0 * events / data["build"], events, data["build"], data["events"]))
            failures += data["failed"]
    share, events, build, detail = sorted(shares)[len(shares) // 2]
    parts = ", ".join(f"{name} {1000 * seconds:.0f} ms" for name, seconds in detail.items())
    print(f"attribution (median of {RUNS}): freshness events {1000 * events:.0f} ms CPU of a {build:.2f} s CPU build "
          f"= {share:.2f}% ({parts})")
    _note_failures(failures, RUNS)
    return share


def _with_and_without() -> float:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if PLUGIN_LINE not in config:
        print(f"with/without: mkdocs.yml does not list `{PLUGIN_LINE.strip()}` as a plain entry; skipped")
        return float("nan")
    configs = {"with": config,
               "without": config.replace(PLUGIN_LINE, "  - signpost/freshness:\n      enabled: false\n")}
    paths: dict[str, str] = {}
    cpu: dict[str, list[float]] = {name: [] for name in configs}
    wall: dict[str, list[float]] = {name: [] for name in configs}
    failures = 0
    try:
        for name, text in configs.items():
            handle, path = tempfile.mkstemp(prefix=".bench-freshness-", suffix=".yml", dir=ROOT)
            os.close(handle)
            Path(path).write_text(text, encoding="utf-8")
            paths[name] = path
        with tempfile.TemporaryDirectory() as site:
            for _ in range(RUNS):
                for name, path in paths.items():
                    seconds, cpu_seconds, failed = _time_build(path, site)
                    wall[name].append(seconds)
                    cpu[name].append(cpu_seconds)
                    failures += failed
    finally:
        for path in paths.values():
            Path(path).unlink(missing_ok=True)
    on, off = statistics.median(cpu["with"]), statistics.median(cpu["without"])
    print(f"with/without ({RUNS} alternating runs each, medians): CPU {on:.2f} s vs {off:.2f} s "
          f"({100 * (on - off) / off:+.1f}%); wall {statistics.median(wall['with']):.2f} s vs "
          f"{statistics.median(wall['without']):.2f} s")
    _note_failures(failures, 2 * RUNS)
    return 100 * (on - off) / off


def _time_build(config_file: str, site: str) -> tuple[float, float, bool]:
    """Wall time and CPU time (user + sys) of one build, and whether it failed."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config_file, "-d", site],
                            cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu_seconds, result.returncode != 0


def _note_failures(failures: int, runs: int) -> None:
    if failures:
        # signpost fails a build only at the very end (after every page and language),
        # so a build that content errors failed was still timed whole.
        print(f"  note: {failures} of {runs} builds reported content errors (timed all the same)")


if __name__ == "__main__":  # python -m benchmarks freshness
    sys.exit(main())
