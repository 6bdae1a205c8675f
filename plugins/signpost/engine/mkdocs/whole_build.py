"""`python -m signpost.engine.mkdocs.whole_build ENGINE build ...`: the engine's own `build`, every language reported.

Why not plain `mkdocs build --strict`: MkDocs aborts a strict build as soon as
that build ends with a warning, and mkdocs-static-i18n builds the other
languages one after another from inside the first one. A broken link in the
Polish pages therefore stopped the build before Romanian, Panjabi and Urdu
were built, and their findings were never reported: the editor fixed one
language, ran the build again, and met the next. signpost already turns every
engine warning into a finding (`engine_warnings.py`, an error in strict mode),
and `parallel.run` fails the build once, on those findings, after every
language has run. So this runner switches off only MkDocs' per-build abort
(as `check_build` does) and otherwise is the engine's own command line.

With `SIGNPOST_WORKERS_PLAN` set (`signpost build --jobs N`, `parallel.run`)
this process starts the parallel build's workers itself, by `fork`, after it
has done once what every worker would do the same way before its first page
(see `warm_up`): importing the engine and signpost, loading the content
model, checking every PO catalog, the coverage matrix, the English message
ids, the open data. Each worker inherits that memory, so two workers cost
the CPU of one for it (measured at 100 pages + 100 services, 5 languages:
`--jobs 2` 77-81 s of CPU before, 60.5 s after, against 55 s for `--jobs 1`).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import pickle
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

from signpost.model.catalogs import catalog_bytes_not_kept
from signpost.safety import publishing
from signpost.translations.catalogs import checked_catalogs_settled
from signpost.translations.integrity import forget_worked_out_facts

WORKERS_PLAN = "SIGNPOST_WORKERS_PLAN"


def keep_going_after_warnings() -> None:
    """Switch off MkDocs' strict-mode abort at the end of each (language) build, in this process.

    The warnings are findings already; the caller fails on them once every
    language is built. Under ProperDocs, `mkdocs.utils` is ProperDocs' module.
    """
    # Late: main() (and check_build's) must choose the engine before anything imports `mkdocs`.
    from mkdocs import utils
    utils.CountHandler.get_counts = lambda self: []


def main(argv: list[str]) -> None:
    engine, *arguments = argv
    # Late: the engine is chosen here, and ProperDocs must replace `mkdocs` before anything imports it.
    if engine == "properdocs":
        import properdocs.replacement  # noqa: F401  (every `mkdocs.*` import is ProperDocs' from here on)
        from properdocs.__main__ import cli  # late: see above
    else:
        from mkdocs.__main__ import cli  # late: see above
    keep_going_after_warnings()
    plan = os.environ.pop(WORKERS_PLAN, None)  # popped: a worker runs the plain build
    if plan:
        sys.exit(run_workers(engine, cli, arguments, json.loads(Path(plan).read_text(encoding="utf-8"))))
    sys.argv = [engine, *arguments]
    cli()


# The parallel build's workers, forked after one warm-up ----------------------------------------

def run_workers(engine: str, cli, arguments: list[str], plan: dict) -> int:
    """Warm up once, fork one worker per entry of the plan, wait for all; 1 when any failed.

    A worker gets its `environment` (its languages, its findings file), its
    own `site` folder (`-d`), and writes what it prints to its `output` file.
    """
    started = time.process_time()
    if plan.get("scratch"):  # every temporary folder of the warm-up, its helpers and the workers (`parallel.run`)
        tempfile.tempdir = plan["scratch"]
    warm_up(Path(plan["config_file"]))
    warmed = time.process_time() - started
    # What the warm-up made (the model, the checked catalogs) lives to the end of every worker: out
    # of the collector's reach, no worker's collection walks it again (nor touches its pages, which
    # fork shares until written). 1% of a 400 + 300 build's CPU; peak memory no higher.
    gc.collect()
    gc.freeze()
    children, forker = {}, os.getpid()
    for worker in plan["workers"]:
        sys.stdout.flush()
        sys.stderr.flush()  # nothing buffered may be printed twice, once by each process
        pid = os.fork()
        if pid == 0:
            _run_worker(engine, cli, arguments, worker, forker)  # never returns
        children[pid] = worker
    failed, seconds = False, {}
    while children:
        pid, status, usage = os.wait4(-1, 0)
        worker = children.pop(pid, None)
        if worker is not None:
            failed = failed or os.waitstatus_to_exitcode(status) != 0
            seconds[",".join(worker["languages"])] = usage.ru_utime + usage.ru_stime
    # The figures to balance the shares by (`parallel.language_shares`).
    print(f"INFO    -  signpost: warm-up {warmed:.1f} s of CPU; workers " +
          ", ".join(f"{languages} {value:.1f} s" for languages, value in seconds.items()), flush=True)
    return 1 if failed else 0


def warm_up(config_file: Path) -> None:
    """What every worker computes the same way before its first page, done once before forking.

    It runs the plugins' own `on_config` (the content model, every catalog's
    check for the glossary, the coverage matrix, the site-wide checks: all
    kept in the core's caches, keyed on the files, which the workers then
    find filled), then the other shared work the plugins offer for it
    (`warm_up` functions: English message ids, open data). The findings it
    collects are dropped (each worker's first `on_config` resets the session)
    and its log is silenced (each worker logs the same itself). A problem here
    is left for the workers to meet and report, as they do without a warm-up.
    """
    # Late: the engine (MkDocs or ProperDocs) is chosen by main() before anything imports it.
    from mkdocs.config import load_config
    logging.disable(logging.CRITICAL)
    try:
        with catalog_bytes_not_kept():  # what the workers read is the checked catalogs, not the files' bytes
            config = load_config(config_file=str(config_file))
            config.plugins.on_startup(command="build", dirty=False)
            check_catalogs_side_by_side(config)
            config = config.plugins.on_config(config)
            # Started first: work a plugin does in a helper process while the others' warm-ups run here.
            waits = [plugin.start_warm_up(config) for plugin in config.plugins.values()
                     if hasattr(plugin, "start_warm_up")]
            for plugin in config.plugins.values():
                if hasattr(plugin, "warm_up"):
                    plugin.warm_up(config)
            for wait in waits:
                wait()
        forget_worked_out_facts()  # the catalogs are checked; each worker would inherit and keep them
    except Exception:  # noqa: BLE001  the workers meet the same problem and report it in their words
        pass
    finally:
        logging.disable(logging.NOTSET)


def check_catalogs_side_by_side(config) -> None:
    """Half the PO catalogs checked in a forked helper while this process checks the other half.

    Checking every catalog (babel reads it, then every translation's links,
    numbers and markup are compared with the English) is half the warm-up,
    and the warm-up is the part of a parallel build that runs alone, on one
    core, before the workers start (400 pages + 300 services: about 3 s of the
    warm-up's 6 s). The helper hands its checked catalogs over as a pickle in a
    private folder; without them (it failed), `on_config` checks the rest here
    as it always did, so the findings are the same either way.
    """
    # Late: the engine (MkDocs or ProperDocs) is chosen by main() before anything imports it.
    from signpost.engine.mkdocs.project import settings_from_config
    from signpost.translations.catalogs import adopt, check_catalogs, content_path_of, find_catalogs
    settings = settings_from_config(config)
    # Split by page, not by file: a page's catalogs in every language are checked in the same
    # process, so each English message is worked out (its facts, its rendered markup) once.
    by_page: dict[str | None, list[tuple[Path, str]]] = {}  # None: the interface catalogs
    for language in settings.target_languages:
        for po in find_catalogs(settings.translations_dir, language):
            by_page.setdefault(content_path_of(settings.translations_dir, language, po), []).append((po, language))
    pages = list(by_page.values())
    if len(pages) < 2:
        return
    folder = Path(tempfile.mkdtemp(prefix="signpost-catalogs-"))
    try:
        handed_over = folder / "checked.pickle"
        helper_done = start_helper(lambda: handed_over.write_bytes(
            pickle.dumps(check_catalogs([one for page in pages[1::2] for one in page]), pickle.HIGHEST_PROTOCOL)))
        check_catalogs([one for page in pages[0::2] for one in page])
        if helper_done():
            adopt(pickle.loads(handed_over.read_bytes()))  # written by the helper above, in a 0700 folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def start_helper(work: Callable[[], object]) -> Callable[[], bool]:
    """Run `work` in a forked helper beside this process; the function returned waits for it (True: it succeeded).

    For the parts of the warm-up that do not depend on each other: the
    helper's results travel through files. A helper that fails says nothing
    (the warm-up's log is off): whoever waits does the work itself, or leaves
    it to the workers, as without a warm-up.
    """
    sys.stdout.flush()
    sys.stderr.flush()  # nothing buffered may be printed twice, once by each process
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            if sys.platform.startswith("linux"):
                publishing.die_with_parent()
            work()
            code = 0
        finally:
            os._exit(code)

    def wait() -> bool:
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status) == 0

    return wait


def _run_worker(engine: str, cli, arguments: list[str], worker: dict, forker: int) -> None:
    """In the forked child: the plain build of this worker's share; exits with its status, never returns."""
    code = 1
    try:
        _die_with(forker)
        os.environ.update(worker["environment"])  # its languages and findings file (`parallel.assigned_languages`)
        skip_other_workers_language_passes(set(worker["languages"]))
        output = os.open(worker["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.close(output)
        sys.argv = [engine, *arguments, "-d", worker["site"]]
        try:
            # The catalogs were checked in the warm-up: a worker reads each of its languages' PO
            # files once more, for the accessibility checks' msgstr lines, and need not keep the bytes
            # (they stayed to the end: 5.4 MB for ro and ur at 400 pages + 300 services). Nor need
            # it ask the file system again whether a catalog it looked up has changed.
            with catalog_bytes_not_kept(), checked_catalogs_settled():
                cli()
            code = 0
        except SystemExit as stop:  # click ends every command with sys.exit
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # noqa: BLE001  whatever happened, this child must exit here, with a failure
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def skip_other_workers_language_passes(assigned: set[str]) -> None:
    """In a worker, mkdocs-static-i18n does not run the passes of the other workers' languages at all.

    Such a pass rendered nothing (`parallel.drop_unassigned_pages`) but still
    cost about 1 s of CPU at 400 pages + 300 services: static-i18n matching
    every file with its alternates again, the theme's file list, the 404 page
    and the sitemap, all thrown away by the merge, which takes each language's
    folder from its own worker. static-i18n builds its other languages one
    after another from the first language's `on_post_build`, through the
    engine's `build` (its module's global): that call is skipped for them. The
    first (default) language's pass is the build itself and always runs.
    """
    # Late: the engine (MkDocs or ProperDocs) is chosen by main() before anything imports it.
    from mkdocs_static_i18n import plugin as i18n_plugin
    engine_build = i18n_plugin.build

    def build_assigned_language(config, dirty=False):
        i18n = config.plugins.get("i18n")
        if i18n is None or i18n.current_language in assigned:
            engine_build(config, dirty=dirty)

    i18n_plugin.build = build_assigned_language


def _die_with(forker: int) -> None:
    """End with the process that forked this worker, as `signpost build`'s children do (see
    `safety/publishing.die_with_parent`: the setting is not inherited through fork)."""
    if sys.platform.startswith("linux"):
        publishing.die_with_parent()
    if os.getppid() != forker:
        os._exit(1)  # the forking process was gone before the setting took effect


if __name__ == "__main__":
    main(sys.argv[1:])
