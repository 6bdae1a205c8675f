"""The accessible theme on real multi-language builds: skip link, exit button, feedback link, names."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from selectolax.lexbor import LexborHTMLParser

from sitebuilder import page

POLISH_INTERFACE = '''\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: pl\\n"

msgid "Exit this page"
msgstr "Wyjdź z tej strony"

msgid "Tell us what you think of this page"
msgstr "Powiedz nam, co myślisz o tej stronie"
'''


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sitebuilder import FixtureSite
    site = FixtureSite(tmp_path_factory.mktemp("theme") / "project", languages=["en", "pl", "ur"])
    site.write("index.md", page("Home", "Welcome.\n\n## Ways to get help\n\nCome in."))
    site.write("about/index.md", page("About us", "We help."))
    site.write("about/feedback.md", page("Give us feedback", "Tell us."))
    site.write("pl/interface.po", POLISH_INTERFACE, under="translations")
    result = site.build()
    assert result.ok, result.output
    return result


PAGES = ["", "about/", "pl/", "pl/about/", "ur/", "ur/about/"]


def tree(built, url_path):
    return LexborHTMLParser(built.html(url_path))


@pytest.mark.parametrize("url_path", PAGES)
def test_skip_link_is_the_first_link_and_targets_the_focusable_content(built, url_path):
    html = tree(built, url_path)
    # Material's own skip link (only on pages with a table of contents) is display:none in signpost.css.
    for hidden in html.css('[data-md-component="skip"]'):
        hidden.decompose()
    first = html.css_first("body a[href]")
    assert first.attributes["href"] == "#signpost-content"
    target = html.css_first("#signpost-content")
    assert target is not None and target.attributes.get("tabindex") == "-1"
    assert target.css_first("article h1") is not None


@pytest.mark.parametrize("url_path", PAGES)
def test_exit_this_page_is_a_real_link_before_the_header(built, url_path):
    html = tree(built, url_path)
    exit_link = html.css_first("[data-signpost-exit-link]")
    assert exit_link.attributes["href"] == "https://www.bbc.co.uk/weather"
    body = built.html(url_path)
    assert body.index("data-signpost-exit-link") < body.index('<header class="md-header')
    assert html.css_first('script[src$="assets/signpost/exit-this-page.js"]') is not None
    # It sits beside the page on browsing privately, in the page's language.
    safety = [a.attributes["href"] for a in html.css(".signpost-exit__hint a")]
    language = url_path.split("/")[0] if url_path.startswith(("pl/", "ur/")) else ""
    assert [urljoin(f"https://x.org/{url_path}", href) for href in safety] == [
        f"https://x.org/{language + '/' if language else ''}about/staying-safe-online/"]


@pytest.mark.parametrize("url_path, feedback", [
    ("", "about/feedback/"), ("about/", "about/feedback/"),
    ("pl/", "pl/about/feedback/"), ("pl/about/", "pl/about/feedback/"), ("ur/about/", "ur/about/feedback/"),
])
def test_every_page_has_a_feedback_link_in_its_language(built, url_path, feedback):
    link = tree(built, url_path).css_first("footer .signpost-feedback a")
    assert urljoin(f"https://x.org/{url_path}", link.attributes["href"]) == f"https://x.org/{feedback}"
    assert built.exists(feedback)


def test_interface_strings_come_from_the_catalog(built):
    assert tree(built, "pl/").css_first("[data-signpost-exit-link]").text().strip() == "Wyjdź z tej strony"
    assert "Powiedz nam, co myślisz o tej stronie" in built.html("pl/about/")
    assert tree(built, "").css_first("[data-signpost-exit-link]").text().strip() == "Exit this page"


@pytest.mark.parametrize("url_path", ["", "ur/"])
def test_stock_material_failures_are_fixed_in_the_templates(built, url_path):
    html = tree(built, url_path)
    assert html.css_first('.md-search[role="dialog"]').attributes.get("aria-label")          # aria-dialog-name
    assert html.css_first('form[name="search"] button[type="submit"]') is not None            # H32.2
    assert html.css_first('form[data-md-component="palette"] button[type="submit"]') is not None
    toc = html.css_first("#__toc")                                                           # H91 / F68
    assert toc is not None and toc.attributes.get("aria-label")
    names = [i.attributes.get("aria-label") for i in html.css('input[name="__palette"]')]
    assert names == ["Light colours", "Dark colours"]


@pytest.mark.parametrize("url_path", PAGES)
def test_nothing_is_loaded_from_a_third_party(built, url_path):
    html = tree(built, url_path)
    loaded = [n.attributes.get("href") for n in html.css("link[href]") if n.attributes.get("rel") != "canonical"
              and n.attributes.get("rel") != "alternate"]
    loaded += [n.attributes.get("src") for n in html.css("script[src], img[src], iframe[src]")]
    assert not [url for url in loaded if re.match(r"^(https?:)?//", url or "")], loaded
    assert "fonts.googleapis" not in built.html(url_path)
    assert "squidfunk.github.io" not in built.html(url_path)     # no "Made with Material" link


@pytest.mark.parametrize("url_path, lang, direction", [("", "en", "ltr"), ("pl/", "pl", "ltr"), ("ur/", "ur", "rtl")])
def test_language_and_direction(built, url_path, lang, direction):
    html = tree(built, url_path)
    assert html.css_first("html").attributes["lang"] == lang
    assert html.css_first("body").attributes["dir"] == direction


def test_css_sets_custom_colours_focus_and_underlined_links():
    from pathlib import Path
    css = (Path(__file__).resolve().parent.parent / "plugins/signpost/theme/assets/signpost/signpost.css").read_text()
    assert '[data-md-color-primary="custom"]' in css and '[data-md-color-scheme="slate"]' in css
    assert ":focus-visible" in css and "text-decoration: underline" in css
