"""Languages built side by side: `signpost build --jobs N` runs N MkDocs workers and merges them.

The workers are forked by one `whole_build` process after a warm-up (the
content model, every catalog, the coverage matrix, the open data), so that
work is paid once (`whole_build.run_workers`); one job is the engine's own build.

Why not mkdocs-static-i18n's `build_only_locale`: it builds one language at
the site root as if it were the only one, so its pages lose the language
switcher, the hreflang alternates and the `/pl/` URLs, which a merge would
then have to recreate. Instead every worker runs the normal multilingual
build with every language configured (so URLs, alternates, sitemap and
switcher are exactly those of a one-process build), but renders pages only
for the languages it was given: the passes of the other languages are not run
(`whole_build.skip_other_workers_language_passes`), except the default
language's, which is the build itself: there its content plugin drops the
documentation pages in `on_files` (see `drop_unassigned_pages`), so that pass
costs almost nothing. The worker with the default language
writes everything at the site root; each other worker contributes its
languages' folders (`pl/`, `ur/`, ...), moved into place by rename.

Findings: each worker writes its findings to a JSON file instead of printing
them; this module prints their union once, sorted, and fails once, so the
report is the same as a one-process build's.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.structure.files import InclusionLevel

from signpost.engine.mkdocs.whole_build import WORKERS_PLAN
from signpost.findings import Finding, Report, Severity
from signpost.translations import output

WORKER_LANGUAGES = "SIGNPOST_WORKER_LANGUAGES"
FINDINGS_FILE = "SIGNPOST_FINDINGS_FILE"
RENDER_ONLY = "SIGNPOST_RENDER_ONLY"  # a `check_build` plan: render only its `render_only` pages
SITEMAP_MERGED = "SIGNPOST_SITEMAP_MERGED"  # one of several workers: the merge writes the sitemap


# In the workers -----------------------------------------------------------------------------------

def assigned_languages() -> set[str] | None:
    """The languages this process renders, or None outside a parallel build (render all)."""
    value = os.environ.get(WORKER_LANGUAGES)
    return {language for language in value.split(",") if language} if value else None


def reports_language(language: str) -> bool:
    """This process reports `language`'s own findings (its catalogs, its pages): the worker that renders it.

    Every worker runs every language pass, but a finding about another
    worker's language would only repeat what that worker reports (the merge
    takes the union), so the check is not run here at all.
    """
    assigned = assigned_languages()
    return assigned is None or language in assigned


def reports_site(default_language: str) -> bool:
    """This process reports the site-wide, language-independent findings and writes the site root.

    That is the default language's worker (the first); the others would only
    repeat its findings and write files the merge throws away.
    """
    return reports_language(default_language)


def sitemap_merged() -> bool:
    """One of several workers: the merge builds the site's sitemap from theirs and prunes it
    (`_merge_sitemaps`), so pruning this worker's own copy first would be work thrown away."""
    return os.environ.get(SITEMAP_MERGED) == "1"


def drop_unassigned_pages(files, language: str):
    """Without pages to render, a language pass this worker does not own costs almost nothing.

    The pages stay in the file list, marked excluded (MkDocs reads and links
    them but writes nothing), and the language's home page is still built:
    mkdocs-static-i18n warns (and strict mode fails) when a language has none,
    and links to excluded pages are only INFO messages.
    """
    assigned = assigned_languages()
    homes = {"index.html", f"{language}/index.html"}
    if assigned is not None and language not in assigned:
        for file in files.documentation_pages():
            if file.dest_uri not in homes:
                file.inclusion = InclusionLevel.EXCLUDED
        return files
    render_only = _render_only()
    if render_only is not None:  # an incremental `signpost check`: the other pages' findings are replayed
        for file in files.documentation_pages():
            if file.dest_uri not in homes and file.src_uri not in render_only:
                file.inclusion = InclusionLevel.EXCLUDED
    return files


def _render_only() -> set[str] | None:
    value = os.environ.get(RENDER_ONLY)
    if not value:
        return None
    try:
        pages = json.loads(Path(value).read_text(encoding="utf-8")).get("render_only")
    except (OSError, ValueError, AttributeError):
        return None  # no readable plan: render everything (never fewer pages than asked)
    return set(pages) if isinstance(pages, list) else None


def findings_file() -> Path | None:
    value = os.environ.get(FINDINGS_FILE)
    return Path(value) if value else None


def hand_over(name: str, values: list) -> None:
    """Give the parent process data it needs for the merge (e.g. the untranslated pages' URLs)."""
    target = findings_file()
    if target is not None:
        target.with_name(f"{target.name}.{name}").write_text(json.dumps(values), encoding="utf-8")


def write_findings(report: Report) -> None:
    """Hand this worker's findings to the parent process (which prints them once)."""
    target = findings_file()
    if target is not None:
        target.write_text(report.to_json(), encoding="utf-8")


# In the parent ------------------------------------------------------------------------------------

@dataclass
class Worker:
    languages: list[str]
    site: Path
    findings: Path
    returncode: int = 0
    output: str = ""

    @property
    def output_file(self) -> Path:
        """What a forked worker prints (removed with its findings file)."""
        return self.findings.with_name(f"{self.findings.name}.output")


def language_shares(languages: list[str], default: str, jobs: int) -> list[list[str]]:
    """Split the languages over `jobs` workers; the default language's worker is the first.

    When the split is uneven the default language's worker gets one language
    more: its own pass renders no translation (measured at 100 pages + 100
    services, after the warm-up: the worker of en, ro, ur spent 26.0 s of CPU,
    that of pl, pa 19.8 s, so the English pass costs less than a translated
    one, and swapping the odd language would make the other worker the longer).
    """
    others = [language for language in languages if language != default]
    jobs = max(1, min(jobs, len(languages)))
    shares: list[list[str]] = [[default]] + [[] for _ in range(jobs - 1)]
    for index, language in enumerate(others):
        shares[(index + 1) % jobs].append(language)
    return [share for share in shares if share]


def site_languages(config_file: Path) -> tuple[list[str], str]:
    """(languages built, default language) as MkDocs and mkdocs-static-i18n read them."""
    try:
        config = load_config(config_file=str(config_file))
    except (ConfigurationError, Abort, OSError):
        return [], "en"
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return ["en"], "en"
    languages = [str(lang.locale) for lang in i18n.config.languages if lang.build]
    default = next((str(lang.locale) for lang in i18n.config.languages if lang.default), languages[0])
    return languages, default


@dataclass
class Outcome:
    """What a build found and whether it produced a complete site."""

    returncode: int
    report: Report
    output: str


def build(mkdocs_command: list[str], config_file: Path, staging: Path, jobs: int, **popen_options) -> int:
    """Build into `staging` with up to `jobs` workers, print every finding once; 0 on success.

    `popen_options` go to every MkDocs process (the publishing lock is passed on that way).
    """
    outcome = run(mkdocs_command, config_file, staging, jobs, **popen_options)
    sys.stderr.write(outcome.output)
    _print_findings(outcome.report)
    return outcome.returncode


def run(mkdocs_command: list[str], config_file: Path, staging: Path, jobs: int, **popen_options) -> Outcome:
    """Build into `staging` with up to `jobs` workers; the findings are returned, not printed.

    One job is one worker with every language: the findings travel the same
    way, so `signpost build` and `signpost check` report them identically.
    """
    languages, default = site_languages(config_file)
    shares = language_shares(languages, default, jobs) if languages else [[]]
    workers = [Worker(share, staging.with_name(f"{staging.name}-worker{index}"),
                      staging.with_name(f"{staging.name}-worker{index}.json")) for index, share in enumerate(shares)]
    # The warm-up's helpers and files (whole_build) go here, not to the system's temporary folder: removed
    # below, and by the next build's `publishing.recover` when this one was killed (the name is a staging one).
    scratch = staging.with_name(f"{staging.name}-scratch")
    if len(workers) == 1:
        _run_alone(workers[0], mkdocs_command, popen_options)
    else:
        scratch.mkdir(mode=0o700, exist_ok=True)
        _run_forked(workers, mkdocs_command, config_file, scratch, popen_options)
    try:
        report = _merged_findings(workers)
        failed = any(worker.returncode != 0 for worker in workers) or bool(report.errors)
        if not failed:
            _merge_sites(workers, staging, languages)
        return Outcome(1 if failed else 0, report, "".join(worker.output for worker in workers))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        for worker in workers:
            shutil.rmtree(worker.site, ignore_errors=True)
            for handed in worker.findings.parent.glob(f"{worker.findings.name}*"):
                handed.unlink(missing_ok=True)


def _run_alone(worker: Worker, mkdocs_command: list[str], popen_options: dict) -> None:
    """One worker with every language: the engine's own build, its findings handed over in a file."""
    process = subprocess.run(mkdocs_command + ["-d", str(worker.site)],
                             env={**os.environ, FINDINGS_FILE: str(worker.findings)},
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **popen_options)
    worker.returncode, worker.output = process.returncode, process.stdout


def _run_forked(workers: list[Worker], mkdocs_command: list[str], config_file: Path, scratch: Path,
                popen_options: dict) -> None:
    """The workers, forked by one `whole_build` process after its warm-up (see whole_build.run_workers).

    `mkdocs_command` is `whole_build`'s; a worker that fails makes the whole
    process fail (every worker's status is its status), and each worker's
    output is read from its file, in the workers' order.
    """
    plan = workers[0].findings.with_name(f"{workers[0].findings.name}.plan")
    plan.write_text(json.dumps({"config_file": str(config_file), "scratch": str(scratch), "workers": [
        {"languages": worker.languages, "site": str(worker.site), "output": str(worker.output_file),
         "environment": {WORKER_LANGUAGES: ",".join(worker.languages), FINDINGS_FILE: str(worker.findings),
                         SITEMAP_MERGED: "1" if len(workers) > 1 else ""}}
        for worker in workers]}), encoding="utf-8")
    process = subprocess.run(mkdocs_command, env={**os.environ, WORKERS_PLAN: str(plan)},
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **popen_options)
    for worker in workers:
        worker.returncode = process.returncode
        try:
            worker.output = worker.output_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            worker.output = ""
    workers[0].output = process.stdout + workers[0].output  # the forking process's own (a crash before forking)


def _handed_over(worker: Worker, name: str) -> list:
    try:
        return json.loads(worker.findings.with_name(f"{worker.findings.name}.{name}").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def _merged_findings(workers: list[Worker]) -> Report:
    """Every worker's findings once (language-independent ones arrive from each worker)."""
    seen: set[Finding] = set()
    report = Report()
    for worker in workers:
        try:
            entries = json.loads(worker.findings.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # the worker failed before reporting: its output says why
        for entry in entries:
            finding = Finding(**{**entry, "severity": Severity(entry["severity"])})
            if finding not in seen:
                seen.add(finding)
                report.add(finding)
    return report


def _print_findings(report: Report) -> None:
    for finding in report.sorted():
        level = "ERROR   " if finding.is_error else "INFO    "
        sys.stderr.write(f"{level}-  signpost: {finding.format()}\n")
    if len(report):
        sys.stderr.write(f"INFO    -  signpost: {report.summary()}\n")
    if report.errors:
        sys.stderr.write(f"ERROR   -  signpost found {report.summary()}; the site was not published. "
                         "Fix the problems listed above.\n")


def _merge_sites(workers: list[Worker], staging: Path, languages: list[str]) -> None:
    if len(workers) == 1:
        shutil.rmtree(staging, ignore_errors=True)
        workers[0].site.rename(staging)
        return
    _merge_worker_sites(workers, staging, languages)


def _merge_worker_sites(workers: list[Worker], staging: Path, languages: list[str]) -> None:
    """The default language's site, with each other worker's language folders moved in by rename.

    Two site-wide files are written from what each worker saw of its own
    languages, so they are merged rather than taken from the first worker:
    `pages.json` (the union of the page rows) and the sitemap (each worker
    removed its languages' untranslated pages from the same full sitemap: what
    every worker kept is what a one-process build keeps).
    """
    first, *others = workers
    merged = {name: merge(workers, languages) for name, merge in SITE_WIDE_FILES.items()
              if (first.site / name).is_file()}
    first.site.rename(staging)
    for worker in others:
        for language in worker.languages:
            target = staging / language
            shutil.rmtree(target, ignore_errors=True)  # the first worker's near-empty pass
            (worker.site / language).rename(target)
    for name, data in merged.items():
        (staging / name).write_bytes(data)
        if name == "sitemap.xml":
            (staging / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))


def _merge_pages_json(workers: list[Worker], languages: list[str]) -> bytes:
    paths = [worker.site / "pages.json" for worker in workers]
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in paths if path.is_file()]
    rows = {row["url"]: row for document in documents for row in document.get("pages", [])}
    merged = {**documents[0], "pages": sorted(rows.values(), key=lambda row: (row["source"], row["language"]))}
    # The same text signpost.freshness.report.pages_json writes.
    return (json.dumps(merged, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _merge_sitemaps(workers: list[Worker], languages: list[str]) -> bytes:
    """Each language's `<url>` entries from the worker that built it, then pruned as one process prunes.

    mkdocs-static-i18n writes the sitemap from every page it populated, so a
    worker's sitemap holds full entries for its own languages only.
    """
    owners = {language: worker for worker in workers for language in worker.languages}
    owners = {language: owners[language] for language in sorted(owners, key=languages.index)}  # configured order
    default = workers[0].languages[0]
    texts = {id(worker): (worker.site / "sitemap.xml").read_text(encoding="utf-8") for worker in workers}
    head, _, _ = texts[id(workers[0])].partition("<url>")
    head = _URL_BLOCK.split(texts[id(workers[0])])[0] if _URL_BLOCK.search(texts[id(workers[0])]) else head
    blocks: list[str] = []
    for language in owners:
        for block in _URL_BLOCK.findall(texts[id(owners[language])]):
            if _block_language(block, owners) == language:
                blocks.append(block)
    text = head + "".join(blocks) + "\n</urlset>"
    dropped = set().union(*(set(_handed_over(worker, "untranslated_urls")) for worker in workers))
    return output.prune_sitemap(text, dropped, default).encode("utf-8")  # pruned, with x-default alternates


_URL_BLOCK = re.compile(r"\s*<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>\s*https?://[^/]+/([^<]*?)\s*</loc>")


def _block_language(block: str, owners: dict) -> str | None:
    match = _LOC.search(block)
    first = match.group(1).split("/", 1)[0] if match else ""
    return first if first in owners else next(iter(owners))


SITE_WIDE_FILES = {"pages.json": _merge_pages_json, "sitemap.xml": _merge_sitemaps}
