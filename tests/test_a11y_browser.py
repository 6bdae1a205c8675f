"""Real-browser tests (Debian's Chromium): pa11y-ci finds zero errors; skip link and exit button work."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from browser import CHROMIUM, browser  # noqa: F401 (pytest fixture)
from sitebuilder import ROOT, page

pytestmark = pytest.mark.browser


BODY = """\
We give free help to young people. Read [how to complain](complaints.md).

## Ways to get help

| How | Details |
| --- | --- |
| Phone | [0113 496 0123](tel:+441134960123) |
| Email | [help@example.org](mailto:help@example.org) |

!!! note "Opening times"
    We are open from 10am to 6pm.

??? question "Is it free?"
    Yes, always.

## Where we are

- The Hub, 12 Bridge Street
- Near the bus station
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not Path(CHROMIUM).exists() or not (ROOT / "node_modules" / ".bin" / "pa11y-ci").exists():
        pytest.skip("needs /usr/bin/chromium and node_modules (make setup)")
    from sitebuilder import FixtureSite
    fixture = FixtureSite(tmp_path_factory.mktemp("browser") / "project", languages=["en", "ur"])
    fixture.write("index.md", page("Riverside Youth Advice", BODY))
    fixture.write("complaints.md", page("Complaints", "Tell us what went wrong.\n\n## Steps\n\n1. Talk to us.\n"))
    result = fixture.build()
    assert result.ok, result.output
    (fixture.root / "node_modules").symlink_to(ROOT / "node_modules")
    return fixture


def test_pa11y_finds_zero_errors_in_light_dark_and_target_size(site):
    # The theme's own pages (home with a table, admonitions, details, a table of contents; a
    # second page), in English and right-to-left Urdu. `make test` runs the whole real site.
    only = ["--only", "/", "--only", "complaints/", "--only", "ur/$", "--only", "ur/complaints/"]
    run = site.signpost("a11y", "--no-cache", *only)
    report = json.loads((site.root / "reports" / "a11y.json").read_text())
    problems = [(r["url"], r["pass"], r["crash"], r["issues"]) for r in report["results"] if r["issues"] or r["crash"]]
    assert run.returncode == 0 and not problems, run.stderr
    assert report["passes"] == ["dark", "light", "target-size"]
    assert sorted(r["url"] for r in report["results"] if r["pass"] == "dark") == [
        "/", "/complaints/", "/ur/", "/ur/complaints/"]
    assert report["versions"]["axe-core"].startswith("4.")


def test_the_browser_check_fails_on_a_real_problem(site, tmp_path):
    """Guard against a check that cannot fail: a low-contrast span must be reported with its file."""
    bad = site.root / "site" / "complaints" / "index.html"
    original = bad.read_text(encoding="utf-8")
    try:
        bad.write_text(original.replace("Tell us what went wrong.",
                                        '<span style="color:#bbb">Tell us what went wrong.</span>'), encoding="utf-8")
        run = site.signpost("a11y", "--pass", "light", "--only", "complaints/",
                            "--cache-dir", str(tmp_path / "cache"))
    finally:
        bad.write_text(original, encoding="utf-8")
    assert run.returncode == 1
    assert "content/complaints.md: error: [axe:color-contrast] [light]" in run.stderr


def test_each_colour_pass_checks_its_own_scheme_on_one_page_load(site, tmp_path):
    """Light, target size and dark share one load: each pass must still see its own colours.

    The home page fails contrast only in dark colours, the complaints page only in light
    ones. At concurrency 1 the home page is checked first and its dark pass stores "dark"
    in localStorage, which every later page of the browser reads: the complaints page then
    loads dark, and its light pass must switch it back to light to find its problem.
    """
    home, complaints = site.root / "site" / "index.html", site.root / "site" / "complaints" / "index.html"
    originals = {home: home.read_text(encoding="utf-8"), complaints: complaints.read_text(encoding="utf-8")}
    dark_only = ('<style>[data-md-color-scheme=slate] .only-dark{color:#3a3a3a}</style>'
                 '<p class="only-dark">Dark problem.</p>')
    light_only = ('<style>[data-md-color-scheme=default] .only-light{color:#d0d0d0}</style>'
                  '<p class="only-light">Light problem.</p>')
    try:
        home.write_text(originals[home].replace("We give free help", dark_only + "We give free help"), encoding="utf-8")
        complaints.write_text(originals[complaints].replace("Tell us what went wrong.",
                                                            light_only + "Tell us what went wrong."), encoding="utf-8")
        run = site.signpost("a11y", "--only", "/", "--only", "complaints/", "--concurrency", "1",
                            "--cache-dir", str(tmp_path / "cache"), "--reports", str(tmp_path / "reports"))
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    report = json.loads((tmp_path / "reports" / "a11y.json").read_text())
    contrast = sorted((r["url"], r["pass"]) for r in report["results"]
                      for issue in r["issues"] if "contrast" in issue["code"].lower() or "G18" in issue["code"])
    assert run.returncode == 1
    assert {("/", "dark"), ("/complaints/", "light")} == set(contrast), run.stderr
    assert report["page_loads"] == 2 and report["checked_in_browser"] == 6


@pytest.fixture
def served(site):
    from signpost.accessibility.server import serve_site
    with serve_site(site.root / "site") as base:
        yield base


def test_skip_link_moves_focus_to_the_content(browser, served):
    tab = browser.new_page()
    tab.goto(served + "complaints/")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('href')") == "#signpost-content"
    assert tab.evaluate("document.activeElement.getBoundingClientRect().top") >= 0   # visible when focused
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "signpost-content"


@pytest.mark.parametrize("how", ["click", "shift three times"])
def test_exit_this_page_leaves_for_the_neutral_page(browser, served, how):
    tab = browser.new_page()
    tab.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<title>Weather</title>Weather",
                                                                       content_type="text/html"))
    tab.goto(served + "ur/")
    entries = tab.evaluate("history.length")
    if how == "click":
        tab.click("[data-signpost-exit-link]")
    else:
        for _ in range(3):
            tab.keyboard.press("Shift")
    tab.wait_for_url("https://www.bbc.co.uk/weather", timeout=10_000)
    # location.replace: no new history entry, so Back does not return to the advice page.
    assert tab.evaluate("history.length") == entries


def test_typing_capitals_does_not_trigger_the_exit(browser, served):
    tab = browser.new_page()
    tab.goto(served)
    tab.keyboard.press("Tab")
    for _ in range(3):
        tab.keyboard.press("Shift+A")
    assert tab.url == served


def test_dark_colour_scheme_follows_the_reader_preference(browser, served):
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(served)
    assert tab.evaluate("document.body.dataset.mdColorScheme") == "slate"
    context.close()
