"""The browser check's reports, and the merge of shard reports. MkDocs-free.

`a11y.json` holds every page and pass with its issues, the page's HTML hash
and the tool versions; `a11y-junit.xml` is one test case per page and pass (CI
shows it as test results). `merge_reports` reads the shards' `a11y.json`,
checks them against the built site (every page, every pass, exactly the HTML
that was checked) and gives one result that fails on any error, crash or
missing page.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

from signpost.accessibility.browser_check import ALL_PASSES, BrowserCheck, PageOutcome, page_hash
from signpost.accessibility.shards import Shard
from signpost.accessibility.site_pages import list_site_pages


def write_reports(result: BrowserCheck, report_dir: Path) -> tuple[Path, Path]:
    """`a11y.json` (every page and issue) and `a11y-junit.xml` (one test case per page and pass)."""
    report_dir.mkdir(parents=True, exist_ok=True)
    json_file, junit_file = report_dir / "a11y.json", report_dir / "a11y-junit.xml"
    json_file.write_text(json.dumps(report_data(result), indent=2, ensure_ascii=False), encoding="utf-8")
    suite = ElementTree.Element("testsuite", name="signpost-a11y", tests=str(len(result.outcomes) + len(result.missing)),
                                failures=str(sum(1 for o in result.outcomes if o.issues)),
                                errors=str(len(result.crashed) + len(result.missing)), time=f"{result.seconds:.1f}")
    for outcome in result.outcomes:
        case = ElementTree.SubElement(suite, "testcase", classname=f"a11y.{outcome.check}",
                                      name=f"/{outcome.page.url_path}", file=outcome.page.source)
        if outcome.crash:
            ElementTree.SubElement(case, "error", message="the browser crashed twice").text = outcome.crash
        elif outcome.issues:
            failure = ElementTree.SubElement(case, "failure", message=f"{len(outcome.issues)} accessibility error(s)")
            failure.text = "\n".join(f"{i.get('code')}: {i.get('message')} ({i.get('selector')})"
                                     for i in outcome.issues)
    for missing in result.missing:
        check, _, url = missing.partition(" ")
        case = ElementTree.SubElement(suite, "testcase", classname=f"a11y.{check}", name=url)
        ElementTree.SubElement(case, "error", message="no shard checked this page")
    ElementTree.ElementTree(suite).write(junit_file, encoding="utf-8", xml_declaration=True)
    return json_file, junit_file


def report_data(result: BrowserCheck) -> dict:
    return {
        "shard": str(result.shard),
        "pages": len(result.pages),
        "languages": sorted({p.language for p in result.pages}),
        "passes": sorted({o.check for o in result.outcomes} or result.passes),
        "checked_in_browser": len(result.checked),
        "page_loads": result.loads,
        "from_cache": sum(1 for o in result.outcomes if o.cached),
        "errors": result.errors,
        "crashed": len(result.crashed),
        "missing": result.missing,
        "seconds": round(result.seconds, 1),
        "versions": result.versions,
        "results": [
            {"url": f"/{o.page.url_path}", "pass": o.check, "language": o.page.language, "file": o.page.source,
             "cached": o.cached, "crash": o.crash, "issues": o.issues, "page_hash": o.page_hash}
            for o in result.outcomes
        ],
    }


def merge_reports(report_files: list[Path], site_dir: Path, content_dir: Path,
                  passes: tuple[str, ...] = ALL_PASSES) -> BrowserCheck:
    """One result from the shards' reports; a page or pass no shard checked (or checked on other HTML) is missing."""
    pages = list_site_pages(site_dir, content_dir)
    by_url = {f"/{p.url_path}": p for p in pages}
    merged = BrowserCheck(pages=pages, passes=passes)
    seen: set[tuple[str, str]] = set()
    hashes = {url: page_hash(page.html_file) for url, page in by_url.items()}
    for report_file in report_files:
        data = json.loads(report_file.read_text(encoding="utf-8"))
        merged.versions = merged.versions or data.get("versions", {})
        merged.seconds = max(merged.seconds, float(data.get("seconds", 0)))
        merged.loads += int(data.get("page_loads", 0))
        for entry in data.get("results", []):
            page = by_url.get(entry.get("url"))
            key = (entry.get("pass"), entry.get("url"))
            if page is None or key in seen or entry.get("page_hash") != hashes[entry["url"]]:
                continue          # not a page of this site, a duplicate, or a check of other HTML
            seen.add(key)
            merged.outcomes.append(PageOutcome(page, entry["pass"], entry["url"], entry.get("issues") or [],
                                               entry.get("crash"), bool(entry.get("cached")), entry["page_hash"]))
    merged.missing = [f"{name} /{p.url_path}" for p in pages for name in passes
                      if (name, f"/{p.url_path}") not in seen]
    merged.shard = Shard(1, 1)
    return merged


def verify_report(report_file: Path, site_dir: Path, content_dir: Path) -> list[str]:
    """Why `report_file` does not prove `site_dir` passed the browser check (empty: it does)."""
    try:
        result = merge_reports([report_file], site_dir, content_dir)
    except (OSError, ValueError) as problem:
        return [f"{report_file} cannot be read: {problem}"]
    problems = []
    if result.errors:
        problems.append(f"{result.errors} accessibility error(s) in {report_file}")
    if result.crashed:
        problems.append(f"{len(result.crashed)} page(s) crashed in the browser")
    if result.missing:
        problems.append(f"{len(result.missing)} page-pass(es) of this site were not checked, or were checked on "
                        f"different HTML (first: {result.missing[0]}): run `signpost a11y` on this build")
    if not result.pages:
        problems.append(f"no pages in {site_dir}")
    return problems
