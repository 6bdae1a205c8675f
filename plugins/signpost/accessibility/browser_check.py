"""The browser check behind `signpost a11y`: every built page, every pass. MkDocs-free.

1. List every page of every language in the built site (or this shard's share:
   `--shard i/N` takes the pages whose URL hash falls in slot i, see `shards.py`).
2. Serve the site on 127.0.0.1 (a free port).
3. Reuse cached results of unchanged pages; load every other page ONCE and run
   the passes it still needs on it (light, WCAG 2.2 target size, dark).
4. Retry crashed pages once, one at a time; a page that crashes again fails.
5. Turn every issue into a Finding on the page's Markdown file; write
   `reports/a11y.json` and `reports/a11y-junit.xml` (`reports.py`).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from signpost.accessibility.a11y_cache import CACHE_DIR, ResultCache
from signpost.accessibility.pa11y import PASSES, Tools, UrlResult, run_pa11y, shared_options
from signpost.accessibility.server import serve_site
from signpost.accessibility.shards import Shard
from signpost.accessibility.site_pages import SitePage, list_site_pages
from signpost.findings import Report, error

CHECK = "a11y"
ALL_PASSES = tuple(PASSES)
# Pages in the browser at a time: one per core. Measured on the 2-core machine (40 pages,
# docs/accessibility.md): 2 and 4 at a time took the same CPU and wall time (within 3%), 6 took
# 20% longer; with fewer pages open Chromium needs less memory for the same speed.
DEFAULT_CONCURRENCY = max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
# Another machine (a CI runner with more cores) sets its own: SIGNPOST_A11Y_CONCURRENCY=8.
CONCURRENCY_VARIABLE = "SIGNPOST_A11Y_CONCURRENCY"


@dataclass
class BrowserCheckOptions:
    site_dir: Path = Path("site")
    content_dir: Path = Path("content")
    report_dir: Path = Path("reports")
    cache_dir: Path = CACHE_DIR
    passes: tuple[str, ...] = ALL_PASSES
    concurrency: int = DEFAULT_CONCURRENCY
    use_cache: bool = True
    only: tuple[str, ...] = ()        # URL path prefixes (`pl/`); `/` or `ur/$`: that page only; empty: all
    shard: Shard = Shard(1, 1)


@dataclass
class PageOutcome:
    page: SitePage
    check: str
    url: str
    issues: list[dict] = field(default_factory=list)
    crash: str | None = None
    cached: bool = False
    page_hash: str = ""


@dataclass
class BrowserCheck:
    """Everything one `signpost a11y` run found."""

    pages: list[SitePage]
    outcomes: list[PageOutcome] = field(default_factory=list)
    checked: list[tuple[str, str]] = field(default_factory=list)   # (pass, url_path) sent to the browser
    loads: int = 0                                                  # page loads in the browser
    retried: list[tuple[str, str]] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    shard: Shard = Shard(1, 1)
    passes: tuple[str, ...] = ALL_PASSES
    missing: list[str] = field(default_factory=list)               # (merge) `pass /url` nobody checked

    @property
    def errors(self) -> int:
        return sum(len(o.issues) for o in self.outcomes)

    @property
    def crashed(self) -> list[PageOutcome]:
        return [o for o in self.outcomes if o.crash]

    @property
    def ok(self) -> bool:
        return self.errors == 0 and not self.crashed and not self.missing and bool(self.pages)

    def report(self) -> Report:
        """Each issue, crash and missing result as a Finding on the page's source file."""
        report = Report()
        for outcome in self.outcomes:
            where = f"/{outcome.page.url_path}"
            if outcome.crash:
                report.add(error(outcome.page.source, f"[{outcome.check}] the browser crashed on {where} twice: "
                                 f"{outcome.crash}", field="browser", check=CHECK,
                                 hint="run `signpost a11y --only " + outcome.page.url_path + "` again; if it "
                                      "keeps crashing, open the page in Chromium and look for a script error"))
            for issue in outcome.issues:
                report.add(error(
                    outcome.page.source,
                    f"[{outcome.check}] {issue.get('message', '').strip()} (at `{issue.get('selector', '')}` "
                    f"on {where})",
                    field=f"{issue.get('runner', '')}:{issue.get('code', '')}", check=CHECK,
                    hint=_hint(issue)))
        for missing in self.missing:
            report.add(error("site/", f"no shard reported {missing}: that page was never checked in the browser",
                             field="browser", check=CHECK,
                             hint="every shard must finish and upload its a11y.json; re-run the failed shard"))
        return report


def run_browser_check(options: BrowserCheckOptions, tools: Tools, log: Callable[[str], None] = print
                      ) -> BrowserCheck:
    started = time.monotonic()
    pages = [p for p in list_site_pages(options.site_dir, options.content_dir)
             if (not options.only or any(_selected(p.url_path, wanted) for wanted in options.only))]
    pages = options.shard.select(pages, key=lambda p: p.url_path)
    passes = tuple(name for name in ALL_PASSES if name in options.passes)
    result = BrowserCheck(pages=pages, versions=dict(tools.versions), shard=options.shard, passes=passes)
    cache = ResultCache(options.cache_dir, enabled=options.use_cache)
    with serve_site(options.site_dir, empty_search_index=True) as base:
        _check_pages(pages, passes, base, tools, options, cache, result, log)
    result.seconds = time.monotonic() - started
    return result


def page_hash(html_file: Path) -> str:
    """sha256 of a built page's HTML: ties a report's results to the site that was checked."""
    return hashlib.sha256(html_file.read_bytes()).hexdigest()


def _check_pages(pages: list[SitePage], passes: tuple[str, ...], base: str, tools: Tools,
                 options: BrowserCheckOptions, cache: ResultCache, result: BrowserCheck, log) -> None:
    keys = {name: _cache_settings(name, tools) for name in passes}
    to_check: dict[str, tuple[SitePage, dict[str, str], str]] = {}   # url -> page, {pass: cache key}, hash
    cached: dict[str, int] = {}
    for page in pages:
        url = base + page.url_path
        digest = page_hash(page.html_file)
        wanted: dict[str, str] = {}
        for name in passes:
            key = cache.key(page.html_file, options.site_dir, keys[name])
            issues = cache.get(f"{name} {page.url_path}", key)
            if issues is None:
                wanted[name] = key
            else:
                cached[name] = cached.get(name, 0) + 1
                result.outcomes.append(PageOutcome(page, name, url, issues, cached=True, page_hash=digest))
        if wanted:
            to_check[url] = (page, wanted, digest)
    log(f"signpost a11y: shard {options.shard}: {len(pages)} pages x {len(passes)} passes; "
        f"{len(to_check)} pages to load in the browser, "
        f"{sum(cached.values())} page-passes unchanged (from the cache)")
    if not to_check:
        return
    requests = [(url, list(wanted)) for url, (_, wanted, _) in to_check.items()]
    answers = run_pa11y(requests, tools, concurrency=options.concurrency, config_dir=options.cache_dir)
    result.loads += len(requests)
    crashed = [(url, [name for name, answer in by_pass.items() if answer.crashed])
               for url, by_pass in answers.items()]
    crashed = [(url, names) for url, names in crashed if names]
    if crashed:
        log(f"signpost a11y: {len(crashed)} page(s) crashed; trying them again one at a time")
        retry = run_pa11y(crashed, tools, concurrency=1, config_dir=options.cache_dir)
        result.loads += len(crashed)
        for url, names in crashed:
            answers[url].update(retry[url])
            result.retried += [(name, to_check[url][0].url_path) for name in names]
    for url, (page, wanted, digest) in to_check.items():
        for name, key in wanted.items():
            answer: UrlResult = answers[url][name]
            result.checked.append((name, page.url_path))
            result.outcomes.append(PageOutcome(page, name, url, answer.issues, answer.crash, page_hash=digest))
            if not answer.crashed:
                cache.put(f"{name} {page.url_path}", key, answer.issues)


def _cache_settings(name: str, tools: Tools) -> dict:
    return {"pass": name, "options": PASSES[name].options(), "shared": shared_options(), "versions": tools.versions}


def _selected(url_path: str, wanted: str) -> bool:
    """`pl/` selects every Polish page; `/` the home page; a trailing `$` (`ur/$`) one page exactly."""
    exact = wanted.endswith("$") or wanted.strip("/") == ""
    wanted = wanted.rstrip("$").lstrip("/")
    return url_path == wanted if exact else url_path.startswith(wanted)


def _hint(issue: dict) -> str:
    code = issue.get("code", "")
    if "color-contrast" in code or "G18" in code or "G145" in code:
        return "a colour pair is below 4.5:1 (3:1 for large text): change the colour in the theme's signpost.css"
    if "target-size" in code:
        return "make the control at least 24 x 24 px, or leave more space around it"
    if "link-in-text-block" in code:
        return "links in text must be underlined (signpost.css)"
    return "see the rule's help page; fix it in the page's Markdown or, if it is on every page, in the theme"
