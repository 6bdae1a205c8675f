"""The browser check behind `signpost a11y`: every built page, every pass. MkDocs-free.

1. List every page of every language in the built site.
2. Serve the site on 127.0.0.1 (a free port).
3. For each pass (light colours, dark colours, WCAG 2.2 target size), reuse
   cached results of unchanged pages and run pa11y-ci on the rest.
4. Retry crashed pages once, one at a time; a page that crashes again fails.
5. Turn every issue into a Finding on the page's Markdown file; write
   `reports/a11y.json` and `reports/a11y-junit.xml`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from xml.etree import ElementTree

from signpost.accessibility.a11y_cache import CACHE_DIR, ResultCache
from signpost.accessibility.pa11y import PASSES, Pass, Tools, UrlResult, pa11y_config, run_pa11y
from signpost.accessibility.server import serve_site
from signpost.accessibility.site_pages import SitePage, list_site_pages
from signpost.findings import Report, error

CHECK = "a11y"


@dataclass
class BrowserCheckOptions:
    site_dir: Path = Path("site")
    content_dir: Path = Path("content")
    report_dir: Path = Path("reports")
    cache_dir: Path = CACHE_DIR
    passes: tuple[str, ...] = ("light", "dark", "target-size")
    concurrency: int = 4
    use_cache: bool = True
    only: tuple[str, ...] = ()        # URL path prefixes (`pl/`); `/` or `ur/$`: that page only; empty: all


@dataclass
class PageOutcome:
    page: SitePage
    check: str
    url: str
    issues: list[dict] = field(default_factory=list)
    crash: str | None = None
    cached: bool = False


@dataclass
class BrowserCheck:
    """Everything one `signpost a11y` run found."""

    pages: list[SitePage]
    outcomes: list[PageOutcome] = field(default_factory=list)
    checked: list[tuple[str, str]] = field(default_factory=list)   # (pass, url_path) sent to the browser
    retried: list[tuple[str, str]] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return sum(len(o.issues) for o in self.outcomes)

    @property
    def crashed(self) -> list[PageOutcome]:
        return [o for o in self.outcomes if o.crash]

    @property
    def ok(self) -> bool:
        return self.errors == 0 and not self.crashed and bool(self.pages)

    def report(self) -> Report:
        """Each issue and each crash as a Finding on the page's source file."""
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
        return report


def run_browser_check(options: BrowserCheckOptions, tools: Tools, log: Callable[[str], None] = print
                      ) -> BrowserCheck:
    started = time.monotonic()
    pages = [p for p in list_site_pages(options.site_dir, options.content_dir)
             if not options.only or any(_selected(p.url_path, wanted) for wanted in options.only)]
    result = BrowserCheck(pages=pages, versions=dict(tools.versions))
    cache = ResultCache(options.cache_dir, enabled=options.use_cache)
    with serve_site(options.site_dir) as base:
        for name in options.passes:
            _run_pass(PASSES[name], pages, base, tools, options, cache, result, log)
    result.seconds = time.monotonic() - started
    return result


def _run_pass(check: Pass, pages: list[SitePage], base: str, tools: Tools, options: BrowserCheckOptions,
              cache: ResultCache, result: BrowserCheck, log) -> None:
    settings = {"pass": check.name, "pa11y": pa11y_config([], check, tools, 1)["defaults"],
                "versions": tools.versions}
    settings["pa11y"].pop("concurrency", None)
    to_check: dict[str, tuple[SitePage, str]] = {}
    for page in pages:
        key = cache.key(page.html_file, options.site_dir, settings)
        url = check.url(base + page.url_path)
        issues = cache.get(f"{check.name} {page.url_path}", key)
        if issues is not None:
            result.outcomes.append(PageOutcome(page, check.name, url, issues, cached=True))
        else:
            to_check[url] = (page, key)
    log(f"signpost a11y: {check.name}: {len(to_check)} of {len(pages)} pages to check "
        f"({len(pages) - len(to_check)} unchanged, from the cache)")
    if not to_check:
        return
    config_dir = options.cache_dir
    answers = run_pa11y(list(to_check), check, tools, concurrency=options.concurrency, config_dir=config_dir)
    crashed = [url for url, answer in answers.items() if answer.crashed]
    if crashed:
        log(f"signpost a11y: {check.name}: {len(crashed)} page(s) crashed; trying them again one at a time")
        answers.update(run_pa11y(crashed, check, tools, concurrency=1, config_dir=config_dir))
        result.retried += [(check.name, to_check[url][0].url_path) for url in crashed]
    for url, (page, key) in to_check.items():
        answer: UrlResult = answers[url]
        result.checked.append((check.name, page.url_path))
        result.outcomes.append(PageOutcome(page, check.name, url, answer.issues, answer.crash))
        if not answer.crashed:
            cache.put(f"{check.name} {page.url_path}", key, answer.issues)


# ----------------------------------------------------------------------
# Reports
# ----------------------------------------------------------------------

def write_reports(result: BrowserCheck, report_dir: Path) -> tuple[Path, Path]:
    """`a11y.json` (every page and issue) and `a11y-junit.xml` (one test case per page and pass)."""
    report_dir.mkdir(parents=True, exist_ok=True)
    json_file, junit_file = report_dir / "a11y.json", report_dir / "a11y-junit.xml"
    data = {
        "pages": len(result.pages),
        "languages": sorted({p.language for p in result.pages}),
        "passes": sorted({o.check for o in result.outcomes}),
        "checked_in_browser": len(result.checked),
        "from_cache": sum(1 for o in result.outcomes if o.cached),
        "errors": result.errors,
        "crashed": len(result.crashed),
        "seconds": round(result.seconds, 1),
        "versions": result.versions,
        "results": [
            {"url": f"/{o.page.url_path}", "pass": o.check, "language": o.page.language, "file": o.page.source,
             "cached": o.cached, "crash": o.crash, "issues": o.issues}
            for o in result.outcomes
        ],
    }
    json_file.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    suite = ElementTree.Element("testsuite", name="signpost-a11y", tests=str(len(result.outcomes)),
                                failures=str(sum(1 for o in result.outcomes if o.issues)),
                                errors=str(len(result.crashed)), time=f"{result.seconds:.1f}")
    for outcome in result.outcomes:
        case = ElementTree.SubElement(suite, "testcase", classname=f"a11y.{outcome.check}",
                                      name=f"/{outcome.page.url_path}", file=outcome.page.source)
        if outcome.crash:
            ElementTree.SubElement(case, "error", message="the browser crashed twice").text = outcome.crash
        elif outcome.issues:
            failure = ElementTree.SubElement(case, "failure", message=f"{len(outcome.issues)} accessibility error(s)")
            failure.text = "\n".join(f"{i.get('code')}: {i.get('message')} ({i.get('selector')})"
                                     for i in outcome.issues)
    ElementTree.ElementTree(suite).write(junit_file, encoding="utf-8", xml_declaration=True)
    return json_file, junit_file


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
