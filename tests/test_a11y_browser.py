"""Real-browser tests (Debian's Chromium): pa11y-ci finds zero errors; skip link and exit button work."""

from __future__ import annotations

import difflib
import json
import os
import textwrap
from contextlib import contextmanager
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
    """Guard against a check that cannot fail: a low-contrast span must be reported with its file.

    The same run shows the search form is checked though the check's server answers the search
    index without its documents (server.py): what pa11y checks is the page's markup, and the
    search dialog, its form and its input are in the HTML whatever the index holds. A search
    input planted without its name must be found.
    """
    low_contrast = ("Tell us what went wrong.", '<span style="color:#bbb">Tell us what went wrong.</span>')
    nameless_search = ('name="query" aria-label="Search" placeholder="Search"', 'name="query"')
    with planted(site, {"complaints/": [low_contrast, nameless_search]}):
        run = site.signpost("a11y", "--pass", "light", "--only", "complaints/",
                            "--cache-dir", str(tmp_path / "cache"), "--reports", str(tmp_path / "reports"))
    assert run.returncode == 1
    assert "content/complaints.md: error: [axe:color-contrast] [light]" in run.stderr
    report = json.loads((tmp_path / "reports" / "a11y.json").read_text())
    search_issues = {(issue["runner"], issue["code"]) for r in report["results"] for issue in r["issues"]
                     if issue["selector"].endswith("> form > input")}
    assert {("axe", "label"), ("htmlcs", "WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputText.Name")} <= search_issues, \
        report["results"]


HTMLCS_CONTRAST = "WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail"
DARK_ONLY = ('<style>[data-md-color-scheme=slate] .only-dark{color:#3a3a3a}</style>'
             '<p class="only-dark">Dark problem.</p>')
LIGHT_ONLY = ('<style>[data-md-color-scheme=default] .only-light{color:#d0d0d0}</style>'
              '<p class="only-light">Light problem.</p>')
NO_ALT = '<img src="/assets/images/favicon.png" width="48" height="48">'
# Two 10 x 10 px buttons side by side: under 24 x 24 px and without the spacing that excuses it.
SMALL_TARGETS = '<div style="display:flex">' + ''.join(
    f'<button type="button" style="width:10px;height:10px;min-width:0;padding:0;border:0;background:#000;'
    f'color:#fff;font-size:6px;line-height:10px;overflow:hidden">{n}</button>' for n in "ab") + '</div>'


@contextmanager
def planted(site, changes: dict[str, list[tuple[str, str]]]):
    """Edit built pages (`{url path: [(old, new), ...]}`) for one test, then put them back."""
    originals = {}
    try:
        for url_path, edits in changes.items():
            html = site.root / "site" / url_path / "index.html"
            originals[html] = text = html.read_text(encoding="utf-8")
            for old, new in edits:
                assert old in text, (url_path, old)
                text = text.replace(old, new, 1)
            html.write_text(text, encoding="utf-8")
        yield
    finally:
        for html, text in originals.items():
            html.write_text(text, encoding="utf-8")


def found(report) -> set[tuple[str, str, str, str]]:
    return {(r["url"], r["pass"], issue["runner"], issue["code"]) for r in report["results"] for issue in r["issues"]}


def test_each_pass_catches_its_own_failure_on_one_page_load(site, tmp_path):
    """Light, target size and dark share one load: each pass must still find what only it can.

    The home page fails contrast only in dark colours and has an image without alt text; the
    complaints page fails contrast only in light colours and has two targets under 24 px. At
    concurrency 1 the home page is checked first and its dark pass stores "dark" in
    localStorage, which every later page of the browser reads: the complaints page then
    loads dark, and its light pass must switch it back to light to find its problem. The
    dark pass's HTML_CodeSniffer (signpost's contrast-only runner) must report exactly what
    pa11y's own htmlcs runner reports in the light pass: same runner name, same code.
    """
    with planted(site, {"": [("We give free help", DARK_ONLY + NO_ALT + "We give free help")],
                        "complaints/": [("<p>Tell us what went wrong.", SMALL_TARGETS + "<p>"
                                         + LIGHT_ONLY + "Tell us what went wrong.")]}):
        run = site.signpost("a11y", "--only", "/", "--only", "complaints/", "--concurrency", "1",
                            "--cache-dir", str(tmp_path / "cache"), "--reports", str(tmp_path / "reports"))
    report = json.loads((tmp_path / "reports" / "a11y.json").read_text())
    issues = found(report)
    assert run.returncode == 1
    assert {("/", "dark", "axe", "color-contrast"), ("/", "dark", "htmlcs", HTMLCS_CONTRAST),
            ("/", "light", "axe", "image-alt"),
            ("/complaints/", "light", "axe", "color-contrast"), ("/complaints/", "light", "htmlcs", HTMLCS_CONTRAST),
            ("/complaints/", "target-size", "axe", "target-size")} <= issues, run.stderr
    contrast = {(url, name) for url, name, _, code in issues if code in ("color-contrast", HTMLCS_CONTRAST)}
    assert contrast == {("/", "dark"), ("/complaints/", "light")}, run.stderr
    # The dark pass runs the colour rules only; the light pass everything (the alt text here).
    assert {code for url, name, _, code in issues if name == "dark"} == {"color-contrast", HTMLCS_CONTRAST}
    assert any(code.startswith("WCAG2AA.Principle1.Guideline1_1.1_1_1.H37") for url, name, _, code in issues
               if (url, name) == ("/", "light")), run.stderr
    assert "content/complaints.md: error: [axe:target-size] [target-size]" in run.stderr
    assert report["page_loads"] == 2 and report["checked_in_browser"] == 6


def test_no_check_runs_before_material_is_ready(site, tmp_path):
    """The checks start after the load event AND Material's ready state (its search answered).

    A script planted on the page holds back the search worker's answers by 2 s (longer than
    the 500 ms of quiet pa11y's own `networkidle2` wait gives) and, when Material shows
    "Type to start searching", adds a low-contrast paragraph. A check that ran at the load
    event, or at network idle, would not see it.
    """
    late = site.root / "site" / "assets" / "late-ready.js"
    late.write_text(textwrap.dedent("""\
        // Test only: delay the search worker's answers, add a problem when Material is ready.
        const RealWorker = window.Worker;
        window.Worker = function (url, options) {
          const worker = new RealWorker(url, options);
          const listen = worker.addEventListener.bind(worker);
          worker.addEventListener = (type, listener, ...rest) => listen(type, type === "message"
            ? event => setTimeout(() => listener(event), 2000) : listener, ...rest);
          return worker;
        };
        document.addEventListener("DOMContentLoaded", () => {
          const observer = new MutationObserver(() => {
            const meta = document.querySelector(".md-search-result__meta");
            if (meta && meta.textContent.trim() === "Type to start searching") {
              observer.disconnect();
              document.querySelector("article").insertAdjacentHTML(
                "afterbegin", '<p id="late" style="color:#c8c8c8">Late problem.</p>');
            }
          });
          observer.observe(document.body, {childList: true, characterData: true, subtree: true});
        });
        """), encoding="utf-8")
    try:
        with planted(site, {"complaints/": [("<head>", '<head><script src="../assets/late-ready.js"></script>')]}):
            run = site.signpost("a11y", "--pass", "light", "--only", "complaints/",
                                "--cache-dir", str(tmp_path / "cache"), "--reports", str(tmp_path / "reports"))
    finally:
        late.unlink()
    report = json.loads((tmp_path / "reports" / "a11y.json").read_text())
    assert run.returncode == 1, run.stderr
    assert any(issue["code"] == "color-contrast" and "#late" in issue["selector"]
               for r in report["results"] for issue in r["issues"]), run.stderr


# Material's search has answered: its results box says "Type to start searching" (in the page's language).
SEARCH_READY = """(() => {
    const ready = JSON.parse(document.getElementById('__config').textContent)
        .translations['search.result.placeholder'];
    return document.querySelector('.md-search-result__meta').textContent.trim() === ready; })()"""
SWITCH_SCHEME = """n => { const radio = document.getElementById('__palette_' + n);
    radio.checked = true; radio.dispatchEvent(new Event('change', {bubbles: true})); }"""


@pytest.mark.parametrize("path", ["", "ur/complaints/"])
def test_dark_colours_change_nothing_but_colours(browser, served, path):
    """Why the dark pass runs only the colour rules: the dark page is the light page in other colours.

    Switching Material's palette (as the dark pass does) changes the `color-scheme` meta,
    `<body>`'s palette attributes, which of the two toggle labels is `hidden`, and which
    radio is checked: nothing else in the document or the accessibility tree. If the theme
    ever shows something only in dark colours, this fails, and the dark pass needs its rules.
    """
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    tab.goto(served + path)
    tab.wait_for_function(SEARCH_READY)

    def snapshot(scheme: int, name: str) -> tuple[list[str], list[str]]:
        tab.evaluate(SWITCH_SCHEME, scheme)
        tab.wait_for_selector(f"body[data-md-color-scheme={name}]", state="attached")
        html = tab.evaluate("document.documentElement.outerHTML").replace("><", ">\n<").splitlines()
        return html, tab.locator("body").aria_snapshot().splitlines()

    light_html, light_tree = snapshot(0, "default")
    dark_html, dark_tree = snapshot(1, "slate")
    context.close()
    changed = [line.strip() for line in difflib.unified_diff(light_html, dark_html, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed and all(line[1:].lstrip().startswith(('<meta name="color-scheme"', "<body ",
                                                          '<label class="md-header__button md-icon"'))
                           for line in changed), changed
    tree_changes = [line for line in difflib.unified_diff(light_tree, dark_tree, lineterm="", n=0)
                    if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert tree_changes and all("- radio " in line for line in tree_changes), tree_changes


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
