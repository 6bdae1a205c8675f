"""Safe publishing, the editors' CLI, the published schema and the serve preview."""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from signpost.engine import build_command
from sitebuilder import ROOT, page


def _tree_digest(folder) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_failed_build_leaves_previous_site_untouched(fixture_site):
    fixture_site.write("index.md", page("Home", "First version.", topics=["about-service"]))
    fixture_site.build()  # writes mkdocs.yml
    first = fixture_site.signpost("build")
    assert first.returncode == 0, first.stderr
    before = _tree_digest(fixture_site.root / "site")
    assert "First version." in (fixture_site.root / "site/index.html").read_text()

    fixture_site.write("index.md", page("Home", "Second version.", topics=["no-such-topic"]))
    second = fixture_site.signpost("build")
    assert second.returncode != 0
    assert "nothing was published" in second.stderr
    assert _tree_digest(fixture_site.root / "site") == before
    assert not list(fixture_site.root.glob(".site-building-*")), "the staging folder is cleaned up"


def test_successful_build_replaces_site(fixture_site):
    fixture_site.write("index.md", page("Home", "Version one.", topics=["about-service"]))
    fixture_site.build()
    assert fixture_site.signpost("build").returncode == 0
    fixture_site.write("index.md", page("Home", "Version two.", topics=["about-service"]))
    assert fixture_site.signpost("build").returncode == 0
    assert "Version two." in (fixture_site.root / "site/index.html").read_text()


def test_build_never_writes_into_content(fixture_site):
    fixture_site.write("index.md", page("Home", topics=["about-service"]))
    before = _tree_digest(fixture_site.root / "content")
    assert fixture_site.build().ok
    assert _tree_digest(fixture_site.root / "content") == before


def test_new_page_is_valid_and_never_overwrites(fixture_site):
    fixture_site.write("local-info/.meta.yml", "owner: topics-team@example.org\nreview_every: P3M\n")
    created = fixture_site.signpost("new", "page", "local-info/bullying.md", today="2026-11-22")
    assert created.returncode == 0, created.stderr
    text = (fixture_site.root / "content/local-info/bullying.md").read_text()
    assert "last_reviewed: 2026-11-22" in text
    assert "owner:" not in text and "review_every:" not in text, "section defaults are not repeated"
    check = fixture_site.signpost("check", "--json")
    assert json.loads(check.stdout) == [], check.stdout

    (fixture_site.root / "content/local-info/bullying.md").write_text(text + "\nMy edits.\n")
    again = fixture_site.signpost("new", "page", "local-info/bullying.md")
    assert again.returncode == 1 and "already exists" in again.stderr + again.stdout
    assert "My edits." in (fixture_site.root / "content/local-info/bullying.md").read_text()


def test_published_page_schema_matches_the_code():
    from signpost.model.schema import schema_json
    assert (ROOT / "docs/schema/page.schema.json").read_text(encoding="utf-8") == schema_json(), \
        "regenerate with: .venv/bin/python -m signpost.model.schema > docs/schema/page.schema.json"


def test_bad_signpost_today_is_a_clear_error(fixture_site):
    fixture_site.write("index.md", page("Home", topics=["about-service"]))
    result = fixture_site.signpost("check", today="2026-13-45")
    assert result.returncode != 0
    assert "SIGNPOST_TODAY" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_keeps_running_and_shows_findings_on_the_page(fixture_site):
    fixture_site.write("index.md", page("Home", topics=["about-service"]))
    fixture_site.write("broken.md", page("Broken", topics=["housng"]))
    fixture_site.build(strict=False)  # writes mkdocs.yml
    port = _free_port()
    server = subprocess.Popen(
        [*build_command(sys.executable), "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=fixture_site.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**__import__("os").environ, "SIGNPOST_TODAY": "2026-11-22"},
    )
    try:
        body = None
        for _ in range(60):
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/broken/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert body is not None, "mkdocs serve did not come up"
        assert server.poll() is None, "the preview keeps running despite errors"
        assert "signpost-findings" in body and "unknown topic `housng`" in body
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert "WARNING" in output and "housng" in output


def test_the_chosen_engine_is_the_one_that_builds(monkeypatch):
    # `make test ENGINE=properdocs` must really run ProperDocs, not fall back to MkDocs.
    from signpost.engine import engine_name
    for name, version in (("mkdocs", "1.6.1"), ("properdocs", "1.6.7")):
        monkeypatch.setenv("SIGNPOST_ENGINE", name)
        assert engine_name() == name
        result = subprocess.run([*build_command(sys.executable), "--version"], capture_output=True, text=True)
        assert result.returncode == 0 and f"-m {name}, version {version}" in result.stdout
    monkeypatch.setenv("SIGNPOST_ENGINE", "zensical")
    with pytest.raises(ValueError, match="not an engine signpost supports"):
        build_command(sys.executable)
