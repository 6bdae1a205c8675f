"""`signpost serve`: a saved page is re-rendered alone, with its findings; other changes rebuild the preview."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import yaml

from signpost.translations.catalogs import read_catalog
from signpost.translations.po_format import po_text
from sitebuilder import page

#: Generous: these waits are for a busy CI machine, not a speed target (that is benchmarks/preview_reload.py).
WAIT_SECONDS = 240


def test_a_saved_page_shows_its_change_and_findings_and_data_edits_rebuild(fixture_site, tmp_path):
    fixture_site.write("index.md", page("Home", "Welcome.", topics=["about-service"]))
    fixture_site.write("about/contact.md", page("Contact us", "First version. Thursday: {{ fact.centre.drop-in-thu }}."))
    (fixture_site.root / "mkdocs.yml").write_text(yaml.safe_dump(fixture_site.mkdocs_config(), sort_keys=False,
                                                                 allow_unicode=True), encoding="utf-8")
    log = tmp_path / "serve.log"
    server, url = _start(fixture_site.root, log)
    try:
        contact = f"{url}about/contact/"
        html = _wait_for(contact, "First version.", server, log)
        assert "10am to 8pm" in html
        assert "signpost-findings" not in html

        # A finding the edit brings in is on the page (and a refused script is not).
        fixture_site.write("about/contact.md", page(
            "Contact us", "Second version. For more, [click here](../index.md).\n\n<script>alert('x')</script>"))
        html = _wait_for(contact, "Second version.", server, log)
        assert 'click here' in _findings_box(html)
        assert "&lt;script&gt;" in _findings_box(html)  # named in the box, as text
        assert "alert('x')" not in _outside_box(html)
        assert "re-rendered about/contact.md" in log.read_text(encoding="utf-8")  # the page alone, not a full build

        # Fixing it takes the finding away; a skipped heading level is found the same way.
        fixture_site.write("about/contact.md", page(
            "Contact us", "Third version. Read [the home page](../index.md).\n\n### Too deep\n\nText."))
        html = _wait_for(contact, "Third version.", server, log)
        assert "click here" not in html
        assert "Too deep" in _findings_box(html)

        fixture_site.write("about/contact.md", page(
            "Contact us", "Fourth version. Thursday: {{ fact.centre.drop-in-thu }}.\n\n## Just right\n\nText."))
        html = _wait_for(contact, "Fourth version.", server, log)
        assert "signpost-findings" not in html

        # Front matter: the page shows at once, then the whole preview is rebuilt (review dates, navigation).
        fixture_site.write("about/contact.md", page(
            "Contact the team", "Fourth version. Thursday: {{ fact.centre.drop-in-thu }}.\n\n## Just right\n\nText."))
        html = _wait_for(contact, "Contact the team", server, log)
        assert "front matter changed" in log.read_text(encoding="utf-8")
        _wait_for_log(log, "full preview build", 2, server)

        # A data file the page is made from: the preview is rebuilt, and the page shows the new value.
        facts = fixture_site.root / "data" / "facts.yml"
        facts.write_text(facts.read_text(encoding="utf-8").replace("drop-in-thu: 10am to 8pm",
                                                                   "drop-in-thu: 10am to 9pm"), encoding="utf-8")
        html = _wait_for(contact, "10am to 9pm", server, log)
        assert "Fourth version." in html
        assert server.poll() is None
    finally:
        _stop(server)
    assert not [name for name in os.listdir(tmp_path) if name.startswith("signpost_preview_")]


def test_a_preview_of_another_language_is_translated_and_follows_saves(fixture_site, tmp_path):
    fixture_site.languages = ["en", "ur"]
    fixture_site.write("index.md", page("Home", "Welcome.", topics=["about-service"]))
    fixture_site.write("about/contact.md", page("Contact us", "First version."))
    (fixture_site.root / "mkdocs.yml").write_text(yaml.safe_dump(fixture_site.mkdocs_config(), sort_keys=False,
                                                                 allow_unicode=True), encoding="utf-8")
    extract = fixture_site.signpost("translations", "extract")
    assert extract.returncode == 0, extract.stdout + extract.stderr
    catalog = fixture_site.root / "translations" / "ur" / "about" / "contact.po"
    po, findings = read_catalog(catalog, "ur")
    assert po is not None, findings
    po["Contact us"].string = "ہم سے رابطہ"
    catalog.write_text(po_text(po), encoding="utf-8")
    log = tmp_path / "serve.log"
    server, url = _start(fixture_site.root, log, "--lang", "ur")
    try:
        contact = f"{url}about/contact/"  # one language, at the site root
        html = _wait_for(contact, "First version.", server, log)
        assert '<html lang="ur"' in html and 'dir="rtl"' in html
        assert re.search(r"<h1[^>]*>ہم سے رابطہ</h1>", html)  # translated from the English page's catalog

        fixture_site.write("about/contact.md", page("Contact us", "Second version. Please [click here](../index.md)."))
        html = _wait_for(contact, "Second version.", server, log)
        assert re.search(r"<h1[^>]*>ہم سے رابطہ</h1>", html)
        assert "click here" in _findings_box(html)
        assert "re-rendered about/contact.md" in log.read_text(encoding="utf-8")

        # A translator saves the page's catalog: the page alone is translated again.
        po, findings = read_catalog(catalog, "ur")
        po["Contact us"].string = "رابطہ کریں"
        catalog.write_text(po_text(po), encoding="utf-8")
        html = _wait_for(contact, "رابطہ کریں", server, log)
        assert "click here" in _findings_box(html)  # the page's own findings are still shown
        assert log.read_text(encoding="utf-8").count("re-rendered about/contact.md") == 2
        assert log.read_text(encoding="utf-8").count("full preview build") == 1
    finally:
        _stop(server)


# Helpers ------------------------------------------------------------------------------------------

def _start(project, log, *options: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SIGNPOST_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1", "SIGNPOST_COVERAGE": "report",
           "TMPDIR": str(log.parent)}  # the preview's temporary site, checked for clean-up at the end
    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen([sys.executable, "-m", "signpost.cli", "serve", "--addr", f"127.0.0.1:{port}", *options],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    return server, f"http://127.0.0.1:{port}/"


def _wait_for(url: str, text: str, server: subprocess.Popen, log) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(encoding="utf-8")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                html = response.read().decode("utf-8")
            if text in html:
                return html
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}:\n{log.read_text(encoding='utf-8')[-3000:]}")


def _wait_for_log(log, text: str, times: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while log.read_text(encoding="utf-8").count(text) < times:
        assert server.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")[-3000:]
        time.sleep(0.2)


def _findings_box(html: str) -> str:
    return " ".join(re.findall(r'<div class="[^"]*signpost-findings.*?</div>', html, flags=re.S))


def _outside_box(html: str) -> str:
    return re.sub(r'<div class="[^"]*signpost-findings.*?</div>', "", html, flags=re.S)


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=30)
