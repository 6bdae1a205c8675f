"""`signpost build --jobs 2` publishes the same site, and the same findings, as one process."""

from __future__ import annotations

from sitebuilder import page

LANGUAGES = ["en", "pl", "ur"]
# A readability warning: one finding the build reports without failing.
LONG_SENTENCE = " ".join(["word"] * 30) + "."
PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: {lang}\\n"\n\n'


def _fixture(fixture_site):
    fixture_site.languages = LANGUAGES
    fixture_site.write("index.md", page("Home", "Welcome to [the help page](help.md).", topics=["about-service"]))
    fixture_site.write("help.md", page("Help", "Call us.\n\n" + LONG_SENTENCE))
    fixture_site.write("pl/help.po", PO_HEADER.format(lang="pl") + 'msgid "Call us."\nmsgstr "Zadzwoń do nas."\n',
                       under="translations")
    fixture_site.build()  # writes mkdocs.yml for the languages


def _files(folder):
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _tree(html: bytes):
    from selectolax.lexbor import LexborHTMLParser
    return LexborHTMLParser(html.decode("utf-8"))


def _findings(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if "signpost: " in line and ": warning:" in line
                  or ": error:" in line)


def test_parallel_build_publishes_the_same_site_and_findings(fixture_site):
    _fixture(fixture_site)
    one = fixture_site.signpost("build", "--jobs", "1", "--site-dir", "site-one")
    two = fixture_site.signpost("build", "--jobs", "2", "--site-dir", "site-two")
    assert one.returncode == 0, one.stderr[-3000:]
    assert two.returncode == 0, two.stderr[-3000:]
    sequential, parallel = _files(fixture_site.root / "site-one"), _files(fixture_site.root / "site-two")
    assert sorted(sequential) == sorted(parallel)
    assert "pl/help/index.html" in parallel and "ur/help/index.html" in parallel
    assert "Zadzwoń do nas." in parallel["pl/help/index.html"].decode()
    # The sitemap is compared by entries; every other file byte for byte, the 404 pages too: their
    # language links lead to the home pages, whichever page the engine rendered before them
    # (they kept the last one's: one process, the last page of the site; a worker, another page).
    for name in ("404.html", "pl/404.html", "ur/404.html"):
        switcher = [a.attributes["href"] for a in _tree(parallel[name]).css("a.md-select__link[hreflang]")]
        assert switcher == ["/", "/pl/", "/ur/"], (name, switcher)
    differing = [name for name in sequential if sequential[name] != parallel[name] and name not in
                 ("sitemap.xml", "sitemap.xml.gz")]
    assert differing == []
    assert _findings(one.stderr) == _findings(two.stderr)
    assert _findings(two.stderr), "the fixture has a finding (the long sentence), reported once"
    assert not list(fixture_site.root.glob(".site-two-building-*")), "no worker folder is left behind"


def test_parallel_build_fails_once_with_every_language_finding(fixture_site):
    _fixture(fixture_site)
    fixture_site.write("pl/help.po", PO_HEADER.format(lang="pl") + 'msgid "Call us."\nmsgstr "Zadzwoń: 0113 496 0999."\n',
                       under="translations")
    result = fixture_site.signpost("build", "--jobs", "2", "--site-dir", "site-two")
    assert result.returncode != 0
    assert "translations/pl/help.po" in result.stderr
    assert result.stderr.count("the site was not published") == 1
    assert not (fixture_site.root / "site-two").exists()


def test_each_language_finding_is_reported_once_by_the_worker_that_owns_it(fixture_site):
    """Every worker checks only its own languages' catalogs; the site-wide checks run in the first one.

    With `--jobs 2` the languages split as [en, ur] and [pl]: a glossary finding
    in each catalog language, an orphan catalog (site-wide) and a broken interface
    translation in the second worker's language must each be reported exactly
    once, as one process reports them.
    """
    _fixture(fixture_site)
    fixture_site.write("pl/glossary.csv", "source,target\nCall,telefon\n", under="translations")
    fixture_site.write("ur/help.po", PO_HEADER.format(lang="ur") + 'msgid "Call us."\nmsgstr "ہمیں کال کریں۔"\n',
                       under="translations")
    fixture_site.write("ur/glossary.csv", "source,target\nCall,فون\n", under="translations")
    fixture_site.write("pl/gone.po", PO_HEADER.format(lang="pl") + 'msgid "Gone."\nmsgstr "Nie ma."\n',
                       under="translations")
    fixture_site.write("pl/interface.po", PO_HEADER.format(lang="pl")
                       + 'msgid "Read this page in English"\nmsgstr "Czytaj [po angielsku](http://x.example)"\n',
                       under="translations")
    one = fixture_site.signpost("build", "--jobs", "1", "--site-dir", "site-one")
    two = fixture_site.signpost("build", "--jobs", "2", "--site-dir", "site-two")
    expected = _findings(one.stderr)
    assert _findings(two.stderr) == expected
    for where, what in (("translations/pl/help.po", "glossary"), ("translations/ur/help.po", "glossary"),
                        ("translations/pl/gone.po", "no longer exists"), ("translations/pl/interface.po", "")):
        matching = [line for line in expected if where in line and what in line]
        assert len(matching) == 1, (where, expected)


def test_a_problem_met_before_the_workers_fork_is_reported_by_them(fixture_site):
    """The warm-up before forking keeps quiet about a problem: the workers meet it and report it."""
    _fixture(fixture_site)
    one = fixture_site.signpost("build", "--jobs", "1", "--site-dir", "site-one", today="2026-02-30")
    two = fixture_site.signpost("build", "--jobs", "2", "--site-dir", "site-two", today="2026-02-30")
    assert one.returncode != 0 and two.returncode != 0
    problem = next(line for line in one.stderr.splitlines() if "SIGNPOST_TODAY" in line)
    assert problem in two.stderr
    assert not (fixture_site.root / "site-two").exists()


def test_the_parallel_build_keeps_its_temporary_files_beside_the_site_not_in_the_systems(fixture_site, tmp_path):
    """The warm-up's helpers (half the catalogs checked, the open data made) and their files live in the
    build's own scratch folder beside the staging one: removed with it, or by the next build's recovery
    when this one is killed; nothing is written to TMPDIR, even for the length of the build."""
    import os
    import subprocess
    import sys
    import time
    from test_services_fixtures import write_service
    _fixture(fixture_site)
    write_service(fixture_site)  # the directory makes open data
    fixture_site.write("ur/help.po", PO_HEADER.format(lang="ur") + 'msgid "Call us."\nmsgstr "ہمیں فون کریں۔"\n',
                       under="translations")  # two catalogs: checked in two processes
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(system_tmp), "SIGNPOST_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1",
           "SIGNPOST_COVERAGE": "report"}
    process = subprocess.Popen([sys.executable, "-m", "signpost.cli", "build", "--jobs", "2", "--site-dir", "site-two"],
                               cwd=fixture_site.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen: set[str] = set()
    while process.poll() is None:
        seen.update(path.name for path in system_tmp.iterdir())
        time.sleep(0.01)
    output = process.stdout.read().decode("utf-8", "replace")
    assert process.returncode == 0, output[-3000:]
    assert "workers" in output, "the build forked its workers after a warm-up"
    assert list((fixture_site.root / "site-two" / "open-data").rglob("*.json")), "the open data was published"
    assert seen == set(), seen
    assert not list(fixture_site.root.glob(".site-two-building-*")), "the scratch folder is removed with the rest"
