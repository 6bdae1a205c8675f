"""`signpost build`: build into a temporary folder, publish to site/ only on success.

The engine is MkDocs, or ProperDocs with `SIGNPOST_ENGINE=properdocs`
(`make site ENGINE=properdocs`). It writes straight into `site_dir` and leaves half a site behind when a
plugin fails; so the real build goes to a sibling temporary folder (same
filesystem, so the swap is an atomic rename) and the previous site/ stays
untouched unless the new one is complete. A lock makes concurrent builds wait
their turn, and what a killed build left is cleaned up first
(`signpost.safety.publishing`).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from signpost.engine import UnknownEngineError, engine_name
from signpost.engine.mkdocs import parallel
from signpost.safety import publishing


def run(args) -> int:
    site_dir: Path = args.site_dir.resolve()
    try:
        engine = engine_name()  # SIGNPOST_ENGINE: mkdocs (default) or properdocs
    except UnknownEngineError as problem:
        print(f"signpost: {problem}", file=sys.stderr)
        return 2
    with publishing.build_lock(site_dir, wait_message="signpost: another build is running; waiting for it") as lock:
        publishing.recover(site_dir)
        staging = publishing.new_staging(site_dir)
        # The engine's own `build`, run so that a strict-mode warning in one language does not stop
        # the others (engine/mkdocs/whole_build.py): every language's findings are reported, then it fails once.
        command = [sys.executable, "-m", "signpost.engine.mkdocs.whole_build", engine,
                   "build", "--clean", "-f", str(args.config_file)]
        if not args.no_strict:
            command.append("--strict")
        try:
            returncode = parallel.build(command, args.config_file, staging, args.jobs,
                                        **publishing.child_keeps_lock(lock))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            where = "the previous site/ is unchanged" if site_dir.exists() else "no site/ was written"
            print(f"signpost: the build failed, so nothing was published ({where}).", file=sys.stderr)
            return returncode
        publishing.publish(staging, site_dir)
    print(f"signpost: published the site to {site_dir}", file=sys.stderr)
    return 0
