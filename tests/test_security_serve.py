"""`mkdocs serve` previews keep going with hostile input, show the findings, and render nothing refused."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import yaml
from security_corpus import LINK_PAYLOADS, MARKUP_PAYLOADS, executable_markup, our_scripts
from sitebuilder import page


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, server: subprocess.Popen) -> str:
    # Wait for the first build of the preview (a wait, not a timed assertion).
    for _ in range(1200):
        assert server.poll() is None, server.stderr.read()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.25)
    raise AssertionError(f"mkdocs serve never answered {url}")


def test_serve_shows_findings_and_renders_no_executable_markup(fixture_site):
    body = "\n\n".join(MARKUP_PAYLOADS + [f"[link]({target})" for target in LINK_PAYLOADS])
    fixture_site.write("index.md", page("Home", "A clean page."))
    fixture_site.write("hostile.md", page("Hostile", body))
    (fixture_site.root / "mkdocs.yml").write_text(yaml.safe_dump(fixture_site.mkdocs_config(), sort_keys=False),
                                                  encoding="utf-8")
    port = _free_port()
    environment = {**os.environ, "SIGNPOST_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1",
                   "SIGNPOST_COVERAGE": "report"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=fixture_site.root, env=environment, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        home = _get(f"http://127.0.0.1:{port}/", server)
        hostile = _get(f"http://127.0.0.1:{port}/hostile/", server)
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert executable_markup(hostile, our_scripts(home)) == []
    assert "signpost-findings" in hostile and "raw HTML `&lt;script&gt;`" in hostile  # the preview says why
