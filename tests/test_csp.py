"""The Content-Security-Policy: every page ships it, and the site works under it in a real browser.

Chromium loads one page of every type in English and Urdu (reader_site.py), opens the menu and
runs a search, and the test fails on any `securitypolicyviolation` event or console error.
"""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from browser import PHONE_WIDTH, browser  # noqa: F401 (pytest fixture)
from reader_site import PAGE_TYPES, base_url, built, language_root  # noqa: F401 (pytest fixtures)

EXPECTED_POLICY = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self' data:",
    "font-src": "'self'", "connect-src": "'self'", "object-src": "'none'", "base-uri": "'self'",
}
SAMPLE = [(language, kind, language_root(language) + path)
          for language in ("en", "ur") for kind, path in PAGE_TYPES.items()]

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
                           + `(${event.sourceFile}:${event.lineNumber})`);
});
"""


def policy_of(html: str) -> dict[str, str]:
    meta = LexborHTMLParser(html).css_first('head meta[http-equiv="Content-Security-Policy"]')
    assert meta is not None, "no CSP meta tag"
    directives = [part.strip().split(None, 1) for part in meta.attributes["content"].split(";") if part.strip()]
    return {name: value for name, value in directives}


@pytest.mark.parametrize("language, kind, url_path", SAMPLE)
def test_every_page_ships_the_policy_and_no_inline_script(built, language, kind, url_path):
    html = built.html(url_path)
    policy = policy_of(html)
    assert {name: policy.get(name) for name in EXPECTED_POLICY} == EXPECTED_POLICY
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in policy["script-src"]
    tree = LexborHTMLParser(html)
    # The policy is in <head> before any script or stylesheet, so it covers them all.
    head = tree.css_first("head").html
    assert head.index("Content-Security-Policy") < min(head.index("<script"), head.index("<link rel=\"stylesheet\""))
    assert tree.css_first('meta[name="referrer"]').attributes["content"] == "no-referrer"
    inline = [s.html[:80] for s in tree.css("script:not([src])")
              if s.attributes.get("type") not in ("application/json", "application/ld+json")]
    assert inline == []
    assert tree.css("[style]") == [] and tree.css("style") == []
    handlers = [n.tag for n in tree.css("*") if any(a.startswith("on") for a in n.attributes)]
    assert handlers == []


def test_outbound_links_carry_noopener_noreferrer(built):
    checked = 0
    for language in ("en", "ur"):
        for path in PAGE_TYPES.values():
            for link in LexborHTMLParser(built.html(language_root(language) + path)).css("a[href^='http']"):
                rel = set((link.attributes.get("rel") or "").split())
                assert {"noopener", "noreferrer"} <= rel, link.html
                checked += 1
    assert checked > 10


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "ur"])
def test_no_page_breaks_the_policy_in_a_real_browser(browser, base_url, language):
    context = browser.new_context(viewport=PHONE_WIDTH)
    context.set_default_timeout(10_000)
    context.add_init_script(LISTEN)
    problems = []
    try:
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and problems.append(
            f"console: {message.text}"))
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        for kind, path in PAGE_TYPES.items():
            url = base_url + language_root(language) + path
            page.goto(url, wait_until="load")
            if kind == "content page":
                page.click('.md-header label[for="__drawer"]')          # the menu drawer
            if kind == "home":
                # A search: the search worker and index load under the policy.
                page.click('.md-header label[for="__search"]')
                page.locator('input[data-md-component="search-query"]').press_sequentially("Riverside")
                page.locator(".md-search-result__list > *").first.wait_for(state="attached")
            violations = page.evaluate("window.__violations")
            problems += [f"{kind} ({url}): {v}" for v in violations]
    finally:
        context.close()
    assert problems == []
