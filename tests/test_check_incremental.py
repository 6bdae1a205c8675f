"""An incremental `signpost check` (only what an edit can affect is rendered again) equals a fresh build.

After each edit the check answers from its cache in `.cache/check/` plus a
build of the pages the edit can affect; its findings must be exactly those of
a fresh `signpost build` of the same files: a finding introduced, one fixed,
an anchor broken in a page that another (unedited) page links to, a linked
page deleted, a catalog edited. A damaged cache is ignored, never trusted, and
the check writes nothing outside `.cache/`.
"""

from __future__ import annotations

import json

from sitebuilder import page
from test_check_equals_build import PO, _build_findings

STATE = ".cache/check/state.json"


def _checked(check) -> list[str]:
    return sorted({f"{f['file']}{':' + str(f['line']) if f['line'] else ''}: {f['severity']}: "
                   f"{'[' + f['field'] + '] ' if f['field'] else ''}{f['message']}" for f in json.loads(check.stdout)})


def _assert_check_equals_build(site, *, incremental: bool) -> list[str]:
    check = site.signpost("check", "--json")
    build = site.signpost("build", "--jobs", "2")
    assert check.stdout.strip(), check.stderr
    assert ("pages checked again" in check.stderr) is incremental, check.stderr
    checked = _checked(check)
    assert checked == _build_findings(build.stderr)
    return checked


def _write_fixture(site) -> None:
    site.languages = ["en", "pl"]
    site.write("index.md", page("Home", "See [help](help.md#too-deep) and [the old page](old.md).",
                                topics=["about-service"]))
    site.write("help.md", page("Help", "Call 0113 496 0999 to book.\n\n#### Too deep\n\n[click here](index.md)"))
    site.write("old.md", page("Old page", "Text.", last_reviewed="2020-01-01"))
    site.write("odd.md", page("Odd page", "Text.", topics=["no-such-topic"]))
    site.write("pl/help.po", PO, under="translations")
    site.build()  # writes mkdocs.yml


def test_incremental_check_equals_a_fresh_build_after_each_edit(fixture_site):
    _write_fixture(fixture_site)
    first = _assert_check_equals_build(fixture_site, incremental=False)
    assert any("click here" in line for line in first)
    assert not any("too-deep" in line for line in first)  # the anchor exists at first

    # A finding introduced on one page, one fixed on another (which renames the linked heading:
    # the unedited home page's anchor `#too-deep` breaks).
    fixture_site.write("odd.md", page("Odd page", "Read [more](index.md).", topics=["no-such-topic"]))
    fixture_site.write("help.md", page("Help", "Call 0113 496 0999 to book.\n\n## Deep enough\n\n"
                                       "[the home page](index.md)"))
    second = _assert_check_equals_build(fixture_site, incremental=True)
    assert any("content/odd.md" in line and '"more"' in line for line in second)
    assert not any("click here" in line for line in second)
    assert any("content/index.md" in line and "too-deep" in line for line in second)

    # A catalog edited: the changed phone number is fixed.
    fixture_site.write("pl/help.po", PO.replace("0113 496 0000", "0113 496 0999"), under="translations")
    third = _assert_check_equals_build(fixture_site, incremental=True)
    assert not any("translations/pl/help.po" in line for line in third)

    # A linked page deleted: the home page's link to it breaks.
    (fixture_site.root / "content" / "old.md").unlink()
    fourth = _assert_check_equals_build(fixture_site, incremental=False)  # a file less: all
    assert any("content/index.md" in line and "old.md" in line for line in fourth)
    assert not any("content/old.md" in line for line in fourth)


def test_a_damaged_cache_is_ignored_and_nothing_is_written_outside_the_cache(fixture_site):
    fixture_site.write("index.md", page("Home", "[click here](index.md)"))
    fixture_site.build()
    before = _files_outside_cache(fixture_site.root)
    good = fixture_site.signpost("check", "--json")
    assert "click here" in good.stdout
    state = fixture_site.root / STATE
    stored = json.loads(state.read_text(encoding="utf-8"))

    # A state whose findings were altered (or half written) no longer matches its checksum.
    state.write_text(json.dumps({**stored, "state": stored["state"].replace("click here", "tap here")}),
                     encoding="utf-8")
    assert json.loads(fixture_site.signpost("check", "--json").stdout) == json.loads(good.stdout)
    state.write_text(state.read_text(encoding="utf-8")[:200], encoding="utf-8")  # cut off
    assert json.loads(fixture_site.signpost("check", "--json").stdout) == json.loads(good.stdout)
    state.write_text("[]", encoding="utf-8")
    assert json.loads(fixture_site.signpost("check", "--json").stdout) == json.loads(good.stdout)
    assert _files_outside_cache(fixture_site.root) == before
    leftovers = sorted(p.name for p in (fixture_site.root / ".cache" / "check").iterdir())
    assert leftovers == ["state.json", "templates"]  # no staging site or plan left behind


def test_a_cache_folder_pointing_outside_the_project_is_refused(fixture_site, tmp_path):
    fixture_site.write("index.md", page("Home", "Text."))
    fixture_site.build()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (fixture_site.root / ".cache").mkdir(exist_ok=True)
    (fixture_site.root / ".cache" / "check").symlink_to(outside)
    check = fixture_site.signpost("check")
    assert check.returncode != 0
    assert "outside the project" in check.stderr
    assert list(outside.iterdir()) == []


def _files_outside_cache(root) -> dict[str, float]:
    return {str(p.relative_to(root)): p.stat().st_mtime for p in root.rglob("*")
            if p.is_file() and ".cache" not in p.relative_to(root).parts}


def test_a_new_commit_is_a_change_for_the_check(fixture_site):
    # "Edited after its last review" is read from the git history: committing an edit changes the
    # findings although no file changed, so the check must not answer from its cache.
    fixture_site.write("index.md", page("Home", "Text.", last_reviewed="2026-10-01"))
    fixture_site.build()
    _git(fixture_site, "init", "-q")
    _git(fixture_site, "add", "content")
    _git(fixture_site, "commit", "-qm", "Home")
    _assert_check_equals_build(fixture_site, incremental=False)
    fixture_site.write("index.md", page("Home", "Text, and more text.", last_reviewed="2026-10-01"))
    edited = _assert_check_equals_build(fixture_site, incremental=True)
    assert not any("after its last review" in line for line in edited)  # not committed yet
    _git(fixture_site, "commit", "-qam", "More text on the home page")
    committed = _assert_check_equals_build(fixture_site, incremental=True)
    assert any("content/index.md" in line and "after its last review" in line for line in committed)


def _git(site, *arguments: str) -> None:
    done = site.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *arguments])
    assert done.returncode == 0, done.stderr
