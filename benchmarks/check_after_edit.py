"""How long `signpost check` takes after an edit (target: under 2 s, same findings as the build).

Runs `signpost check` on a copy of the project (an editor's files are never
touched): cold (no `.cache/`), with nothing changed, after a one-line edit of
one page, after an edit of that page's Polish catalog, and after an edit of
a page's Markdown and of `data/` (everything renders again). Each run's CPU
seconds (user + system of the whole process tree, from `getrusage` of the
waited children) and wall seconds are reported; CPU is the figure to quote
on a shared machine.

Environment: CHECK_PAGE (default `about/contact.md`), CHECK_CATALOG (default
`pl/about/contact.po`), CHECK_EDITS (default 3: each edit kind is repeated,
the median is reported), CHECK_ENGINE (passed as SIGNPOST_ENGINE).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._timing import ROOT, copy_project

TARGET_SECONDS = 2.0


def main() -> int:
    page = os.environ.get("CHECK_PAGE", "about/contact.md")
    catalog = os.environ.get("CHECK_CATALOG", "pl/about/contact.po")
    edits = int(os.environ.get("CHECK_EDITS", "3"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if os.environ.get("CHECK_ENGINE"):
        env["SIGNPOST_ENGINE"] = os.environ["CHECK_ENGINE"]
    with tempfile.TemporaryDirectory(prefix="signpost-check-") as folder:
        project = copy_project(Path(folder))
        runs: dict[str, list[tuple[float, float]]] = {}

        def measure(name: str) -> None:
            runs.setdefault(name, []).append(_check(project, env))

        measure("cold")
        for number in range(edits):
            measure("nothing changed")
            _append(project / "content" / page, f"\nOne more line ({number}).\n")
            measure("one-page edit")
            _edit_catalog(project / "translations" / catalog, number)
            measure("PO edit")
        data = next(p for p in sorted((project / "data").glob("*.yml")))
        _append(data, "\n# touched by the benchmark\n")
        measure("data edit")
    worst = 0.0
    for name, figures in runs.items():
        cpu = statistics.median(c for c, _ in figures)
        wall = statistics.median(w for _, w in figures)
        if name in ("one-page edit", "PO edit"):
            worst = max(worst, cpu)
        print(f"check ({name}): CPU {cpu:.2f} s, wall {wall:.2f} s (median of {len(figures)}; "
              f"CPU {', '.join(f'{c:.2f}' for c, _ in figures)})")
    ok = worst < TARGET_SECONDS
    print(f"check after an edit: {'OK' if ok else 'TOO SLOW'} (worst median CPU {worst:.2f} s, "
          f"target < {TARGET_SECONDS} s)")
    return 0 if ok else 1


def _check(project: Path, env: dict[str, str]) -> tuple[float, float]:
    """(CPU, wall) seconds of one `signpost check --json` in `project`; fails loudly if it crashed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "signpost.cli", "check", "--json"], cwd=project, env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not done.stdout.strip().startswith("["):
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit("signpost check did not report its findings")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _edit_catalog(path: Path, number: int) -> None:
    """Change one translation's text (the first non-empty msgstr after the header)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    seen_header = False
    for index, line in enumerate(lines):
        if line.startswith("msgstr ") and line != 'msgstr ""':
            if seen_header:
                lines[index] = line[:-1] + f" ({number})\""
                break
        if line.startswith("msgstr"):
            seen_header = True
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
