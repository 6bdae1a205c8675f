"""Run pa11y-ci (axe + htmlcs in Debian's Chromium) and read its JSON. MkDocs-free.

Facts this module relies on (../shared/reference.md):
- `useIncognitoBrowserContext: false` or concurrency above 1 fails at random;
- axe's "needs review" items are errors unless `levelCapWhenNeedsReview: warning`;
- pa11y's exit code and `-T` hide crashes: a crashed page comes back as
  `[{"message": ...}]` without `code`, or not at all. So we parse `--json`
  and check that every URL we asked for came back with real results;
- WCAG 2.2 `target-size` needs its own axe-only run (enabling the rule breaks
  the htmlcs runner).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Tests (and unusual setups) can replace the pa11y-ci command, e.g. with a fake.
COMMAND_VARIABLE = "SIGNPOST_PA11Y_CI"
PAGE_TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class Pass:
    """One way of looking at every page: a colour scheme, or one extra rule."""

    name: str
    runners: tuple[str, ...] = ("axe", "htmlcs")
    rules: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    only_codes: tuple[str, ...] = ()   # keep only these issue codes (the extra-rule pass)
    query: str = ""                    # keeps URLs of different passes apart in pa11y's results

    def url(self, base: str) -> str:
        return f"{base}?{self.query}" if self.query else base


LIGHT = Pass("light")
# Material keeps the chosen palette in localStorage; "check field" sets the
# dark palette's radio and fires `change`, exactly what a reader's click does.
# Idempotent, so it is safe on pages that already open dark. Each pass runs
# in its own browser, so the light pass never inherits the dark choice.
DARK = Pass("dark", actions=("check field #__palette_1",
                             "wait for element body[data-md-color-scheme=slate] to be added"),
            query="signpost-scheme=dark")
TARGET_SIZE = Pass("target-size", runners=("axe",), rules=("target-size",), only_codes=("target-size",),
                   query="signpost-check=target-size")
PASSES = {p.name: p for p in (LIGHT, DARK, TARGET_SIZE)}


@dataclass
class UrlResult:
    """What pa11y said about one URL: its issues, or why it crashed."""

    url: str
    issues: list[dict] = field(default_factory=list)
    crash: str | None = None

    @property
    def crashed(self) -> bool:
        return self.crash is not None


class ToolMissing(Exception):
    """node, pa11y-ci or Chromium is not installed; the message says how to install it."""


@dataclass(frozen=True)
class Tools:
    command: tuple[str, ...]
    chromium: str
    versions: dict[str, str]


def find_tools(project: Path, chromium: str = CHROMIUM) -> Tools:
    """The pa11y-ci command, the browser and their versions, or ToolMissing with install steps."""
    override = os.environ.get(COMMAND_VARIABLE)
    if override:
        return Tools(tuple(shlex.split(override)), chromium, {"pa11y-ci": f"custom: {override}"})
    problems = []
    if shutil.which("node") is None:
        problems.append("node is not installed: apt-get install -y nodejs npm")
    pa11y_ci = project / "node_modules" / ".bin" / "pa11y-ci"
    if not pa11y_ci.exists():
        problems.append("pa11y-ci is not installed: PUPPETEER_SKIP_DOWNLOAD=1 npm ci (or `make setup`)")
    if not (Path(chromium).exists() or shutil.which(chromium)):
        problems.append(f"Chromium is not installed at {chromium}: apt-get install -y chromium")
    if problems:
        raise ToolMissing("signpost a11y cannot run:\n  " + "\n  ".join(problems))
    return Tools((str(pa11y_ci),), chromium, _versions(project, chromium))


def pa11y_config(urls: list[str], check: Pass, tools: Tools, concurrency: int) -> dict:
    """The pa11y-ci configuration for one pass over `urls`."""
    defaults = {
        "chromeLaunchConfig": {"executablePath": tools.chromium, "args": CHROMIUM_ARGS},
        "useIncognitoBrowserContext": False,
        "concurrency": concurrency,
        "runners": list(check.runners),
        "standard": "WCAG2AA",
        "levelCapWhenNeedsReview": "warning",
        "timeout": PAGE_TIMEOUT_MS,
    }
    if check.rules:
        defaults["rules"] = list(check.rules)
    entries: list = [{"url": url, "actions": list(check.actions)} if check.actions else url for url in urls]
    return {"defaults": defaults, "urls": entries}


def run_pa11y(urls: list[str], check: Pass, tools: Tools, *, concurrency: int, config_dir: Path
              ) -> dict[str, UrlResult]:
    """One pa11y-ci run; every URL asked for gets a result (missing or broken ones are crashes)."""
    if not urls:
        return {}
    config_dir.mkdir(parents=True, exist_ok=True)
    config_file = config_dir / f"pa11yci-{check.name}.json"
    config_file.write_text(json.dumps(pa11y_config(urls, check, tools, concurrency), indent=2), encoding="utf-8")
    try:
        completed = subprocess.run([*tools.command, "--json", "--config", str(config_file)],
                                   capture_output=True, text=True, timeout=120 + 30 * len(urls))
    except (OSError, subprocess.TimeoutExpired) as problem:
        return {url: UrlResult(url, crash=f"pa11y-ci did not finish: {problem}") for url in urls}
    report = _parse_report(completed.stdout)
    if report is None:
        reason = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["no output"]
        return {url: UrlResult(url, crash=f"pa11y-ci failed (exit {completed.returncode}): {reason[0]}")
                for url in urls}
    return {url: _url_result(url, report.get("results", {}), check) for url in urls}


def _parse_report(stdout: str) -> dict | None:
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


def _url_result(url: str, results: dict, check: Pass) -> UrlResult:
    if url not in results:
        return UrlResult(url, crash="pa11y-ci returned no result for this page")
    entries = results[url]
    crashes = [entry for entry in entries if "code" not in entry]
    if crashes:
        return UrlResult(url, crash=str(crashes[0].get("message") or crashes[0]))
    issues = [entry for entry in entries if entry.get("type", "error") == "error"]
    if check.only_codes:
        issues = [entry for entry in issues if entry.get("code") in check.only_codes]
    return UrlResult(url, issues=issues)


def _versions(project: Path, chromium: str) -> dict[str, str]:
    versions = {}
    for package in ("pa11y-ci", "pa11y", "axe-core", "@pa11y/html_codesniffer"):
        manifest = project / "node_modules" / package / "package.json"
        try:
            versions[package] = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        except (OSError, ValueError, KeyError):
            versions[package] = "unknown"
    try:
        versions["chromium"] = subprocess.run([chromium, "--version"], capture_output=True, text=True,
                                              timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        versions["chromium"] = "unknown"
    return versions
