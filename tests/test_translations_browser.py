"""Translations in a real browser (Debian's Chromium): per-language search, scripts' fonts, no third party."""

from __future__ import annotations

import pytest

from browser import browser, serve  # noqa: F401 (pytest fixture)
from test_translations import TRANSLATED_PL, multilingual, translate

pytestmark = pytest.mark.browser


@pytest.fixture
def served_site(fixture_site):
    site = multilingual(fixture_site)
    translate(site, "pl", "charter/index.po", TRANSLATED_PL)
    translate(site, "ur", "charter/index.po", {"Our charter": "ہمارا چارٹر", "Aims": "مقاصد",
                                               "We help young people in Riverside.": "ہم ریور سائیڈ میں نوجوانوں کی مدد کرتے ہیں۔"})
    result = site.build()
    assert result.ok, result.output
    with serve(result.site) as url:
        yield url.rstrip("/")


def search(page, url: str, query: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("s")
    page.wait_for_timeout(300)
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # Material searches on key events, which fill() alone does not send
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(400)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


def test_search_on_polish_pages_finds_polish_pages_only(served_site, browser):
    page = browser.new_page()
    polish = search(page, f"{served_site}/pl/charter/", "Pomagamy")
    assert polish and all(url.startswith(f"{served_site}/pl/") for url in polish), polish
    # English fallback text of Polish pages is found too, still on the Polish pages.
    fallback = search(page, f"{served_site}/pl/charter/", "private")
    assert fallback and all(url.startswith(f"{served_site}/pl/") for url in fallback), fallback
    # Urdu words find the Urdu pages, with Urdu URLs (no trimmer or stemmer cutting the script apart).
    urdu = search(page, f"{served_site}/ur/charter/", "مقاصد")
    assert urdu and all(url.startswith(f"{served_site}/ur/charter/") for url in urdu), urdu
    # The English site does not show Polish duplicates.
    english = search(page, f"{served_site}/charter/", "private")
    assert english and not any("/pl/" in url or "/ur/" in url for url in english), english


def test_urdu_uses_a_nastaliq_or_naskh_font_and_nothing_from_third_parties(served_site, browser):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{served_site}/ur/charter/")
    page.wait_for_load_state("networkidle")
    body_font = page.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).fontFamily")
    assert body_font.startswith('"Noto Nastaliq Urdu"'), body_font
    assert page.evaluate("document.fonts.check('16px \"Noto Nastaliq Urdu\"')")
    # English fallback blocks inside the Urdu page use a Latin font, left to right.
    fallback = page.locator("p[lang=en]").first
    assert fallback.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert "Nastaliq" not in fallback.evaluate("e => getComputedStyle(e).fontFamily")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert all(url.startswith(served_site) for url in requests), [u for u in requests if not u.startswith(served_site)]
