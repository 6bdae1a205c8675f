"""`signpost check`: every finding the build would report, without publishing anything.

One truth for findings: the check runs the build itself (the same engine,
plugins, languages and engine warnings; see `engine/mkdocs/check_build.py`)
into a folder under `.cache/check/` that is thrown away, and prints the
findings the build collected, so a pre-commit hook, CI annotations and the
real build never disagree. `site/` is never touched.

Why a cache rather than a faster, separate checker: a second checker is
exactly what drifted from the build before. The last check's state is kept
in `.cache/check/state.json` (see `signpost/check_cache.py`): with
nothing changed the check answers from it at once; after an edit to pages or
their catalogs the build renders only the pages the edit can affect and
replays the other pages' findings; any other change (data, mkdocs.yml, the
theme or signpost's code, "today", files added or removed) renders every
page. A folder without `mkdocs.yml` cannot be built: there the check runs
the content model's own checks only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from signpost.annotations import github_annotations
from signpost.checks import model_checks
from signpost.commands._common import print_report
from signpost.engine import UnknownEngineError, engine_name
from signpost import check_cache
from signpost.findings import Report
from signpost.today import BadTodayError, today

CACHE_DIR = Path(".cache/check")
STATE_FILE = "state.json"
PACKAGE = Path(__file__).resolve().parent.parent


def run(args) -> int:
    try:
        day = today()
        engine = engine_name()
    except (BadTodayError, UnknownEngineError) as problem:
        print(f"signpost: {problem}", file=sys.stderr)
        return 2
    engine_failed = False
    if not args.config_file.is_file():
        report = _model_report(args)  # no site to build (a content folder on its own): the model's checks
    else:
        report, engine_failed, output = _checked_report(args, day.isoformat(), engine)
        if engine_failed:
            sys.stderr.write(output[-4000:])  # the engine stopped before signpost could report: say why
    if args.json or args.format == "json":
        print(report.to_json())
    elif args.format == "github":
        print(github_annotations(report))
    else:
        print_report(report)
    failing = engine_failed or report.errors or (args.strict and report.warnings)
    return 1 if failing else 0


def _checked_report(args, day: str, engine: str) -> tuple[Report, bool, str]:
    """From the cache when nothing changed; else the build, rendering again only what an edit can affect."""
    root = args.config_file.resolve().parent
    cache = root / CACHE_DIR
    if not cache.resolve().is_relative_to(root.resolve()):
        problem = f"signpost check: {CACHE_DIR} points outside the project ({cache.resolve()}): remove it\n"
        return Report(), True, problem  # never write outside the project
    inputs = check_cache.scan(root, args.config_file, day, engine, PACKAGE)
    state = None if args.no_cache else check_cache.load_state(cache / STATE_FILE)
    if check_cache.unchanged(state, inputs):
        return check_cache.report_of(state), False, ""
    render = check_cache.plan(state, inputs)
    trace, output = _traced_build(root, args.config_file, render, state)
    if trace is None and render is not None:  # a partial build that stopped: never trust it, build it all
        render, state = None, None
        trace, output = _traced_build(root, args.config_file, None, None)
    if trace is None:
        return Report(), True, output
    trace["partial"] = render is not None
    if render is not None:
        trace["main"] = render["main"]
        sys.stderr.write(f"signpost check: {len(render['main'])} pages checked again ({len(trace['rendered'])} "
                         f"rendered), the other pages' findings from {CACHE_DIR}\n")
    report, new_state = check_cache.merge(state, inputs, trace, trace.get("display_prefix") or "content")
    if not trace["completed"]:
        return report, not report.errors, output
    _store(cache / STATE_FILE, new_state)
    return report, False, output


def _traced_build(root: Path, config_file: Path, render: dict | None, state: dict | None):
    """Run `check_build` in a fresh process (the engine keeps global state); its trace, or None."""
    cache = root / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    name = f"run-{os.getpid()}"
    plan_file, out_file, site = cache / f"{name}.plan.json", cache / f"{name}.trace.json", cache / f"{name}-site"
    plan = {"render_only": render["render"] if render else None,
            "titles": (state or {}).get("titles") if render is not None else None,
            "template_cache": str(cache / "templates"), "cache_dir": str(cache)}
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    command = [sys.executable, "-m", "signpost.engine.mkdocs.check_build", str(config_file.resolve()), str(site),
               str(plan_file), str(out_file)]  # SIGNPOST_ENGINE (inherited) picks MkDocs or ProperDocs there
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=root)
        try:
            trace = json.loads(out_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            trace = None
        if trace is not None and render is not None and not trace.get("completed"):
            trace = None
        return trace, done.stdout
    finally:
        shutil.rmtree(site, ignore_errors=True)
        for path in cache.glob(f"{name}.*"):
            path.unlink(missing_ok=True)


def _model_report(args) -> Report:
    # Late: only a folder without mkdocs.yml needs it, and it loads MkDocs (~0.1 s by -X importtime),
    # which a check of a built project (the pre-commit hook) would otherwise pay on every run.
    from signpost.commands._project import load_project_model
    model = load_project_model(args.content, args.data)
    report = model.report
    for check in model_checks():
        report.extend(check(model))
    return report


def _store(path: Path, state: dict) -> None:
    """Written whole then renamed: a check stopped half-way leaves the previous state, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_text(check_cache.dump_state(state), encoding="utf-8")
    partial.replace(path)
