"""`signpost publish --dest DIR`: put a fully checked site/ live in a folder, atomically.

It refuses unless it can show that this build passed every check:
1. `signpost check` finds no error in the content today (so a site nobody
   touched still stops publishing when a review date passes);
2. `reports/a11y.json` (or the merged shards' report) covers every page of
   site/ in every browser pass, on exactly this HTML (page hashes), with no
   error and no crash.
Then `signpost.atomic_publish` copies site/ beside DIR and swaps it in by
rename; on any failure DIR stays as it was. `make publish DEST=...` builds and
runs the browser check first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from signpost.accessibility.reports import verify_report
from signpost.atomic_publish import PublishError, check_destination, publish_folder
from signpost.checks import model_checks
from signpost.model import load_content_model
from signpost.safety.publishing import build_lock
from signpost.today import BadTodayError


def run(args) -> int:
    if not (args.site / "index.html").is_file():
        print(f"signpost publish: there is no built site in {args.site}/: run `make site` first; "
              f"nothing was published", file=sys.stderr)
        return 2
    try:
        check_destination(args.site, args.dest)
    except PublishError as problem:
        print(f"signpost publish: {problem}; nothing was published", file=sys.stderr)
        return 2
    # site/ cannot be swapped by a build while it is verified and copied, and two
    # publishes to one folder take turns (the same kernel locks `signpost build` uses).
    with build_lock(args.site.resolve(), wait_message="signpost publish: waiting for a build of site/ to finish"), \
            build_lock(Path(os.path.abspath(args.dest)), wait_message=f"signpost publish: waiting for another "
                                                                      f"publish to {args.dest}"):
        problems = _findings(args)
        if problems:
            print("signpost publish: refused, this build has findings; nothing was published:", file=sys.stderr)
            for problem in problems:
                print(f"  - {problem}", file=sys.stderr)
            return 1
        commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        try:
            published = publish_folder(args.site, args.dest, details={"commit": commit} if commit else {})
        except PublishError as problem:
            print(f"signpost publish: {problem}", file=sys.stderr)
            return 1
    kept = f"; the previous copy is kept in {published.previous}" if published.previous else ""
    how = "one atomic exchange" if published.atomic_exchange else "two renames"
    print(f"signpost publish: published {published.files} files to {published.dest} ({how}){kept}",
          file=sys.stderr)
    return 0


def _findings(args) -> list[str]:
    """Why this build must not be published (empty: publish)."""
    problems = []
    try:
        model = load_content_model(args.content, args.data)
    except BadTodayError as problem:
        return [str(problem)]
    report = model.report
    for extra_check in model_checks():
        report.extend(extra_check(model))
    for finding in report.errors[:20]:
        problems.append(finding.format().splitlines()[0])
    if len(report.errors) > 20:
        problems.append(f"... and {len(report.errors) - 20} more: run `signpost check`")
    if not args.a11y_report.is_file():
        problems.append(f"no browser check report at {args.a11y_report}: run `signpost a11y` on this build first")
    else:
        problems += verify_report(args.a11y_report, args.site, args.content)
    return problems
