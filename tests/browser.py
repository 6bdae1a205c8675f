"""The one way browser tests start Chromium and serve a built site (every test_*_browser.py, test_csp.py).

Debian's Chromium through Playwright (never a downloaded browser), with the flags that keep it
quiet offline and working as root; a built `site/` over HTTP on 127.0.0.1 (a `file://` run
misses problems, e.g. the search dialog). Modules take the `browser` fixture by importing it:
`from browser import browser  # noqa: F401 (pytest fixture)`.
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying to reach the (closed) network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE_WIDTH = {"width": 390, "height": 844}


@contextmanager
def launch_chromium():
    """Debian's Chromium through Playwright; skips the test when either is missing."""
    if not Path(CHROMIUM).exists():
        pytest.skip("needs /usr/bin/chromium (apt-get install -y chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module."""
    with launch_chromium() as chromium:
        yield chromium


def phone_context(browser, **options):
    """A browser context the size of a cheap phone (390 px wide, touch)."""
    context = browser.new_context(viewport=PHONE_WIDTH, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  **options)
    context.set_default_timeout(10_000)
    return context


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder: Path):
    """The folder over HTTP on 127.0.0.1 (random port); yields the base URL, ending in "/"."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


# The left-to-right screen order of the digit groups of a link's text.
DIGIT_GROUPS_ON_SCREEN = """
(link) => {
  const groups = [];
  const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (const match of text.textContent.matchAll(/\\d+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      groups.push([range.getBoundingClientRect().left, match[0]]);
    }
  }
  return groups.sort((a, b) => a[0] - b[0]).map((g) => g[1]).join(" ");
}
"""
