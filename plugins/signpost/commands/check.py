"""`signpost check`: every finding the build would report, without publishing anything.

One truth for findings: the check runs the build itself (the same plugins,
languages and engine warnings, `--jobs` workers in parallel) into a folder
under `.cache/check/`, and prints the findings the build collected, so a
pre-commit hook, CI annotations and the real build never disagree. The site
it builds is thrown away; `site/` is never touched.

Why a cache rather than a faster, separate checker: a second checker is
exactly what drifted from the build before. The findings are stored under
a hash of every input (content, data, translations, mkdocs.yml, the theme
and signpost's own code, and "today"); a run with nothing changed answers
from the cache at once. A folder without `mkdocs.yml` cannot be built: there
the check runs the content model's own checks only.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

from signpost.annotations import github_annotations
from signpost.commands._common import add_project_arguments, load_project_model, print_report
from signpost.findings import Finding, Report, Severity
from signpost.today import BadTodayError, today

HELP = "Report every finding the build would report, without publishing."
CACHE_DIR = Path(".cache/check")
INPUTS = ("content", "data", "translations", "mkdocs.yml")
PACKAGE = Path(__file__).resolve().parent.parent


def configure(parser) -> None:
    add_project_arguments(parser)
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", type=Path)
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--format", choices=["text", "json", "github"], default="text",
                        help="text (default), json, or github: GitHub Actions annotations (::error file=...)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="languages checked side by side in this many processes (default: the number of cores)")
    parser.add_argument("--no-cache", action="store_true", help="check again even if nothing changed")


def run(args) -> int:
    try:
        day = today()
    except BadTodayError as problem:
        print(f"signpost: {problem}", file=sys.stderr)
        return 2
    root = args.config_file.resolve().parent
    key = _inputs_key(root, args.config_file, day.isoformat())
    cached = root / CACHE_DIR / f"{key}.json"
    report = None if args.no_cache else _cached_report(cached)
    engine_failed = False
    if not args.config_file.is_file():
        report = _model_report(args)  # no site to build (a content folder on its own): the model's checks
    elif report is None:
        report, engine_failed, output = _build_report(root, args)
        if engine_failed and not report.errors:
            sys.stderr.write(output[-4000:])  # the engine stopped before signpost could report: say why
        else:
            _store(cached, report)
    if args.json or args.format == "json":
        print(report.to_json())
    elif args.format == "github":
        print(github_annotations(report))
    else:
        print_report(report)
    failing = engine_failed or report.errors or (args.strict and report.warnings)
    return 1 if failing else 0


def _model_report(args) -> Report:
    from signpost.checks import model_checks
    model = load_project_model(args.content, args.data)
    report = model.report
    for check in model_checks():
        report.extend(check(model))
    return report


def _build_report(root: Path, args) -> tuple[Report, bool, str]:
    # Imported here: the engine costs ~0.3 s to import, and a check answered from the cache needs none of it.
    from signpost.engine import build_command
    from signpost.engine.mkdocs import parallel
    staging = root / CACHE_DIR / f"site-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    # Not -q: MkDocs would then drop the warnings (broken links) that become findings.
    command = build_command(sys.executable) + ["build", "--clean", "--strict", "-f", str(args.config_file)]
    try:
        outcome = parallel.run(command, args.config_file, staging, args.jobs)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    failed_without_findings = outcome.returncode != 0 and not outcome.report.errors
    return outcome.report, failed_without_findings, outcome.output


def _inputs_key(root: Path, config_file: Path, day: str) -> str:
    """A hash of every file the build reads, signpost's own code, and the day (reviews fall due)."""
    digest = hashlib.sha256(day.encode())
    folders = [root / name for name in INPUTS] + [PACKAGE]
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file()
                                                         and "__pycache__" not in p.parts)
        for path in paths:
            digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode())
            digest.update(path.read_bytes())
    digest.update(config_file.resolve().read_bytes() if config_file.resolve().is_file() else b"")
    return digest.hexdigest()[:32]


def _cached_report(path: Path) -> Report | None:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Report([Finding(**{**entry, "severity": Severity(entry["severity"])}) for entry in entries])


def _store(path: Path, report: Report) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("*.json"):
        old.unlink(missing_ok=True)  # one entry: the last state checked
    path.write_text(report.to_json(), encoding="utf-8")
