"""One small real-content site for the reader browser tests (test_reader_*.py, test_csp.py).

Built once per test process (whichever module asks first) from a sample of the real content
and its real translations: one page of every type (home, section index, content page, glossary,
topics page, directory home, category, A-Z, service pages, 404) in every language, so the tests
see real Urdu Nastaliq and Gurmukhi text in every theme region. Served over HTTP on 127.0.0.1
at a random port; one Chromium per test module (`launch_chromium`).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

from sitebuilder import ROOT, BuildResult, FixtureSite

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LANGUAGES = ["en", "pl", "ro", "pa", "ur"]
PHONE_WIDTH = {"width": 390, "height": 844}

CONTENT = ["index.md", "glossary.md", "about", "parents-carers/index.md", "local-info/index.md",
           "local-info/health.md", "local-info/sexual-health.md",
           # The registries services refer to.
           "local-info/organisations", "local-info/locations"]
SERVICES = ["sexual-health-text-line", "riverside-youth-information-centre", "riverside-sexual-health-clinic"]

# One page of every type, as URL paths under a language's root.
PAGE_TYPES = {
    "home": "",
    "section index": "about/",
    "content page": "about/contact/",
    "topic page": "local-info/sexual-health/",
    "glossary": "glossary/",
    "topics A-Z": "topics/",
    "directory home": "local-info/services/",
    "directory category": "local-info/services/categories/sexual-health/",
    "directory A-Z": "local-info/services/a-z/",
    "service": "local-info/services/sexual-health-text-line/",
    "404": "404.html",
}


def language_root(language: str) -> str:
    return "" if language == "en" else f"{language}/"


def build_reader_site(base: Path) -> BuildResult:
    """Build the sample into `base` (once per process; a failed build fails every test at once)."""
    result = _build_once(base)
    assert result.ok, result.output
    return result


@functools.cache
def _build_once(base: Path) -> BuildResult:
    site = FixtureSite(base / "project", languages=LANGUAGES)
    for name in CONTENT:
        source = ROOT / "content" / name
        if source.is_dir():
            shutil.copytree(source, site.root / "content" / name, dirs_exist_ok=True)
        else:
            (site.root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, site.root / "content" / name)
    services = site.root / "content" / "local-info" / "services"
    services.mkdir(parents=True, exist_ok=True)
    for slug in SERVICES:
        shutil.copy(ROOT / "content" / "local-info" / "services" / f"{slug}.md", services / f"{slug}.md")
    for language in LANGUAGES[1:]:
        for po in (ROOT / "translations" / language).rglob("*.po"):
            relative = po.relative_to(ROOT / "translations" / language)
            page = relative.with_suffix(".md")
            wanted = relative.name == "interface.po" or (site.root / "content" / page).exists() or \
                (site.root / "content" / page.with_suffix("") / "index.md").exists()
            if wanted:
                target = site.root / "translations" / language / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(po, target)
    # A sample links to pages left out of it: broken links warn instead of failing the build.
    return site.build(strict=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder: Path):
    """The folder over HTTP on 127.0.0.1 (random port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def launch_chromium():
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    import pytest
    if not Path(CHROMIUM).exists():
        pytest.skip("needs /usr/bin/chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
