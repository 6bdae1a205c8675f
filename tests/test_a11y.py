"""`signpost a11y` with a fake pa11y-ci: pages, reports, cache and crash retry (no browser needed).

The fake reads the generated pa11y-ci config like the real one, logs each URL
it was asked about (with the concurrency), and crashes or reports issues on
the URLs the test names. Real-browser runs are in test_a11y_browser.py.
"""

from __future__ import annotations

import json
import sys
import textwrap

import pytest

from sitebuilder import page

FAKE_PA11Y_CI = textwrap.dedent('''\
    import json, os, sys
    config = json.load(open(sys.argv[sys.argv.index("--config") + 1]))
    concurrency = config["defaults"]["concurrency"]
    state_file = os.environ["FAKE_STATE"]
    crashed_before = set(open(state_file).read().split()) if os.path.exists(state_file) else set()
    results = {}
    for entry in config["urls"]:
        url = entry if isinstance(entry, str) else entry["url"]
        with open(os.environ["FAKE_LOG"], "a") as log:
            log.write(f"{concurrency} {url}\\n")
        once, always = os.environ.get("FAKE_CRASH_ONCE"), os.environ.get("FAKE_CRASH_ALWAYS")
        if (once and once in url and url not in crashed_before) or (always and always in url):
            with open(state_file, "a") as state:
                state.write(url + "\\n")
            if always:
                continue                      # a crashed URL can be missing altogether
            results[url] = [{"message": "Navigation timeout of 30000 ms exceeded"}]
        elif os.environ.get("FAKE_ISSUE") and os.environ["FAKE_ISSUE"] in url:
            results[url] = [{"code": "color-contrast", "type": "error", "runner": "axe",
                             "message": "Elements must meet minimum color contrast ratio thresholds",
                             "selector": "p > span"}]
        else:
            results[url] = []
    print(json.dumps({"total": len(config["urls"]), "passes": 0, "errors": 0, "results": results}))
''')


@pytest.fixture
def make_fake(tmp_path):
    """A fake pa11y-ci for one site; each test gets its own log, cache and reports folders."""
    script = tmp_path / "fake_pa11y_ci.py"
    script.write_text(FAKE_PA11Y_CI, encoding="utf-8")
    log = tmp_path / "pa11y.log"

    class Fake:
        env = {"SIGNPOST_PA11Y_CI": f"{sys.executable} {script}", "FAKE_LOG": str(log),
               "FAKE_STATE": str(tmp_path / "state")}
        reports = tmp_path / "reports"

        def __init__(self, site):
            self.site = site

        def run(self, *args, **env):
            log.write_text("")
            return self.site.signpost("a11y", "--cache-dir", str(tmp_path / "cache"), "--reports", str(self.reports),
                                      *args, env={**self.env, **env})

        def asked(self) -> list[tuple[int, str]]:
            lines = [line.split(" ", 1) for line in log.read_text().splitlines()]
            return [(int(c), url.split("/", 3)[3]) for c, url in lines]

    return Fake


@pytest.fixture
def fake(fixture_site, make_fake):
    return make_fake(fixture_site)


@pytest.fixture(scope="module")
def english_site(tmp_path_factory):
    """One small English site shared by the tests that do not change it."""
    from sitebuilder import FixtureSite
    site = FixtureSite(tmp_path_factory.mktemp("a11y") / "project")
    small_site(site, languages=("en",))
    return site


def small_site(fixture_site, languages=("en", "pl")):
    fixture_site.languages = list(languages)
    fixture_site.write("index.md", page("Home", "Welcome. See [how to complain](complaints.md)."))
    fixture_site.write("complaints.md", page("Complaints", "Tell us what went wrong."))
    result = fixture_site.build()
    assert result.ok, result.output


def test_every_page_of_every_language_in_three_passes_with_reports(fixture_site, fake):
    small_site(fixture_site)
    run = fake.run(FAKE_ISSUE="pl/complaints/?signpost-scheme=dark")
    asked = [url for _, url in fake.asked()]
    report = json.loads((fake.reports / "a11y.json").read_text())
    pages = {r["url"].lstrip("/") for r in report["results"]}
    # Every built page (the directory's generated pages too), in each of the three passes, once.
    assert {"", "complaints/", "pl/", "pl/complaints/"} <= pages
    assert sorted(asked) == sorted([p for p in pages] + [p + "?signpost-scheme=dark" for p in pages]
                                   + [p + "?signpost-check=target-size" for p in pages])
    assert not any("404" in p or p.startswith(("assets/", "search/")) for p in pages)
    assert run.returncode == 1
    assert ("content/complaints.md: error: [axe:color-contrast] [dark] Elements must meet minimum color contrast "
            "ratio thresholds (at `p > span` on /pl/complaints/)") in run.stderr
    assert f"{len(pages)} pages (en, pl) x 3 passes (light, dark, target-size): 1 error(s), 0 crashed" in run.stderr
    assert (report["pages"], report["errors"], report["crashed"], report["languages"]) == (len(pages), 1, 0, ["en", "pl"])
    junit = (fake.reports / "a11y-junit.xml").read_text()
    assert junit.count("<testcase") == 3 * len(pages) and junit.count("<failure") == 1
    # The generated config carries the settings reference.md requires.
    config = json.loads((fake.reports.parent / "cache" / "pa11yci-light.json").read_text())["defaults"]
    assert config["useIncognitoBrowserContext"] is False and config["runners"] == ["axe", "htmlcs"]
    assert config["standard"] == "WCAG2AA" and config["levelCapWhenNeedsReview"] == "warning"
    assert config["chromeLaunchConfig"]["executablePath"] == "/usr/bin/chromium"
    assert "--disable-background-networking" in config["chromeLaunchConfig"]["args"]


def test_second_run_checks_only_the_edited_page(fixture_site, fake):
    small_site(fixture_site, languages=("en",))
    first = fake.run()
    assert first.returncode == 0, first.stderr
    checked = len(fake.asked())
    assert checked >= 6
    again = fake.run()
    assert again.returncode == 0 and fake.asked() == []
    assert f"0 checked in the browser, {checked} unchanged (cache)" in again.stderr
    fixture_site.write("complaints.md", page("Complaints", "Tell us what went wrong. We will answer in 10 days."))
    assert fixture_site.build().ok
    edited = fake.run()
    assert edited.returncode == 0
    assert sorted(url for _, url in fake.asked()) == sorted([
        "complaints/", "complaints/?signpost-scheme=dark", "complaints/?signpost-check=target-size"])


def test_a_crashed_page_is_retried_once_at_concurrency_one(english_site, make_fake):
    fake = make_fake(english_site)
    run = fake.run(FAKE_CRASH_ONCE="complaints/?signpost-scheme=dark")
    assert run.returncode == 0, run.stderr
    retries = [(c, url) for c, url in fake.asked() if url == "complaints/?signpost-scheme=dark"]
    assert retries == [(4, "complaints/?signpost-scheme=dark"), (1, "complaints/?signpost-scheme=dark")]
    assert "dark: 1 page(s) crashed; trying them again one at a time" in run.stderr


def test_a_page_that_crashes_twice_fails_the_check(english_site, make_fake):
    fake = make_fake(english_site)
    run = fake.run("--pass", "light", FAKE_CRASH_ALWAYS="complaints/")
    assert run.returncode == 1
    assert ("content/complaints.md: error: [browser] [light] the browser crashed on /complaints/ twice: "
            "pa11y-ci returned no result for this page") in run.stderr
    report = json.loads((fake.reports / "a11y.json").read_text())
    assert report["crashed"] == 1
    # A crash is never cached: the next run asks about the page again.
    fake.run("--pass", "light")
    assert [url for _, url in fake.asked()] == ["complaints/"]


def test_missing_browser_or_node_says_how_to_install(english_site):
    run = english_site.signpost("a11y", "--chromium", "/nonexistent/chromium")
    assert run.returncode == 2
    assert "apt-get install -y chromium" in run.stderr
    assert "PUPPETEER_SKIP_DOWNLOAD=1 npm ci" in run.stderr   # the fixture project has no node_modules


def test_no_built_site_is_a_clear_failure(fixture_site):
    run = fixture_site.signpost("a11y")
    assert run.returncode == 2 and "run `make site`" in run.stderr
