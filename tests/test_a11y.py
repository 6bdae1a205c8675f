"""`signpost a11y` with a fake pa11y driver: pages, passes, reports, cache, crash retry, shards and merge.

The fake reads the generated driver config like the real driver, logs each
page it was asked to load (with its passes and the concurrency), and crashes
or reports issues on the pages and passes the test names. Real-browser runs
are in test_a11y_browser.py.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
from urllib.request import urlopen

import pytest

from sitebuilder import FixtureSite, page
from signpost.accessibility.browser_check import DEFAULT_CONCURRENCY
from signpost.accessibility.server import serve_site
from signpost.accessibility.shards import Shard, shard_slot

FAKE_DRIVER = textwrap.dedent('''\
    import json, os, sys
    config = json.load(open(sys.argv[1]))
    state_file = os.environ["FAKE_STATE"]
    crashed_before = set(open(state_file).read().splitlines()) if os.path.exists(state_file) else set()
    def named(variable, path, name):
        wanted = os.environ.get(variable)
        return bool(wanted) and wanted == f"{path} {name}"
    results = {}
    if os.environ.get("FAKE_FETCH"):          # what the site's server answers these paths with
        from urllib.request import urlopen
        base = config["pages"][0]["url"].split("/", 3)
        fetched = {path: json.loads(urlopen("/".join(base[:3]) + "/" + path).read())
                   for path in os.environ["FAKE_FETCH"].split()}
        open(os.environ["FAKE_FETCHED"], "w").write(json.dumps(fetched))
    for entry in config["pages"]:
        url, path = entry["url"], entry["url"].split("/", 3)[3]
        with open(os.environ["FAKE_LOG"], "a") as log:
            log.write(json.dumps([config["concurrency"], path, entry["passes"]]) + "\\n")
        answers = {}
        for name in entry["passes"]:
            key = f"{path} {name}"
            if named("FAKE_CRASH_ONCE", path, name) and key not in crashed_before:
                with open(state_file, "a") as state:
                    state.write(key + "\\n")
                answers[name] = {"crash": "Navigation timeout of 30000 ms exceeded"}
            elif named("FAKE_CRASH_ALWAYS", path, name):
                continue                      # a crashed pass can be missing altogether
            elif named("FAKE_ISSUE", path, name):
                answers[name] = {"issues": [{"code": "color-contrast", "type": "error", "runner": "axe",
                                 "message": "Elements must meet minimum color contrast ratio thresholds",
                                 "selector": "p > span"}]}
            else:
                answers[name] = {"issues": []}
        results[url] = answers
    print(json.dumps({"results": results}))
''')
PASSES = ["light", "target-size", "dark"]


@pytest.fixture
def make_fake(tmp_path):
    """A fake driver for one site; each test gets its own log, cache and reports folders."""
    script = tmp_path / "fake_driver.py"
    script.write_text(FAKE_DRIVER, encoding="utf-8")
    log = tmp_path / "pa11y.log"

    class Fake:
        env = {"SIGNPOST_PA11Y_DRIVER": f"{sys.executable} {script}", "FAKE_LOG": str(log),
               "FAKE_STATE": str(tmp_path / "state"), "FAKE_FETCHED": str(tmp_path / "fetched.json")}
        fetched = tmp_path / "fetched.json"
        reports = tmp_path / "reports"
        cache = tmp_path / "cache"

        def __init__(self, site):
            self.site = site

        def run(self, *args, reports=None, **env):
            log.write_text("")
            return self.site.signpost("a11y", "--cache-dir", str(self.cache), "--reports", str(reports or self.reports),
                                      *args, env={**self.env, **env})

        def asked(self) -> list[tuple[int, str, list[str]]]:
            return [tuple(json.loads(line)) for line in log.read_text().splitlines()]

    return Fake


@pytest.fixture
def fake(fixture_site, make_fake):
    return make_fake(fixture_site)


@pytest.fixture(scope="module")
def english_site(tmp_path_factory):
    """One small English site shared by the tests that do not change it."""
    site = FixtureSite(tmp_path_factory.mktemp("a11y") / "project")
    small_site(site, languages=("en",))
    return site


def copy_of(site: FixtureSite, folder) -> FixtureSite:
    """A test's own copy of a built site (project and site/), to change: the same files as a new build, without the build."""
    shutil.copytree(site.root, folder / "project", symlinks=True)
    return FixtureSite(folder / "project", languages=list(site.languages))


def small_site(fixture_site, languages=("en", "pl")):
    fixture_site.languages = list(languages)
    fixture_site.write("index.md", page("Home", "Welcome. See [how to complain](complaints.md)."))
    fixture_site.write("complaints.md", page("Complaints", "Tell us what went wrong."))
    result = fixture_site.build()
    assert result.ok, result.output


def test_every_page_of_every_language_loaded_once_for_all_three_passes(fixture_site, fake):
    small_site(fixture_site)
    run = fake.run(FAKE_ISSUE="pl/complaints/ dark", FAKE_FETCH="search/search_index.json pl/search/search_index.json")
    asked = fake.asked()
    report = json.loads((fake.reports / "a11y.json").read_text())
    pages = {r["url"].lstrip("/") for r in report["results"]}
    # Every built page (the directory's generated pages too) is loaded ONCE, for the three
    # passes in this order: dark, which changes the page, last.
    assert {"", "complaints/", "pl/", "pl/complaints/"} <= pages
    assert sorted(path for _, path, _ in asked) == sorted(pages)
    assert all(passes == PASSES and concurrency == DEFAULT_CONCURRENCY for concurrency, _, passes in asked)
    assert {"404.html", "pl/404.html"} <= pages  # each language's page-not-found page is checked too
    assert not any(p.startswith(("assets/", "search/")) for p in pages)
    assert run.returncode == 1
    assert ("content/complaints.md: error: [axe:color-contrast] [dark] Elements must meet minimum color contrast "
            "ratio thresholds (at `p > span` on /pl/complaints/)") in run.stderr
    assert (f"{len(pages)} pages (en, pl) x 3 passes (light, target-size, dark): 1 error(s), 0 crashed, "
            f"0 missing; {3 * len(pages)} checked in the browser ({len(pages)} page loads)") in run.stderr
    assert (report["pages"], report["errors"], report["crashed"], report["languages"]) == (len(pages), 1, 0, ["en", "pl"])
    assert report["page_loads"] == len(pages)
    junit = (fake.reports / "a11y-junit.xml").read_text()
    assert junit.count("<testcase") == 3 * len(pages) and junit.count("<failure") == 1
    assert run.stdout.strip().splitlines()[-1] == f"a11y: {3 * len(pages) - 1} passed, 1 failed"
    # The generated config carries the settings reference.md requires.
    config = json.loads((fake.cache / "pa11y-passes.json").read_text())
    assert config["passes"]["light"]["runners"] == ["axe", "htmlcs"] and config["passes"]["light"]["axeOnly"] == []
    assert config["passes"]["target-size"] == {"runners": ["axe"], "rules": ["target-size"], "axeOnly": ["target-size"],
                                               "actions": config["passes"]["light"]["actions"]}
    # Dark colours: the colour rules only (axe's, and HTML_CodeSniffer's contrast sniff).
    assert config["passes"]["dark"]["runners"] == ["axe", "htmlcs-contrast"]
    assert config["passes"]["dark"]["axeOnly"] == ["color-contrast", "link-in-text-block"]
    assert config["pa11y"]["standard"] == "WCAG2AA" and config["pa11y"]["levelCapWhenNeedsReview"] == "warning"
    assert "check field #__palette_1" in config["passes"]["dark"]["actions"]
    assert "check field #__palette_0" in config["passes"]["light"]["actions"]
    assert config["chromeLaunchConfig"]["executablePath"] == "/usr/bin/chromium"
    assert "--disable-background-networking" in config["chromeLaunchConfig"]["args"]
    # The browser gets each language's search index without its documents, its config unchanged
    # (signpost/accessibility/server.py says why the checks stay the same).
    fetched = json.loads(fake.fetched.read_text())
    for path in ("search/search_index.json", "pl/search/search_index.json"):
        real = json.loads((fixture_site.root / "site" / path).read_text(encoding="utf-8"))
        assert real["docs"] and fetched[path] == {"config": real["config"], "docs": []}, path


def test_the_site_server_serves_files_as_built_and_the_search_index_as_built_unless_asked(english_site):
    """Only the browser check asks for the documentless index; every other file (and the index otherwise) is served as built."""
    built = english_site.root / "site"
    for empty in (False, True):
        with serve_site(built, empty_search_index=empty) as base:
            for path in ("index.html", "complaints/index.html", "sitemap.xml"):
                assert urlopen(base + path).read() == (built / path).read_bytes(), path
            index = urlopen(base + "search/search_index.json").read()
            real = (built / "search" / "search_index.json").read_bytes()
            expected = {**json.loads(real), "docs": []} if empty else json.loads(real)
            assert json.loads(index) == expected and (index == real) is not empty


def test_second_run_checks_only_the_edited_page(english_site, make_fake, tmp_path):
    fixture_site = copy_of(english_site, tmp_path / "copy")
    fake = make_fake(fixture_site)
    first = fake.run()
    assert first.returncode == 0, first.stderr
    loaded = len(fake.asked())
    assert loaded >= 2
    again = fake.run()
    assert again.returncode == 0 and fake.asked() == []
    assert f"0 checked in the browser (0 page loads), {3 * loaded} unchanged (cache)" in again.stderr
    fixture_site.write("complaints.md", page("Complaints", "Tell us what went wrong. We will answer in 10 days."))
    assert fixture_site.build().ok
    edited = fake.run()
    assert edited.returncode == 0
    assert fake.asked() == [(DEFAULT_CONCURRENCY, "complaints/", PASSES)]


def test_a_crashed_pass_is_retried_once_at_concurrency_one(english_site, make_fake):
    fake = make_fake(english_site)
    run = fake.run(FAKE_CRASH_ONCE="complaints/ dark")
    assert run.returncode == 0, run.stderr
    retries = [(c, passes) for c, path, passes in fake.asked() if path == "complaints/"]
    assert retries == [(DEFAULT_CONCURRENCY, PASSES), (1, ["dark"])]
    assert "1 page(s) crashed; trying them again one at a time" in run.stderr


def test_a_page_that_crashes_twice_fails_the_check(english_site, make_fake):
    fake = make_fake(english_site)
    run = fake.run("--pass", "light", FAKE_CRASH_ALWAYS="complaints/ light")
    assert run.returncode == 1
    assert ("content/complaints.md: error: [browser] [light] the browser crashed on /complaints/ twice: "
            "pa11y returned no result for this page") in run.stderr
    report = json.loads((fake.reports / "a11y.json").read_text())
    assert report["crashed"] == 1
    # A crash is never cached: the next run asks about the page again.
    fake.run("--pass", "light")
    assert fake.asked() == [(DEFAULT_CONCURRENCY, "complaints/", ["light"])]


def test_shards_check_every_page_exactly_once_and_merge_passes(english_site, make_fake, tmp_path):
    fake = make_fake(english_site)
    everything = fake.run("--no-cache")
    all_pages = {path for _, path, _ in fake.asked()}
    assert everything.returncode == 0 and len(all_pages) >= 2
    shard_reports, per_shard = [], []
    for index in (1, 2, 3):
        reports = tmp_path / f"shard-{index}"
        run = fake.run("--no-cache", "--shard", f"{index}/3", reports=reports)
        assert run.returncode == 0, run.stderr
        per_shard.append({path for _, path, _ in fake.asked()})
        shard_reports.append(str(reports / "a11y.json"))
    assert set().union(*per_shard) == all_pages
    assert sum(len(s) for s in per_shard) == len(all_pages)          # disjoint: each page in one shard
    merged = fake.run("--merge", *shard_reports, reports=tmp_path / "merged")
    assert merged.returncode == 0, merged.stderr
    report = json.loads((tmp_path / "merged" / "a11y.json").read_text())
    assert len(report["results"]) == 3 * len(all_pages) and report["missing"] == []
    # A shard that never reported: its pages are missing and the merge fails, naming them.
    lost = next(i for i, pages in enumerate(per_shard) if pages)
    partial = fake.run("--merge", *[r for i, r in enumerate(shard_reports) if i != lost], reports=tmp_path / "partial")
    assert partial.returncode == 1
    first_lost = sorted(per_shard[lost])[0]
    assert f"no shard reported light /{first_lost}: that page was never checked in the browser" in partial.stderr


def test_merge_refuses_results_for_other_html(english_site, make_fake, tmp_path):
    fixture_site = copy_of(english_site, tmp_path / "copy")
    fake = make_fake(fixture_site)
    assert fake.run().returncode == 0
    built = fixture_site.root / "site" / "complaints" / "index.html"
    built.write_text(built.read_text(encoding="utf-8").replace("went wrong", "went very wrong"), encoding="utf-8")
    merged = fake.run("--merge", str(fake.reports / "a11y.json"), reports=tmp_path / "merged")
    assert merged.returncode == 1
    assert "no shard reported light /complaints/" in merged.stderr


def test_merge_fails_on_an_error_in_any_shard(english_site, make_fake, tmp_path):
    fake = make_fake(english_site)
    reports = []
    for index in (1, 2):
        folder = tmp_path / f"s{index}"
        fake.run("--no-cache", "--shard", f"{index}/2", reports=folder, FAKE_ISSUE="complaints/ dark")
        reports.append(str(folder / "a11y.json"))
    merged = fake.run("--merge", *reports, reports=tmp_path / "merged")
    assert merged.returncode == 1
    assert "[dark] Elements must meet minimum color contrast ratio thresholds (at `p > span` on /complaints/)" in merged.stderr


@pytest.mark.parametrize("total", [1, 2, 3, 4, 7])
def test_shard_split_covers_every_url_exactly_once_and_is_stable(total):
    urls = [f"{lang}local-info/page-{n}/" for lang in ("", "pl/", "ro/", "pa/", "ur/") for n in range(300)]
    shards = [Shard(i, total) for i in range(1, total + 1)]
    split = [shard.select(urls, key=str) for shard in shards]
    assert sorted(u for part in split for u in part) == sorted(urls)
    assert len({u for part in split for u in part}) == len(urls)
    # Stable: order and the other pages do not move a page; each shard has a fair share.
    reordered = [shard.select(list(reversed(urls)) + ["new-page/"], key=str) for shard in shards]
    assert [sorted(set(part) - {"new-page/"}) for part in reordered] == [sorted(part) for part in split]
    assert all(len(part) > len(urls) / total * 0.8 for part in split)
    assert shard_slot("charter/", total) == shard_slot("/charter/", total)


def test_concurrency_comes_from_the_option_then_the_environment_then_the_default(english_site, make_fake):
    fake = make_fake(english_site)
    fake.run("--no-cache")
    assert {concurrency for concurrency, _, _ in fake.asked()} == {DEFAULT_CONCURRENCY}
    assert DEFAULT_CONCURRENCY == len(os.sched_getaffinity(0))   # one page per core
    fake.run("--no-cache", SIGNPOST_A11Y_CONCURRENCY=str(DEFAULT_CONCURRENCY + 5))
    assert {concurrency for concurrency, _, _ in fake.asked()} == {DEFAULT_CONCURRENCY + 5}
    fake.run("--no-cache", "--concurrency", str(DEFAULT_CONCURRENCY + 1), SIGNPOST_A11Y_CONCURRENCY="9")
    assert {concurrency for concurrency, _, _ in fake.asked()} == {DEFAULT_CONCURRENCY + 1}
    run = fake.run("--no-cache", SIGNPOST_A11Y_CONCURRENCY="lots")
    assert run.returncode == 2 and "SIGNPOST_A11Y_CONCURRENCY='lots' is not a number of pages" in run.stderr
    assert "Traceback" not in run.stderr and not fake.asked()


def test_a_bad_shard_is_a_clear_error(english_site):
    for bad in ("0/3", "4/3", "two", "1/0"):
        run = english_site.signpost("a11y", "--shard", bad)
        assert run.returncode == 2 and "--shard" in run.stderr and "Traceback" not in run.stderr


def test_missing_browser_or_node_says_how_to_install(english_site):
    run = english_site.signpost("a11y", "--chromium", "/nonexistent/chromium")
    assert run.returncode == 2
    assert "apt-get install -y chromium" in run.stderr
    assert "PUPPETEER_SKIP_DOWNLOAD=1 npm ci" in run.stderr   # the fixture project has no node_modules


def test_no_built_site_is_a_clear_failure(fixture_site):
    run = fixture_site.signpost("a11y")
    assert run.returncode == 2 and "run `make site`" in run.stderr


def test_the_tool_key_for_the_ci_cache_is_stable_and_follows_the_tools(english_site, make_fake, tmp_path):
    fake = make_fake(english_site)
    first, again = (english_site.signpost("a11y", "--print-tool-key", env=fake.env) for _ in range(2))
    assert first.returncode == 0 and len(first.stdout.strip()) == 16 and first.stdout == again.stdout
    other = english_site.signpost("a11y", "--print-tool-key",
                                  env={**fake.env, "SIGNPOST_PA11Y_DRIVER": fake.env["SIGNPOST_PA11Y_DRIVER"] + " --v2"})
    assert other.stdout != first.stdout


def test_every_languages_not_found_page_is_checked_in_the_browser(tmp_path):
    from signpost.accessibility.site_pages import NOT_FOUND_SOURCE, list_site_pages
    for path in ("index.html", "404.html", "about/index.html", "pl/index.html", "pl/404.html", "ur/index.html",
                 "ur/404.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("<html></html>", encoding="utf-8")
    pages = {page.url_path: page for page in list_site_pages(tmp_path)}
    assert {"404.html", "pl/404.html", "ur/404.html"} <= set(pages)
    assert pages["ur/404.html"].language == "ur" and pages["404.html"].language == "en"
    assert pages["pl/404.html"].source == NOT_FOUND_SOURCE
    assert "" in pages and "about/" in pages
