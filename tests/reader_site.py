"""One small real-content site for the reader browser tests (test_reader_*.py, test_csp.py).

Built once per test session (whichever module, on whichever xdist worker, asks first: the
others wait and reuse it, `sitebuilder.shared_build`) from a sample of the real content
and its real translations: one page of every type (home, section index, content page, glossary,
topics page, directory home, category, A-Z, service pages, 404) in every language, so the tests
see real Urdu Nastaliq and Gurmukhi text in every theme region. Served over HTTP on 127.0.0.1
at a random port (`browser.serve`); one Chromium per test module (`browser.browser`). Modules
take the fixtures by importing them: `from reader_site import built, base_url`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import serve
from sitebuilder import ROOT, BuildResult, FixtureSite, real_content_today, session_cache, shared_build

LANGUAGES = ["en", "pl", "ro", "pa", "ur"]

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


def build_reader_site(cache: Path) -> BuildResult:
    """The sample, built once per session in `cache` (a failed build fails every test at once)."""
    result = shared_build(cache, "reader", _write_sample, _build, languages=LANGUAGES)
    assert result.ok, result.output
    return result


def _write_sample(site: FixtureSite) -> None:
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


def _build(site: FixtureSite) -> BuildResult:
    # A sample links to pages left out of it: broken links warn instead of failing the build.
    return site.build(strict=False, today=real_content_today(site.root / "content"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The reader site, built once per session."""
    return build_reader_site(session_cache(tmp_path_factory.getbasetemp()))


@pytest.fixture(scope="module")
def base_url(built):
    """The reader site over HTTP, one server per module."""
    with serve(built.site) as url:
        yield url
