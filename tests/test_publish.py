"""`signpost publish`: refuses a build with findings, swaps the site in atomically, keeps the old copy on failure.

The browser check report comes from `signpost a11y` with the fake driver of
test_a11y.py (the real browser run is test_a11y_browser.py's job): publish
must trust only a report that covers exactly the HTML it is about to publish.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from sitebuilder import FixtureSite, page
from signpost.atomic_publish import MARKER, PublishError, publish_folder
from test_a11y import FAKE_DRIVER


@pytest.fixture
def project(tmp_path):
    """A built, browser-checked fixture site, and helpers to check and publish it."""
    site = FixtureSite(tmp_path / "project")
    site.write("index.md", page("Home", "Welcome. See [how to complain](complaints.md)."))
    site.write("complaints.md", page("Complaints", "Tell us what went wrong."))
    driver = tmp_path / "fake_driver.py"
    driver.write_text(FAKE_DRIVER, encoding="utf-8")
    env = {"SIGNPOST_PA11Y_DRIVER": f"{sys.executable} {driver}", "FAKE_LOG": str(tmp_path / "log"),
           "FAKE_STATE": str(tmp_path / "state")}

    class Project:
        root = site.root
        dest = tmp_path / "www" / "riverside"

        def build_and_check(self, *args, **fake_env):
            assert site.build().ok
            return site.signpost("a11y", *args, env={**env, **fake_env})

        def publish(self, *args, today="2026-11-22"):
            return site.signpost("publish", "--dest", str(self.dest), *args, today=today)

        def write(self, *args):
            site.write(*args)

    return Project()


def test_publishes_a_checked_site_and_swaps_the_whole_folder(project):
    assert project.build_and_check().returncode == 0
    first = project.publish()
    assert first.returncode == 0, first.stderr
    assert "Tell us what went wrong." in (project.dest / "complaints" / "index.html").read_text()
    assert (project.dest / MARKER).is_file()
    live_inode = os.stat(project.dest).st_ino
    (project.dest / "left-from-old-site.html").write_text("old")
    project.write("complaints.md", page("Complaints", "Tell us what went wrong. We answer in 10 days."))
    assert project.build_and_check().returncode == 0
    second = project.publish()
    assert second.returncode == 0, second.stderr
    # A new folder was renamed into place: the live path is another folder, holding only the
    # new site; the old folder itself (same inode, untouched) is kept as the previous copy.
    previous = project.dest.with_name(".riverside.previous")
    assert os.stat(project.dest).st_ino != live_inode and os.stat(previous).st_ino == live_inode
    assert "We answer in 10 days." in (project.dest / "complaints" / "index.html").read_text()
    assert not (project.dest / "left-from-old-site.html").exists()
    assert (previous / "left-from-old-site.html").exists()
    assert "We answer in 10 days." not in (previous / "complaints" / "index.html").read_text()
    assert [p.name for p in project.dest.parent.iterdir() if "incoming" in p.name] == []


def test_refuses_a_build_whose_pages_are_overdue_and_keeps_the_live_copy(project):
    assert project.build_and_check().returncode == 0
    assert project.publish().returncode == 0
    before = {p: p.read_bytes() for p in project.dest.rglob("*") if p.is_file()}
    # Nobody touched the site, but time passed: the pages are now overdue for review.
    refused = project.publish(today="2028-01-01")
    assert refused.returncode == 1
    assert "refused, this build has findings; nothing was published" in refused.stderr
    assert "content/complaints.md" in refused.stderr and "overdue" in refused.stderr.lower()
    assert {p: p.read_bytes() for p in project.dest.rglob("*") if p.is_file()} == before


def test_refuses_without_a_passing_browser_check_of_this_html(project):
    assert project.build_and_check(FAKE_ISSUE="complaints/ dark").returncode == 1
    failed = project.publish()
    assert failed.returncode == 1 and "1 accessibility error(s)" in failed.stderr
    assert not project.dest.exists()
    # A clean report, but for other HTML (the page changed after the browser check).
    assert project.build_and_check("--no-cache").returncode == 0
    built = project.root / "site" / "complaints" / "index.html"
    built.write_text(built.read_text().replace("Tell us", "Now tell us"))
    stale = project.publish()
    assert stale.returncode == 1 and "were not checked, or were checked on different HTML" in stale.stderr
    (project.root / "reports" / "a11y.json").unlink()
    missing = project.publish()
    assert missing.returncode == 1 and "no browser check report" in missing.stderr
    assert not project.dest.exists()


def test_a_failed_copy_leaves_the_previous_copy_intact(project):
    assert project.build_and_check().returncode == 0
    assert project.publish().returncode == 0
    live_inode = os.stat(project.dest).st_ino
    before = {p: p.read_bytes() for p in project.dest.rglob("*") if p.is_file()}
    (project.root / "site" / "broken-link").symlink_to(project.root / "nowhere")   # cannot be copied
    failed = project.publish()
    assert failed.returncode == 1
    assert "could not be copied" in failed.stderr and "the published folder is unchanged" in failed.stderr
    assert os.stat(project.dest).st_ino == live_inode
    assert {p: p.read_bytes() for p in project.dest.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in project.dest.parent.iterdir()) == [".riverside.lock", "riverside"]


def test_a_failed_swap_rolls_back(tmp_path, monkeypatch):
    import signpost.atomic_publish as atomic
    site, dest = tmp_path / "site", tmp_path / "www"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("new")
    publish_folder(site, dest)
    (site / "index.html").write_text("newer")
    monkeypatch.setattr(atomic, "exchange", lambda a, b: False)          # a system without renameat2
    real_rename = os.rename

    def rename(src, dst):
        if str(src).endswith(f"incoming-{os.getpid()}") and str(dst) == str(dest):
            raise OSError(28, "No space left on device")
        real_rename(src, dst)
    monkeypatch.setattr(atomic.os, "rename", rename)
    with pytest.raises(PublishError, match="the published folder is unchanged"):
        publish_folder(site, dest)
    assert (dest / "index.html").read_text() == "new"
    assert not any("incoming" in p.name for p in tmp_path.iterdir())


def test_refuses_to_swap_away_a_folder_it_did_not_publish(tmp_path):
    site, dest = tmp_path / "site", tmp_path / "home"
    site.mkdir()
    (site / "index.html").write_text("x")
    dest.mkdir()
    (dest / "thesis.txt").write_text("precious")
    with pytest.raises(PublishError, match="did not publish"):
        publish_folder(site, dest)
    with pytest.raises(PublishError, match="publish somewhere else"):
        publish_folder(site, tmp_path)
    with pytest.raises(PublishError, match="root of the file system"):
        publish_folder(site, Path("/"))
    assert (dest / "thesis.txt").read_text() == "precious"


def test_make_publish_needs_a_destination():
    import subprocess
    from sitebuilder import ROOT
    run = subprocess.run(["make", "-s", "-C", str(ROOT), "publish", "DEST="], capture_output=True, text=True)
    assert run.returncode != 0 and "make publish DEST=" in run.stderr
