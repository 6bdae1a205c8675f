"""`signpost a11y`: pa11y (axe + htmlcs, WCAG2AA) over every built page, in a real browser.

`--shard i/N` checks one CI runner's share; `--merge` joins the shards'
reports and fails on any error, crash or page no shard checked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from signpost.accessibility.browser_check import (ALL_PASSES, CONCURRENCY_VARIABLE, DEFAULT_CONCURRENCY,
                                                  BrowserCheckOptions, run_browser_check)
from signpost.accessibility.pa11y import ToolMissing, find_tools, tool_fingerprint
from signpost.accessibility.reports import merge_reports, write_reports
from signpost.accessibility.shards import Shard


def run(args) -> int:
    passes = tuple(name for name in ALL_PASSES if name in (args.passes or ALL_PASSES))
    try:
        shard = Shard.parse(args.shard)
    except ValueError as problem:
        print(f"signpost a11y: --shard: {problem}", file=sys.stderr)
        return 2
    concurrency = args.concurrency
    if concurrency is None:
        setting = os.environ.get(CONCURRENCY_VARIABLE, "").strip()
        if setting and not (setting.isdigit() and int(setting) > 0):
            print(f"signpost a11y: {CONCURRENCY_VARIABLE}={setting!r} is not a number of pages: set it to a "
                  f"whole number from 1 (e.g. {DEFAULT_CONCURRENCY}) or unset it", file=sys.stderr)
            return 2
        concurrency = int(setting) if setting else DEFAULT_CONCURRENCY
    if args.print_tool_key:
        try:
            print(tool_fingerprint(find_tools(Path.cwd(), args.chromium)))
        except ToolMissing as problem:
            print(problem, file=sys.stderr)
            return 2
        return 0
    if not (args.site / "index.html").is_file():
        print(f"signpost a11y: there is no built site in {args.site}/: run `make site` (or `signpost build`) first",
              file=sys.stderr)
        return 2
    if args.merge:
        unreadable = [str(f) for f in args.merge if not f.is_file()]
        if unreadable:
            print(f"signpost a11y: no such shard report: {', '.join(unreadable)}", file=sys.stderr)
            return 2
        try:
            result = merge_reports(args.merge, args.site, args.content, passes)
        except ValueError as problem:
            print(f"signpost a11y: a shard report is not valid JSON: {problem}", file=sys.stderr)
            return 2
    else:
        try:
            tools = find_tools(Path.cwd(), args.chromium)
        except ToolMissing as problem:
            print(problem, file=sys.stderr)
            return 2
        options = BrowserCheckOptions(site_dir=args.site, content_dir=args.content, report_dir=args.reports,
                                      cache_dir=args.cache_dir, passes=passes,
                                      concurrency=max(1, concurrency), use_cache=not args.no_cache,
                                      only=tuple(args.only), shard=shard)
        result = run_browser_check(options, tools, log=lambda line: print(line, file=sys.stderr))
    json_file, junit_file = write_reports(result, args.reports)
    report = result.report()
    if len(report):
        print(report.format(), file=sys.stderr)
    languages = ", ".join(sorted({p.language for p in result.pages}))
    what = f"merged {len(args.merge)} shard report(s)" if args.merge else f"shard {shard}"
    print(f"signpost a11y: {what}: {len(result.pages)} pages ({languages}) x {len(passes)} passes "
          f"({', '.join(passes)}): {result.errors} error(s), {len(result.crashed)} crashed, "
          f"{len(result.missing)} missing; {len(result.checked)} checked in the browser "
          f"({result.loads} page loads), {sum(1 for o in result.outcomes if o.cached)} unchanged (cache), "
          f"{result.seconds:.0f} s. Reports: {json_file}, {junit_file}", file=sys.stderr)
    if not result.pages:
        print(f"signpost a11y: no pages found in {args.site}/", file=sys.stderr)
    # The plain closing line CI reads: one result per page and pass.
    passed = sum(1 for outcome in result.outcomes if not (outcome.issues or outcome.crash))
    print(f"a11y: {passed} passed, {len(result.outcomes) - passed + len(result.missing)} failed")
    return 0 if result.ok else 1
