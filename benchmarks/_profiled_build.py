"""`signpost build` with every process that works profiled apart: for the bench's plugin shares.

The build being measured is the parallel one: a warm-up, then forked workers (one per
share of the languages), and forked helpers beside the warm-up (half the catalog checks,
the open data). A profile of a one-process build would count the warm-up's work in the
wrong place and miss how the languages split, so this runs the real command and profiles
each of those processes into its own file (`<folder>/<role>-<pid>.prof`):

    python benchmarks/_profiled_build.py FOLDER build --site-dir SITE      (in the project)

The first process (`signpost build` itself: the merge and the publishing) is not profiled;
it starts the engine's process through this file again, as `--engine FOLDER ENGINE ...`.
"""

from __future__ import annotations

import cProfile
import os
import sys
from pathlib import Path


def _dump(profile: cProfile.Profile, folder: Path, role: str) -> None:
    profile.disable()
    profile.dump_stats(str(folder / f"{role}-{os.getpid()}.prof"))


def _profile_forks(folder: Path) -> None:
    """Patch the parallel build so the warm-up, each worker and each helper are profiled."""
    from signpost.engine.mkdocs import whole_build

    real_exit, run_worker, warm_up, start_helper = os._exit, whole_build._run_worker, whole_build.warm_up, \
        whole_build.start_helper

    def profiled_until_exit(role: str) -> None:
        # A worker or helper ends in os._exit (never returns): dump its profile first.
        profile = cProfile.Profile()

        def exit_after_dump(code: int) -> None:
            _dump(profile, folder, role)
            real_exit(code)
        os._exit = exit_after_dump
        profile.enable()

    def profiled_worker(engine, cli, arguments, worker, forker):
        profiled_until_exit("worker")
        run_worker(engine, cli, arguments, worker, forker)

    def profiled_warm_up(config_file):
        profile = cProfile.Profile()
        profile.enable()
        try:
            warm_up(config_file)
        finally:
            _dump(profile, folder, "warm-up")

    def profiled_helper(work):
        def profiled_work():
            profiled_until_exit("helper")
            return work()
        return start_helper(profiled_work)

    whole_build._run_worker, whole_build.warm_up, whole_build.start_helper = \
        profiled_worker, profiled_warm_up, profiled_helper


def main(argv: list[str]) -> int:
    if argv[:1] == ["--engine"]:
        folder = Path(argv[1])
        _profile_forks(folder)  # before the plugins are imported: they take `start_helper` by name
        from signpost.engine.mkdocs import whole_build
        whole_build.main(argv[2:])
        return 0
    folder, arguments = Path(argv[0]).resolve(), argv[1:]
    folder.mkdir(parents=True, exist_ok=True)
    from signpost.cli import main as signpost
    from signpost.engine.mkdocs import parallel
    real_build = parallel.build

    def build_through_this_file(command, *args, **kwargs):
        engine_module = ["-m", "signpost.engine.mkdocs.whole_build"]
        assert command[1:3] == engine_module, command  # the command `signpost build` runs (commands/build.py)
        return real_build([command[0], __file__, "--engine", str(folder), *command[3:]], *args, **kwargs)
    parallel.build = build_through_this_file
    return signpost(arguments)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
