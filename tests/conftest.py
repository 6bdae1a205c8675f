"""Shared fixtures: `fixture_site` builds a small real site in a temporary folder.

Also the rule that a missing tool never passes silently: a test that skips (no Chromium, no
msgfmt, no node_modules) fails the run instead, saying what is missing. `SIGNPOST_ALLOW_SKIPS=1`
lets a developer who knowingly lacks a tool run the rest; CI never sets it.
"""

from __future__ import annotations

import os

import pytest

from sitebuilder import FixtureSite

ALLOW_SKIPS = "SIGNPOST_ALLOW_SKIPS"


@pytest.fixture
def fixture_site(tmp_path):
    """A fixture project with the real registries; English only unless `languages` is changed."""
    return FixtureSite(tmp_path / "project")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped test is a failed one (with the skip's reason) unless skips are allowed."""
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or os.environ.get(ALLOW_SKIPS) == "1" or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = (f"{item.nodeid} was skipped, and a skipped test hides a missing tool: {reason}\n"
                       f"Install what it names (README, .ci/install), or set {ALLOW_SKIPS}=1 to run without it.")
