"""Readers on a phone (Chromium at 390 px), in English, Urdu and Panjabi, on real content.

- Tap-to-call: numbers are tel: links that read left to right in Urdu; text-only numbers are not.
- Tall scripts: no text box in any theme region is clipped (Nastaliq, Gurmukhi); screenshots.
- No request fails and nothing is logged as an error, on every page type in every language.
- Service pages put the contact details near the top on phones.
- Print: in test_print.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import DIGIT_GROUPS_ON_SCREEN, PHONE_WIDTH, browser, phone_context  # noqa: F401 (pytest fixture)
from reader_site import LANGUAGES, PAGE_TYPES, base_url, built, language_root  # noqa: F401 (pytest fixtures)

pytestmark = pytest.mark.browser

# The theme regions whose text Material sizes for Latin script, by name.
REGIONS = {
    "header": ".md-header__title, .md-header__topic .md-ellipsis",
    "nav": ".md-nav--primary .md-nav__link, .md-nav--primary .md-nav__title",
    "toc": ".md-nav--secondary .md-nav__link",
    "tables": ".md-typeset table th, .md-typeset table td",
    "buttons": ".signpost-exit__button, .md-typeset .md-button, .md-typeset .sp-contacts a",
    "search": ".md-search__input, .md-search-result__meta, .md-search-result__article",
    "language menu": ".md-select__link",
    "footer": ".md-footer__link, .md-copyright, .signpost-feedback",
}

# For every visible element of a region: any text rectangle outside the box of an ancestor
# (or itself) that hides overflow, or a hidden-overflow box whose content is taller than it.
CLIPPED_TEXT = """
(selector) => {
  const problems = [];
  const hides = (v) => v === "hidden" || v === "clip";
  const clipOf = (node) => {
    let top = -Infinity, bottom = Infinity;
    for (let a = node; a && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      // Text in a scrolling box (search results, the drawer) is scrolled into view, not cut.
      if (style.overflowY === "auto" || style.overflowY === "scroll") break;
      if (hides(style.overflowY) || hides(style.overflow)) {
        const box = a.getBoundingClientRect();
        top = Math.max(top, box.top + a.clientTop);
        bottom = Math.min(bottom, box.top + a.clientTop + a.clientHeight);
      }
    }
    return {top, bottom};
  };
  for (const element of document.querySelectorAll(selector)) {
    const style = getComputedStyle(element);
    if (!element.getClientRects().length || style.visibility === "hidden") continue;
    const label = (element.innerText || element.value || element.placeholder || "").trim().slice(0, 40);
    if ((hides(style.overflowY) || hides(style.overflow)) && element.scrollHeight > element.clientHeight + 1) {
      problems.push(`${element.className}: content ${element.scrollHeight}px high in a ${element.clientHeight}px box: "${label}"`);
    }
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (!text.textContent.trim()) continue;
      const clip = clipOf(text.parentElement);
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const rect of range.getClientRects()) {
        if (rect.height && (rect.top < clip.top - 1 || rect.bottom > clip.bottom + 1)) {
          problems.push(`${text.parentElement.className || text.parentElement.tagName}: text cut `
                        + `(${Math.round(clip.top - rect.top)}px above, ${Math.round(rect.bottom - clip.bottom)}px below): `
                        + `"${text.textContent.trim().slice(0, 40)}"`);
          break;
        }
      }
    }
  }
  return problems;
}
"""

# Is the first character of the header title on screen? (An RTL box cuts English at its start.)
TITLE_START_VISIBLE = """
() => {
  const title = document.querySelector(".md-header__topic .md-ellipsis");
  const text = [...title.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim());
  const start = text.textContent.search(/\\S/);
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, start + 1);
  const glyph = range.getBoundingClientRect(), box = title.getBoundingClientRect();
  return glyph.left >= box.left - 1 && glyph.right <= box.right + 1;
}
"""


@pytest.fixture
def phone(browser):
    context = phone_context(browser)
    yield context.new_page()
    context.close()


# -- Tap-to-call ------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "ur"])
def test_numbers_are_tap_to_call_links_that_read_left_to_right(phone, base_url, language):
    phone.goto(base_url + language_root(language) + "about/contact/")
    calls = phone.locator(".md-content a[href^='tel:']")
    hrefs = calls.evaluate_all("(links) => links.map((a) => [a.getAttribute('href'), a.textContent.trim()])")
    assert ["tel:+441134960123", "0113 496 0123"] in [[h, t.strip("\u2066\u2069")] for h, t in hrefs]
    first = phone.locator(".md-content a[href='tel:+441134960123']").first
    assert first.evaluate(DIGIT_GROUPS_ON_SCREEN) == "0113 496 0123"
    assert first.evaluate("(a) => getComputedStyle(a).direction") == "ltr"
    # A text line is a text (sms:) link, not a call link.
    assert phone.locator(".md-content a[href='sms:+447700900123']").count() >= 1
    assert phone.locator(".md-content a[href='tel:+447700900123']").count() == 0


@pytest.mark.parametrize("language", ["en", "ur"])
def test_emergency_numbers_on_topic_pages_are_links(phone, base_url, language):
    phone.goto(base_url + language_root(language) + "local-info/health/")
    assert phone.locator(".md-content a[href='tel:999']").count() >= 1


@pytest.mark.parametrize("language", ["en", "ur"])
def test_service_contact_details_come_first_on_a_phone(phone, base_url, language):
    phone.goto(base_url + language_root(language) + PAGE_TYPES["service"])
    contacts = phone.locator(".md-typeset .sp-contacts").bounding_box()
    offer = phone.locator("#what-it-offers").bounding_box()
    assert contacts["y"] < offer["y"]
    assert contacts["y"] < 2 * PHONE_WIDTH["height"]


# -- Tall scripts -----------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["ur", "pa", "en"])
def test_no_text_box_is_clipped_in_any_region(phone, base_url, language, tmp_path_factory):
    shots = tmp_path_factory.mktemp(f"screenshots-{language}")
    problems = []
    for kind in ("home", "content page", "directory home", "service"):
        phone.goto(base_url + language_root(language) + PAGE_TYPES[kind])
        for region in ("header", "tables", "buttons", "footer"):
            problems += [f"{kind} {region}: {p}" for p in phone.evaluate(CLIPPED_TEXT, REGIONS[region])]
        phone.screenshot(path=shots / f"{kind.replace(' ', '-')}.png", full_page=True)
    # The drawer with the navigation, its table of contents and the language menu.
    phone.goto(base_url + language_root(language) + PAGE_TYPES["content page"])
    phone.click(".md-header label[for='__drawer']")
    expect(phone.locator(".md-sidebar--primary .md-nav__title").first).to_be_in_viewport(ratio=1)
    for region in ("nav", "toc"):
        problems += [f"drawer {region}: {p}" for p in phone.evaluate(CLIPPED_TEXT, REGIONS[region])]
    phone.screenshot(path=shots / "drawer.png")
    phone.keyboard.press("Escape")
    phone.goto(base_url + language_root(language))
    phone.click(".md-header__option .md-select, .md-header [aria-label] .md-select__inner", trial=True) \
        if phone.locator(".md-select").count() == 0 else phone.hover(".md-select")
    problems += [f"language menu: {p}" for p in phone.evaluate(CLIPPED_TEXT, REGIONS["language menu"])]
    # Search results (the service's name is in every language's pages).
    phone.click(".md-header label[for='__search']")
    phone.locator("input[data-md-component='search-query']").press_sequentially("Riverside")
    phone.locator(".md-search-result__list > *").first.wait_for(state="attached")
    problems += [f"search: {p}" for p in phone.evaluate(CLIPPED_TEXT, REGIONS["search"])]
    phone.screenshot(path=shots / "search.png")
    (shots / "problems.txt").write_text("\n".join(problems), encoding="utf-8")
    assert problems == [], f"screenshots and the full list in {shots}"
    assert phone.evaluate(TITLE_START_VISIBLE) if language == "ur" else True


def test_the_clipping_check_finds_clipped_urdu_without_the_fix(phone, base_url):
    """Guard: the same check on the same page, with reader.css withheld, reports the cut menu labels."""
    phone.route("**/assets/signpost/reader.css", lambda route: route.abort())
    phone.goto(base_url + "ur/" + PAGE_TYPES["content page"])
    phone.click(".md-header label[for='__drawer']")
    expect(phone.locator(".md-sidebar--primary .md-nav__title").first).to_be_in_viewport(ratio=1)
    problems = phone.evaluate(CLIPPED_TEXT, REGIONS["nav"]) + phone.evaluate(CLIPPED_TEXT, REGIONS["toc"])
    assert len(problems) >= 5, problems
    assert not phone.evaluate(TITLE_START_VISIBLE)


def test_urdu_uses_a_nastaliq_font(phone, base_url):
    """Which Urdu font Chromium draws with here (fonts-noto-core): Noto Nastaliq Urdu."""
    phone.goto(base_url + "ur/")
    session = phone.context.new_cdp_session(phone)
    session.send("DOM.enable")
    session.send("CSS.enable")
    document = session.send("DOM.getDocument")
    heading = session.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": ".md-content h2"})
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": heading["nodeId"]})["fonts"]
    assert fonts and fonts[0]["familyName"] == "Noto Nastaliq Urdu", fonts


def test_the_urdu_header_title_is_cut_at_its_end(phone, base_url):
    phone.goto(base_url + "ur/" + PAGE_TYPES["content page"])
    assert phone.evaluate(TITLE_START_VISIBLE)


# -- No failing request -----------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_no_request_fails_on_any_page_type(phone, base_url, language):
    problems = []
    phone.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    # ERR_ABORTED: the browser dropped a request because the test moved on to the next page.
    phone.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "") and problems.append(
        f"failed {r.url} ({r.failure})"))
    phone.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    phone.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    for kind, path in PAGE_TYPES.items():
        phone.goto(base_url + language_root(language) + path, wait_until="networkidle")
    assert problems == []
