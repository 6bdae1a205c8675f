"""`signpost a11y`: pa11y-ci (axe + htmlcs, WCAG2AA) over every built page, in a real browser."""

from __future__ import annotations

HELP = "Run the browser accessibility check (pa11y-ci in Chromium) over the built site."


def configure(parser) -> None:
    from pathlib import Path
    parser.add_argument("--site", default=Path("site"), type=Path, help="built site folder (default: site)")
    parser.add_argument("--content", default=Path("content"), type=Path, help="content folder (default: content)")
    parser.add_argument("--reports", default=Path("reports"), type=Path, help="where a11y.json and "
                        "a11y-junit.xml go (default: reports)")
    parser.add_argument("--cache-dir", default=Path(".cache/plugin/a11y"), type=Path,
                        help="per-page result cache (default: .cache/plugin/a11y)")
    parser.add_argument("--no-cache", action="store_true", help="check every page, ignoring cached results")
    parser.add_argument("--concurrency", default=4, type=int, help="pages at a time (default: 4)")
    parser.add_argument("--pass", dest="passes", action="append", choices=["light", "dark", "target-size"],
                        help="run only this pass (repeatable; default: all three)")
    parser.add_argument("--only", action="append", default=[], metavar="URL_PREFIX",
                        help="check only pages whose URL path starts with this (pl/, charter/); `/` is the home "
                             "page, a trailing $ means exactly that page (ur/$)")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium binary (default: /usr/bin/chromium)")


def run(args) -> int:
    import sys
    from pathlib import Path

    from signpost.accessibility.browser_check import BrowserCheckOptions, run_browser_check, write_reports
    from signpost.accessibility.pa11y import ToolMissing, find_tools

    if not (args.site / "index.html").is_file():
        print(f"signpost a11y: there is no built site in {args.site}/: run `make site` (or `signpost build`) first",
              file=sys.stderr)
        return 2
    try:
        tools = find_tools(Path.cwd(), args.chromium)
    except ToolMissing as problem:
        print(problem, file=sys.stderr)
        return 2
    options = BrowserCheckOptions(site_dir=args.site, content_dir=args.content, report_dir=args.reports,
                                  cache_dir=args.cache_dir, passes=tuple(args.passes or ("light", "dark", "target-size")),
                                  concurrency=max(1, args.concurrency), use_cache=not args.no_cache,
                                  only=tuple(args.only))
    result = run_browser_check(options, tools, log=lambda line: print(line, file=sys.stderr))
    json_file, junit_file = write_reports(result, args.reports)
    report = result.report()
    if len(report):
        print(report.format(), file=sys.stderr)
    languages = ", ".join(sorted({p.language for p in result.pages}))
    print(f"signpost a11y: {len(result.pages)} pages ({languages}) x {len(options.passes)} passes "
          f"({', '.join(options.passes)}): {result.errors} error(s), {len(result.crashed)} crashed; "
          f"{len(result.checked)} checked in the browser, "
          f"{sum(1 for o in result.outcomes if o.cached)} unchanged (cache), {result.seconds:.0f} s. "
          f"Reports: {json_file}, {junit_file}", file=sys.stderr)
    if not result.pages:
        print(f"signpost a11y: no pages found in {args.site}/", file=sys.stderr)
    # The plain closing line CI reads: one result per page and pass.
    failed = sum(1 for outcome in result.outcomes if outcome.issues or outcome.crash)
    print(f"a11y: {len(result.outcomes) - failed} passed, {failed} failed")
    return 0 if result.ok else 1
