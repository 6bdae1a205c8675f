"""Run pa11y (axe + htmlcs in Debian's Chromium) over pages, every pass on one page load. MkDocs-free.

`pa11y_passes.js` (beside this file) loads each page once and runs pa11y once
per pass on that loaded page (pa11y's `browser`, `page` and `ignoreUrl`
options): light (axe + htmlcs, WCAG2AA), WCAG 2.2 target size (axe's one rule)
and dark (the colour rules of axe and htmlcs, after switching Material's
palette). Three pa11y-ci runs used to load every page three times, and ran all
of axe in every pass.

Facts this module relies on (../shared/reference.md):
- one browser, pages in its default context (`useIncognitoBrowserContext:
  false` in pa11y-ci's words) is what keeps concurrency 4 stable;
- axe's "needs review" items are errors unless `levelCapWhenNeedsReview: warning`;
- a crashed page comes back without issue codes, or not at all: every URL
  asked for must come back with real results, or it is a crash;
- WCAG 2.2 `target-size` needs its own axe-only run (enabling the rule breaks
  the htmlcs runner): on the loaded page that costs one axe run, not a load.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DRIVER = Path(__file__).with_name("pa11y_passes.js")
# The driver, signpost's own pa11y runner and the server (what it answers the search
# index with): their hash is part of every cache key.
DRIVER_FILES = (DRIVER, DRIVER.with_name("pa11y_runner_htmlcs_contrast.js"), DRIVER.with_name("htmlcs_contrast_only.js"),
                DRIVER.with_name("server.py"))
# Tests (and unusual setups) can replace the driver command, e.g. with a fake.
COMMAND_VARIABLE = "SIGNPOST_PA11Y_DRIVER"
PAGE_TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1280, "height": 1024}


@dataclass(frozen=True)
class Pass:
    """One way of looking at every page: a colour scheme, or one extra rule."""

    name: str
    runners: tuple[str, ...] = ("axe", "htmlcs")
    rules: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    only_codes: tuple[str, ...] = ()   # keep only these issue codes (the extra-rule pass)
    axe_only: tuple[str, ...] = ()     # run only these axe rules (the driver ignores every other one)

    def options(self) -> dict:
        """This pass's own pa11y options (the shared ones are in `pa11y_config`)."""
        return {"runners": list(self.runners), "rules": list(self.rules), "actions": list(self.actions),
                "axeOnly": list(self.axe_only)}


# Material keeps the chosen palette in localStorage, shared by the pages of one
# browser: so each colour pass sets its scheme itself ("check field" sets the
# palette's radio and fires `change`, exactly what a reader's click does) and
# waits until Material applied it. Idempotent on a page already in that scheme.
LIGHT = Pass("light", actions=("check field #__palette_0",
                               "wait for element body[data-md-color-scheme=default] to be added"))
# WCAG 2.2 target size: axe with that one rule (the others are the light pass's work;
# running all of axe again to keep one rule's issues cost 4x as much: docs/accessibility.md).
TARGET_SIZE = Pass("target-size", runners=("axe",), rules=("target-size",), only_codes=("target-size",),
                   axe_only=("target-size",), actions=LIGHT.actions)
# Dark colours: only the checks whose result depends on colours. Switching Material's
# palette changes the CSS colour variables and nothing else a checker reads: the same
# document, text, names, roles, headings and sizes (the palette form's two toggle labels
# swap `hidden`; the light pass checks that markup, one template for both). So every other
# rule gives the light pass's answer again. The colour rules: axe's `color-contrast` and
# `link-in-text-block` (the rules tagged `cat.color` within WCAG2AA, as the light pass
# runs them) and HTML_CodeSniffer's contrast sniff 1_4_3 (G18/G145; its other colour
# sniffs only give notices and warnings), through pa11y's own runner
# (`pa11y_runner_htmlcs_contrast.js`): the same codes, messages and selectors as before.
# A dark-only image (Material's `#only-dark`) without alt text is the build's static check.
# tests/test_a11y_browser.py proves a dark-only and a light-only contrast failure are each
# found, and that the light and dark documents differ in nothing but those attributes.
DARK_COLOUR_RULES = ("color-contrast", "link-in-text-block")
DARK = Pass("dark", runners=("axe", "htmlcs-contrast"), axe_only=DARK_COLOUR_RULES,
            actions=("check field #__palette_1", "wait for element body[data-md-color-scheme=slate] to be added"))
# The order the passes run in on one loaded page: dark, which changes the page, last.
PASSES = {p.name: p for p in (LIGHT, TARGET_SIZE, DARK)}


@dataclass
class UrlResult:
    """What pa11y said about one URL in one pass: its issues, or why it crashed."""

    url: str
    issues: list[dict] = field(default_factory=list)
    crash: str | None = None

    @property
    def crashed(self) -> bool:
        return self.crash is not None


class ToolMissing(Exception):
    """node, pa11y or Chromium is not installed; the message says how to install it."""


@dataclass(frozen=True)
class Tools:
    command: tuple[str, ...]
    chromium: str
    versions: dict[str, str]
    project: Path = Path(".")


def find_tools(project: Path, chromium: str = CHROMIUM) -> Tools:
    """The driver command, the browser and their versions, or ToolMissing with install steps."""
    override = os.environ.get(COMMAND_VARIABLE)
    if override:
        return Tools(tuple(shlex.split(override)), chromium, {"driver": f"custom: {override}"}, project)
    problems = []
    node = shutil.which("node")
    if node is None:
        problems.append("node is not installed: apt-get install -y nodejs npm")
    if not (project / "node_modules" / "pa11y" / "package.json").exists():
        problems.append("pa11y is not installed: PUPPETEER_SKIP_DOWNLOAD=1 npm ci (or `make setup`)")
    if not (Path(chromium).exists() or shutil.which(chromium)):
        problems.append(f"Chromium is not installed at {chromium}: apt-get install -y chromium")
    if problems:
        raise ToolMissing("signpost a11y cannot run:\n  " + "\n  ".join(problems))
    return Tools((node, str(DRIVER)), chromium, _versions(project, chromium), project)


def pa11y_config(pages: list[tuple[str, list[str]]], tools: Tools, concurrency: int) -> dict:
    """The driver's configuration: shared pa11y options, each pass's own, and the pages with their passes."""
    return {
        "project": str(tools.project.resolve()),
        "chromeLaunchConfig": {"executablePath": tools.chromium, "args": CHROMIUM_ARGS},
        "concurrency": concurrency,
        "timeout": PAGE_TIMEOUT_MS,
        "viewport": VIEWPORT,
        "pa11y": shared_options(),
        "passes": {name: check.options() for name, check in PASSES.items()},
        "pages": [{"url": url, "passes": _in_run_order(passes)} for url, passes in pages],
    }


def shared_options() -> dict:
    """pa11y options every pass shares (part of the cache key)."""
    return {"standard": "WCAG2AA", "levelCapWhenNeedsReview": "warning", "includeWarnings": False,
            "includeNotices": False}


def run_pa11y(pages: list[tuple[str, list[str]]], tools: Tools, *, concurrency: int, config_dir: Path
              ) -> dict[str, dict[str, UrlResult]]:
    """One driver run: {url: {pass: result}}; every (url, pass) asked for gets a result (or a crash)."""
    if not pages:
        return {}
    config_dir.mkdir(parents=True, exist_ok=True)
    # A file of its own per run (shards may share the folder), kept afterwards as
    # `pa11y-passes.json`: the last run's exact settings, for anyone debugging it.
    with tempfile.NamedTemporaryFile("w", dir=config_dir, prefix="pa11y-passes-", suffix=".json", delete=False,
                                     encoding="utf-8") as config_file:
        json.dump(pa11y_config(pages, tools, concurrency), config_file, indent=2)
    try:
        completed = subprocess.run([*tools.command, config_file.name], capture_output=True, text=True,
                                   timeout=120 + 60 * len(pages))
    except (OSError, subprocess.TimeoutExpired) as problem:
        return _all_crashed(pages, f"the pa11y driver did not finish: {problem}")
    finally:
        os.replace(config_file.name, config_dir / "pa11y-passes.json")
    report = _parse_report(completed.stdout)
    if report is None:
        reason = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["no output"]
        return _all_crashed(pages, f"the pa11y driver failed (exit {completed.returncode}): {reason[0]}")
    results = report.get("results", {})
    return {url: {name: _url_result(url, results.get(url, {}).get(name), PASSES[name]) for name in passes}
            for url, passes in pages}


def tool_fingerprint(tools: Tools) -> str:
    """A short hash of the tool versions and the driver: the CI cache key's tool part."""
    data = json.dumps({"versions": tools.versions, "driver": _driver_hash(), "shared": shared_options()},
                      sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def _in_run_order(passes: list[str]) -> list[str]:
    return [name for name in PASSES if name in passes]


def _all_crashed(pages, why: str) -> dict[str, dict[str, UrlResult]]:
    return {url: {name: UrlResult(url, crash=why) for name in passes} for url, passes in pages}


def _parse_report(stdout: str) -> dict | None:
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


def _url_result(url: str, answer: dict | None, check: Pass) -> UrlResult:
    if not isinstance(answer, dict):
        return UrlResult(url, crash="pa11y returned no result for this page")
    if answer.get("crash"):
        return UrlResult(url, crash=str(answer["crash"]))
    entries = answer.get("issues")
    if not isinstance(entries, list) or any(not isinstance(e, dict) or "code" not in e for e in entries):
        return UrlResult(url, crash=f"pa11y returned something that is not a list of issues: {str(entries)[:200]}")
    issues = [entry for entry in entries if entry.get("type", "error") == "error"]
    if check.only_codes:
        issues = [entry for entry in issues if entry.get("code") in check.only_codes]
    return UrlResult(url, issues=issues)


def _driver_hash() -> str:
    try:
        return hashlib.sha256(b"".join(path.read_bytes() for path in DRIVER_FILES)).hexdigest()[:16]
    except OSError:
        return "missing"


def _versions(project: Path, chromium: str) -> dict[str, str]:
    versions = {"driver": _driver_hash()}
    for package in ("pa11y", "axe-core", "@pa11y/html_codesniffer", "puppeteer"):
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
