"""Publishing under concurrency: site/ is never missing or half-written, no staging folder stays behind."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time

import pytest
from sitebuilder import FixtureSite, page

from signpost.safety import publishing


def _site(folder, marker: str):
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(marker, encoding="utf-8")
    return folder


@pytest.mark.parametrize("exchange", ["atomic", "fallback-without-exchange"])
def test_publish_swaps_and_leaves_nothing_behind(tmp_path, monkeypatch, exchange):
    if exchange != "atomic":  # no renameat2(RENAME_EXCHANGE) here: the two-rename fallback must publish too
        monkeypatch.setattr(publishing, "_exchange", lambda a, b: False)
    site = _site(tmp_path / "site", "old")
    staging = publishing.new_staging(site)
    (staging / "index.html").write_text("new", encoding="utf-8")
    publishing.publish(staging, site)
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_recover_puts_back_a_site_a_killed_swap_moved_aside_and_removes_staging(tmp_path):
    site = tmp_path / "site"
    _site(publishing.old_path(site), "previous")  # killed between the two renames of the fallback swap
    half = publishing.new_staging(site)
    (half / "half.html").write_text("half", encoding="utf-8")
    half.with_name(half.name + "-worker1").mkdir()            # a parallel build's worker folder
    half.with_name(half.name + "-worker1.json").write_text("[]")  # and its findings file
    publishing.recover(site)
    assert (site / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _start_build(site_project) -> subprocess.Popen:
    environment = {**os.environ, "SIGNPOST_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1",
                   "SIGNPOST_COVERAGE": "report"}
    return subprocess.Popen([sys.executable, "-m", "signpost.cli", "build"], cwd=site_project.root, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _leftovers(root):
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site") and p.name != ".site.lock")


def _prepared(fixture_site):
    fixture_site.write("index.md", page("Home", "Welcome."))
    for number in range(6):
        fixture_site.write(f"topic-{number}.md", page(f"Topic {number}", "Some words. " * 40))
    first = fixture_site.build()  # writes mkdocs.yml
    assert first.ok, first.output
    result = fixture_site.signpost("build")
    assert result.returncode == 0, result.stderr
    return (fixture_site.root / "site" / "index.html").read_text(encoding="utf-8")


def test_a_build_killed_mid_way_leaves_the_old_site_whole_and_the_next_build_cleans_up(tmp_path):
    # Two languages: `signpost build` runs one MkDocs worker per language (--jobs), each must die with it.
    fixture_site = FixtureSite(tmp_path / "project", languages=["en", "pl"])
    before = _prepared(fixture_site)
    root = fixture_site.root
    build = _start_build(fixture_site)
    # Wait until the build is writing its staging folder, then kill it without warning.
    while build.poll() is None and not any(root.glob(".site-building-*/*/*")):
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before it could be killed"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == before
    # The mkdocs child dies with its parent and releases the lock it inherited.
    with open(root / ".site.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
    assert _leftovers(root), "the killed build should have left its staging folder for the next build to clean"
    again = fixture_site.signpost("build")
    assert again.returncode == 0, again.stderr
    assert _leftovers(root) == []
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == before


def test_two_builds_at_once_both_publish_a_whole_site_one_after_the_other(fixture_site):
    before = _prepared(fixture_site)
    root = fixture_site.root
    builds = [_start_build(fixture_site), _start_build(fixture_site)]
    outputs = [build.communicate() for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outputs
    assert any("another build is running" in err for _, err in outputs)
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == before
    assert (root / "site" / "topic-5" / "index.html").is_file()
    assert _leftovers(root) == []
