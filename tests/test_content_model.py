"""Bad input becomes findings (file, line, field, message, hint), never a traceback.

Each case writes one broken file into a fixture site; `signpost check --json`
and the real build must both report it.
"""

from __future__ import annotations

import json

import pytest

from sitebuilder import page

GOOD = page("Home", "Hello.", topics=["about-service"])

BAD_FILES = {
    # name: (file text, expected line, expected field, words in the message)
    "yaml-syntax": ("---\ntitle: Broken\ndescription: [unclosed\naudience: [young-people]\n---\n# Broken\n",
                    4, None, "not valid YAML"),
    "not-mapping": ("---\n- just\n- a list\n---\n# List\n", 2, None, "must be a list of `key: value` lines"),
    "missing-key": (page("No owner here").replace("last_reviewed: '2026-10-01'\n", ""), 1, "last_reviewed",
                    "required field `last_reviewed` is missing"),
    "wrong-type": (page("Wrong type", audience="young-people"), 5, "audience", "must be a list"),
    "impossible-date": (page("Bad date", last_reviewed="2026-02-30"), 5, "last_reviewed", "not a real date"),
    "unknown-audience": (page("Who", audience=["teenagers"]), 5, "audience.0", "unknown audience"),
    "unknown-topic": (page("Topic", topics=["housng"]), 4, "topics", "unknown topic `housng`"),
    "unknown-key": (page("Key", titel="x"), 6, "titel", "unknown field `titel`"),
    "bad-duration": (page("Period", review_every="6 months"), 6, "review_every", "not an ISO 8601 duration"),
    "html-in-title": (page("<b>Bold</b> title"), 2, "title", "contains HTML"),
}


@pytest.fixture
def broken_site(fixture_site):
    fixture_site.write("index.md", GOOD)
    for name, (text, *_rest) in BAD_FILES.items():
        fixture_site.write(f"bad/{name}.md", text)
    fixture_site.write("bad/not-utf8.md", "---\ntitle: Caf\u00e9\n---\n".encode("latin-1"))
    fixture_site.write("bad/empty.md", "")
    return fixture_site


def _expected_line(name: str) -> int:
    """The line of the YAML key at fault, counted in the file as written."""
    text, line, field, _words = BAD_FILES[name]
    if field and line != 1:
        key = field.split(".")[0]
        line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith(f"{key}:"))
    return line


def _check_json(site) -> list[dict]:
    result = site.signpost("check", "--json")
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_input_is_a_finding_with_file_line_and_field(broken_site, name):
    _text, _line, field, words = BAD_FILES[name]
    line = _expected_line(name)
    findings = [f for f in _check_json(broken_site) if f["file"] == f"content/bad/{name}.md"]
    assert findings, f"no finding for {name}"
    matching = [f for f in findings if words in f["message"]]
    assert matching, findings
    assert matching[0]["line"] == line
    assert matching[0]["field"] == field
    assert matching[0]["hint"], "every finding says how to fix it"


def test_unknown_key_and_topic_suggest_the_right_name(broken_site):
    hints = {f["field"]: f["hint"] for f in _check_json(broken_site)}
    assert "did you mean `title`?" in hints["titel"]
    assert "did you mean `housing`?" in hints["topics"]


def test_non_utf8_and_empty_files(broken_site):
    by_file = {f["file"]: f for f in _check_json(broken_site)}
    assert "not UTF-8" in by_file["content/bad/not-utf8.md"]["message"]
    assert "empty" in by_file["content/bad/empty.md"]["message"]


def test_build_reports_every_finding_then_fails_once(broken_site):
    result = broken_site.build()
    assert not result.ok
    assert "Traceback" not in result.output
    for name in BAD_FILES:
        assert f"content/bad/{name}.md:{_expected_line(name)}" in result.output, name
    assert "content/bad/not-utf8.md" in result.output and "content/bad/empty.md" in result.output
    assert result.output.count("the site was not published") == 1


def test_section_defaults_fill_owner_and_period(fixture_site):
    fixture_site.write("standards/.meta.yml", "owner: standards-lead@example.org\nreview_every: P12M\n")
    fixture_site.write("standards/index.md", page("Standards", topics=["quality-standards"]))
    result = fixture_site.signpost("check", "--json")
    assert json.loads(result.stdout) == []
    from signpost.model import load_content_model
    model = load_content_model(fixture_site.root / "content", fixture_site.root / "data", use_cache=False)
    meta = model.page("standards/index.md")
    assert meta.owner == "standards-lead@example.org"
    assert str(meta.review_every) == "P12M"
    assert meta.review_by.isoformat() == "2027-10-01"


def test_bad_section_default_points_at_the_meta_file(fixture_site):
    fixture_site.write("standards/.meta.yml", "review_every: sometimes\ncolour: red\n")
    fixture_site.write("standards/index.md", page("Standards"))
    findings = _check_json(fixture_site)
    files = {(f["file"], f["line"], f["field"]) for f in findings}
    assert ("content/standards/.meta.yml", 1, "review_every") in files
    assert ("content/standards/.meta.yml", 2, "colour") in files


def test_future_review_date_is_an_error(fixture_site):
    fixture_site.write("index.md", page("Home", last_reviewed="2030-01-01"))
    findings = _check_json(fixture_site)
    assert any("in the future" in f["message"] for f in findings)


def test_check_passes_on_the_real_site():
    """`signpost check` (the pre-commit hook) finds no error in the real site and says so.

    Its speed (target < 2 s) is measured by `make bench`, not asserted here.
    """
    import json
    import subprocess
    import sys
    from sitebuilder import ROOT
    result = subprocess.run([sys.executable, "-m", "signpost.cli", "check"], cwd=ROOT, capture_output=True, text=True)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert "signpost: 0 errors" in result.stdout + result.stderr
    as_json = subprocess.run([sys.executable, "-m", "signpost.cli", "check", "--json"], cwd=ROOT,
                             capture_output=True, text=True)
    assert as_json.returncode == 0
    assert [f for f in json.loads(as_json.stdout) if f["severity"] == "error"] == []


def test_findings_are_shown_even_when_the_engine_aborts_first(fixture_site):
    fixture_site.write("index.md", page("Home", "See [the missing page](missing.md).", topics=["housng"]))
    result = fixture_site.build()
    assert not result.ok
    assert "unknown topic `housng`" in result.output, "our findings are printed although MkDocs aborted"
    assert result.output.count("unknown topic `housng`") == 1


def test_language_copies_are_skipped_as_the_engine_says(fixture_site):
    # `index.pl.md` is mkdocs-static-i18n's suffix layout: engine knowledge, handed to the model in its
    # settings. With the engine's settings the copy is no page; the engine-free model knows no layout.
    from signpost.engine.mkdocs.project import load_settings
    from signpost.model import load_content_model
    fixture_site.write("index.md", GOOD)
    fixture_site.write("index.pl.md", GOOD)
    folders = (fixture_site.root / "content", fixture_site.root / "data")
    model = load_content_model(*folders, use_cache=False, settings=load_settings(fixture_site.root))
    assert "index.md" in model.pages and "index.pl.md" not in model.pages
    assert "index.pl.md" in load_content_model(*folders, use_cache=False).pages
