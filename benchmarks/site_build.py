"""Checked build against a bare MkDocs build of the same synthetic corpus (issue: speed).

- **bare**: stock Material + mkdocs-static-i18n, the same languages and Markdown
  extensions, no signpost plugins and no theme overrides;
- **full**: `signpost build`, every signpost check but the browser run.

Both build the same seeded corpus (`benchmarks/synthetic.py`). The target size
(400 pages x 5 languages + 300 services) runs as alternating bare/full pairs,
because the machine is shared and only paired ratios mean much; two more
sizes give the scaling exponent (slope of log time over log pages). A profiled
build (warm-up, workers and helpers each profiled) attributes CPU to each signpost plugin. Results go to
`benchmarks/results/site_build.json`; the run ends with the two ratio lines.

Environment: BENCH_PAIRS (default 3), BENCH_SIZES (default "100:300,400:300,1600:1000"
as pages:services; each size builds bare and full), BENCH_TARGET (default "400:300"),
BENCH_PROFILE_SIZE (default: the target), BENCH_LANES (default 1: how many of the pairs,
the profile and the scaling sizes run at once), BENCH_SECTION_PAGES (default 40: the synthetic
pages in menu sections of 40; 0: all in one section, benchmarks/synthetic.py).
"""

from __future__ import annotations

import json
import math
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from benchmarks import synthetic
from benchmarks._timing import ROOT

RESULTS = ROOT / "benchmarks" / "results"
LANGUAGE_COUNT = 1 + len(synthetic.LANGUAGES)


def main() -> int:
    pairs = int(os.environ.get("BENCH_PAIRS", "3"))
    target = _size(os.environ.get("BENCH_TARGET", "400:300"))
    sizes = [_size(text) for text in os.environ.get("BENCH_SIZES", "100:300,400:300,1600:1000").split(",")]
    profile_size = _size(os.environ.get("BENCH_PROFILE_SIZE", f"{target[0]}:{target[1]}"))
    lanes = int(os.environ.get("BENCH_LANES", "1"))
    work = Path(tempfile.mkdtemp(prefix="signpost-bench-"))
    results: dict = {"machine": _machine(), "target": {"pages": target[0], "services": target[1]},
                     "lanes": lanes, "profile_size": {"pages": profile_size[0], "services": profile_size[1]},
                     "section_pages": synthetic.SECTION_PAGES}
    try:
        # Lanes: the pairs, the profile and each scaling size are independent; on a busy shared
        # machine, running them side by side (BENCH_LANES=3) lets the bench finish in time.
        # Each figure is still one build's own CPU; a lane's neighbours only add to the load.
        with ThreadPoolExecutor(max_workers=lanes) as pool:
            paired = pool.submit(_pairs, work / "project", target, pairs)
            profiled = pool.submit(_plugin_shares, work / "profile", profile_size)
            others = {size: pool.submit(_scale_point, work, size) for size in sizes if size != target}
            runs, corpus, page_size = paired.result()
            results["pairs"] = [{"bare": bare, "full": full} for bare, full in runs]
            results["summary"] = _summary(runs, corpus)
            results["page_size"] = page_size
            results["plugin_cpu_share"] = profiled.result()
            points = [_point(corpus.pages, target[1], *runs[0]) if size == target else others[size].result()
                      for size in sizes]
        results["scaling"] = _scaling(points)
    except SystemExit:
        raise
    else:
        subprocess.run(["rm", "-rf", str(work)])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "site_build.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    _print(results)
    return 0


def _pairs(root: Path, size: tuple[int, int], pairs: int):
    """Bare and full builds of one corpus, alternating: the deciding ratios."""
    corpus = synthetic.generate(root, *size)
    _write_bare_config(corpus.root)
    runs = [(_build(corpus, "bare"), _build(corpus, "full")) for _ in range(pairs)]
    return runs, corpus, _page_sizes(corpus.root / "site-full")


# Builds --------------------------------------------------------------------------------------------

def _build(corpus: synthetic.Corpus, kind: str) -> dict:
    """Wall, CPU (the whole process tree) and peak memory of one build."""
    site = corpus.root / f"site-{kind}"
    if kind == "bare":
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "--clean", "-f", "mkdocs-bare.yml", "-d", str(site)]
    else:
        command = [sys.executable, "-m", "signpost.cli", "build", "--site-dir", str(site)]
    env = {**os.environ, "SIGNPOST_TODAY": synthetic.TODAY, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=corpus.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace")
    # wait4 reports this child's own usage plus that of every descendant it waited for:
    # CPU of the whole tree (parallel language builds included) and its largest process.
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode != 0:
        log = corpus.root.parent / f"failed-{kind}-build.log"
        log.write_text(output, encoding="utf-8")
        sys.stderr.write(output[-4000:])
        raise SystemExit(f"bench: the {kind} build failed (whole output: {log})")
    return {"wall_s": round(wall, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def _write_bare_config(project: Path) -> None:
    """The same site for stock Material + static-i18n: no signpost plugin, no theme override."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    # Material has no interface strings for Panjabi: the bare theme gets that one language
    # file (the same one signpost ships) and nothing else of signpost's overrides.
    languages = project / "bare-theme" / "partials" / "languages"
    languages.mkdir(parents=True, exist_ok=True)
    for partial in (ROOT / "plugins/signpost/theme/partials/languages").glob("*.html"):
        (languages / partial.name).write_text(partial.read_text(encoding="utf-8"), encoding="utf-8")
    config["theme"]["custom_dir"] = str(project / "bare-theme")
    config["extra_css"] = []
    config["plugins"] = [plugin for plugin in config["plugins"]
                         if not str(next(iter(plugin)) if isinstance(plugin, dict) else plugin).startswith("signpost/")]
    (project / "mkdocs-bare.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                             encoding="utf-8")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with MkDocs' own tags kept as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node))


# Figures -------------------------------------------------------------------------------------------

def _summary(runs: list[tuple[dict, dict]], corpus: synthetic.Corpus) -> dict:
    def median(kind: int, key: str) -> float:
        return statistics.median(run[kind][key] for run in runs)

    pages = (corpus.pages + corpus.services) * LANGUAGE_COUNT
    summary = {kind: {key: median(index, key) for key in ("wall_s", "cpu_s", "peak_rss_mb")}
               for index, kind in enumerate(("bare", "full"))}
    for kind in ("bare", "full"):
        summary[kind]["ms_per_page_per_language"] = round(1000 * summary[kind]["wall_s"] / pages, 2)
    # Ratios of each pair, then their median: a load spike hits both builds of a pair alike.
    summary["wall_ratio"] = round(statistics.median(full["wall_s"] / bare["wall_s"] for bare, full in runs), 2)
    summary["cpu_ratio"] = round(statistics.median(full["cpu_s"] / bare["cpu_s"] for bare, full in runs), 2)
    summary["memory_ratio"] = round(summary["full"]["peak_rss_mb"] / summary["bare"]["peak_rss_mb"], 2)
    return summary


def _page_sizes(site: Path) -> dict:
    sizes = sorted(path.stat().st_size for path in site.rglob("*.html"))
    if not sizes:
        return {}
    return {"pages": len(sizes), "median_kb": round(statistics.median(sizes) / 1024, 1),
            "p95_kb": round(sizes[min(len(sizes) - 1, int(0.95 * len(sizes)))] / 1024, 1)}


def _scale_point(work: Path, size: tuple[int, int]) -> dict:
    pages, services = size
    corpus = synthetic.generate(work / f"scale-{pages}-{services}", pages, services)
    _write_bare_config(corpus.root)
    bare = _build(corpus, "bare")
    full = _build(corpus, "full")
    subprocess.run(["rm", "-rf", str(corpus.root)])
    return _point(corpus.pages, services, bare, full)


def _point(pages: int, services: int, bare: dict, full: dict) -> dict:
    return {"pages": pages, "services": services, **full, "bare_cpu_s": bare["cpu_s"],
            "bare_peak_rss_mb": bare["peak_rss_mb"]}


def _scaling(points: list[dict]) -> dict:
    """The log-log slopes of CPU over total pages (pages + services).

    The bare build is measured too because stock MkDocs + Material is not linear itself: every page
    carries its section's menu, so a page's size grows with its section. `cpu_exponent` is the full
    build's; `bare_cpu_exponent` the engine's; `added_cpu_exponent` that of what signpost adds
    (full minus bare), the part signpost controls.
    """
    xs = [math.log(point["pages"] + point["services"]) for point in points]

    def exponent(values: list[float]) -> float | None:
        if len(points) < 2 or min(values) <= 0:
            return None
        return round(_slope(xs, [math.log(value) for value in values]), 2)

    return {"points": points, "cpu_exponent": exponent([point["cpu_s"] for point in points]),
            "bare_cpu_exponent": exponent([point["bare_cpu_s"] for point in points]),
            "added_cpu_exponent": exponent([point["cpu_s"] - point["bare_cpu_s"] for point in points])}


def _slope(xs: list[float], ys: list[float]) -> float:
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


# Profile -------------------------------------------------------------------------------------------

def _plugin_shares(root: Path, size: tuple[int, int]) -> dict:
    """Share of the build's CPU spent in each signpost feature, profiled in the build as it runs.

    `signpost build` runs with its warm-up, each forked worker and each helper profiled apart
    (`benchmarks/_profiled_build.py`); the shares are of their summed time. A feature's time is
    the cumulative time of every call that enters signpost code from outside it (an engine
    event, a Treeprocessor run, a Jinja call): inclusive of the libraries signpost calls,
    exclusive of the engine's own work. Two corrections keep it honest:

    - the theme's templates extend Material's (`main.html` extends `base.html`), so the calls
      they make back into Material's templates (the page layout, the menu, the bare build's work
      too) are the engine's, not signpost's: left out;
    - signpost/content hosts the other plugins' steps on its one parse of each finished page
      (`rendered_page.run_steps`): each step's time is its own plugin's, not content's;
    - a signpost function a library calls back while inside a signpost call (babel's parser
      filling signpost's catalog class, nh3 asking signpost's attribute filter, textstat looking
      syllables up) is already in that call's time: not counted again (`_inside_signpost`).

    The first process (the merge of the workers' sites, the publishing) is not profiled.
    The profiler's clock is the wall clock (a CPU-time clock costs a system call per event and
    made the profiled build several times slower): shares, not seconds, are what it gives.
    """
    corpus = synthetic.generate(root, *size)
    folder = corpus.root / "profiles"
    env = {**os.environ, "SIGNPOST_TODAY": synthetic.TODAY, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "_profiled_build.py"), str(folder), "build",
                    "--site-dir", str(corpus.root / "site-profile")],
                   cwd=corpus.root, env=env, capture_output=True, check=True)
    return _shares_from(sorted(folder.glob("*.prof")))


def _shares_from(files: list[Path]) -> dict:
    """Each feature's share (%) of the profiled processes' time (see `_plugin_shares`)."""
    profiles = [pstats.Stats(str(file)) for file in files]
    # Each process's outermost call's cumulative time, summed: the time of every profiled process.
    total = sum(max(entry[3] for entry in profile.stats.values()) for profile in profiles)
    stats = profiles[0]
    stats.add(*profiles[1:])
    # Waiting for a helper is wall-clock time in the profile, not work: out of the total and out
    # of the feature that waits (the directory waits for its open data through the build's `wait`).
    shares: dict[str, float] = {}
    for function, (_, _, own, _, callers) in stats.stats.items():
        waiting = function[2] == WAITING or (function[0].endswith(ORCHESTRATION) and function[2] == "wait")
        if function[2] == WAITING:
            total -= own
        for caller, caller_stats in callers.items() if waiting else ():
            if (feature := _feature(caller[0])) is not None:
                shares[feature] = shares.get(feature, 0.0) - caller_stats[3]
    inside_signpost = _inside_signpost(stats.stats)
    for function, (_, _, _, _, callers) in stats.stats.items():
        feature = _feature(function[0])
        if feature is None:
            continue
        entered = sum(caller_stats[3] for caller, caller_stats in callers.items()
                      if _feature(caller[0]) is None and not inside_signpost(caller))
        shares[feature] = shares.get(feature, 0.0) + entered
        if function[2] == HOSTED_STEP:
            hosted = sum(caller_stats[3] for caller, caller_stats in callers.items() if caller[2] == "run_steps")
            shares[feature] += hosted
            shares["content"] = shares.get("content", 0.0) - hosted
    for function, (_, _, _, _, callers) in stats.stats.items():
        menu_macro = function[0].endswith(JINJA_MACROS) and function[2] == "__call__"
        if not (_engine_template(function[0]) or menu_macro):
            continue
        for caller, caller_stats in callers.items():
            if menu_macro and not caller[0].endswith(MENU_HELPER):
                continue  # signpost's own templates' macros are signpost's work
            if (feature := _feature(caller[0])) is not None:
                shares[feature] -= caller_stats[3]
    return {feature: round(100 * seconds / total, 1) for feature, seconds in sorted(shares.items())}


def _inside_signpost(stats: dict):
    """Whether a library function is only ever called from within signpost's calls (directly or through
    other such functions): a signpost function it calls back (babel's parser filling signpost's catalog
    class) is already in the time of the signpost call it is inside, not a new entry to count again.
    A function also called from the engine (Jinja, the Markdown parser, builtins) counts as an entry."""
    known: dict[tuple, bool] = {}

    def inside(function: tuple, path: frozenset = frozenset()) -> bool:
        if function in known:
            return known[function]
        if function in path:
            return True  # a cycle adds no way in from outside
        callers = stats.get(function, (0, 0, 0, 0, {}))[4]
        if not callers or function[0].endswith(ORCHESTRATION + PROFILER) or _taken_out(function):
            # A process's first call, the parallel build's own frame, or engine work taken out of
            # the signpost call that made it (below): what signpost code it calls is a way in.
            answer = False
        else:
            answer = all(_feature(caller[0]) is not None or inside(caller, path | {function}) for caller in callers)
        known[function] = answer
        return answer
    return inside


def _taken_out(function: tuple) -> bool:
    """Engine work `_shares_from` takes out of the signpost call it is inside: Material's templates, the
    Material copies, the menu macro the helper calls back."""
    return (_engine_template(function[0]) or function[0].endswith(MATERIAL_COPIES)
            or (function[0].endswith(JINJA_MACROS) and function[2] == "__call__"))


#: The bench's own profiling wrapper (it starts each profiled process's work).
PROFILER = ("benchmarks/_profiled_build.py",)


#: The method by which a plugin's step runs on the content plugin's one parse of a page.
HOSTED_STEP = "process_rendered_page"
#: How the profile names waiting for a forked helper.
WAITING = "<built-in method posix.waitpid>"


#: Theme files that are Material's own with a few lines changed (see each file's header): their
#: time is Material's menu rendering, which the bare build does in Material's copy. What signpost
#: adds there calls Python (`signpost_section_title`, `signpost_nav_children`, `signpost_t`), counted
#: where it lands (less the menu items the helper has the macro draw: MENU_HELPER).
MATERIAL_COPIES = ("signpost/theme/partials/nav-item.html",)


#: The parallel build's own frame (warm-up, forks, waiting): everything runs inside it, so it is
#: no feature's; what it calls into signpost is counted where it lands.
ORCHESTRATION = ("signpost/engine/mkdocs/whole_build.py",)


#: signpost's menu helper calls nav-item.html's `render` macro back (through Jinja's
#: `Macro.__call__`) for the items it has not drawn yet: that drawing is the menu's, work the bare
#: build does too, so it is taken out of the helper's time like a call into Material's templates.
MENU_HELPER = "signpost/engine/mkdocs/nav_menu.py"
JINJA_MACROS = "jinja2/runtime.py"


def _engine_template(filename: str) -> bool:
    """A template of Material or MkDocs' own themes (compiled by Jinja, named by its file)."""
    return "/material/templates/" in filename or "/mkdocs/themes/" in filename


def _feature(filename: str) -> str | None:
    """`translations` for .../signpost/translations/x.py or .../signpost/engine/mkdocs/translations/x.py."""
    parts = Path(filename).parts
    if "signpost" not in parts or "plugins" not in parts:
        return None
    if filename.endswith(MATERIAL_COPIES + ORCHESTRATION):
        return None
    inner = list(parts[parts.index("signpost") + 1:])
    if inner[:2] == ["engine", "mkdocs"]:
        inner = inner[2:]
    return inner[0] if len(inner) > 1 else "core"


# Output --------------------------------------------------------------------------------------------

def _machine() -> dict:
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
            "load_average": os.getloadavg()}


def _size(text: str) -> tuple[int, int]:
    pages, _, services = text.partition(":")
    return int(pages), int(services or 0)


def _print(results: dict) -> None:
    summary = results["summary"]
    for kind in ("bare", "full"):
        figures = summary[kind]
        print(f"{kind}: wall {figures['wall_s']:.1f} s, cpu {figures['cpu_s']:.1f} s, peak memory "
              f"{figures['peak_rss_mb']:.0f} MB, {figures['ms_per_page_per_language']:.1f} ms per page per language")
    sections = results.get("section_pages")
    print("synthetic pages: " + (f"in menu sections of {sections}" if sections else "in one menu section"))
    print(f"page size: median {results['page_size'].get('median_kb')} KB, p95 {results['page_size'].get('p95_kb')} KB")
    size = results["profile_size"]
    print(f"signpost CPU share by feature (profiled, {size['pages']}+{size['services']}): " +
          ", ".join(f"{name} {share}%" for name, share in results["plugin_cpu_share"].items()))
    scaling = results["scaling"]
    print("scaling: " + ", ".join(f"{p['pages']}+{p['services']} pages {p['cpu_s']:.1f} s cpu (bare {p['bare_cpu_s']:.1f} s)"
                                  for p in scaling["points"])
          + f"; exponent {scaling['cpu_exponent']} (bare {scaling['bare_cpu_exponent']}, "
            f"added by signpost {scaling['added_cpu_exponent']})")
    print(f"memory ratio (peak per process, full/bare): {summary['memory_ratio']}")
    print(f"full/bare wall ratio: {summary['wall_ratio']}")
    print(f"full/bare cpu ratio: {summary['cpu_ratio']}")
