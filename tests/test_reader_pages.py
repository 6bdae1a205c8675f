"""Reader-facing HTML on a real-content sample (no browser): 404 pages, menu titles, phone links."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from reader_site import LANGUAGES, built, language_root  # noqa: F401 (pytest fixture)
from signpost.phones import find_phones


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_not_found_page(built, language):
    tree = LexborHTMLParser(built.html(language_root(language) + "404.html"))
    assert tree.css_first("html").attributes["lang"] == language
    assert tree.css_first("body").attributes["dir"] == ("rtl" if language == "ur" else "ltr")
    links = [urljoin("https://example.org/missing/page/", a.attributes["href"])
             for a in tree.css(".signpost-not-found a")]
    root = "https://example.org/" + language_root(language)
    assert links == [root, root + "about/contact/"]
    for link in links:
        assert built.exists(urlsplit(link).path.lstrip("/")) or urlsplit(link).path == "/", link
    heading = tree.css_first(".md-content h1").text().strip()
    assert (heading == "Page not found") == (language == "en")
    # Its menu is in its own language: every menu link stays under the language's folder.
    for a in tree.css(".md-nav--primary a.md-nav__link[href]"):
        assert urlsplit(urljoin("https://example.org/x/", a.attributes["href"])).path.startswith("/" + language_root(language))


def test_section_menu_labels_are_proper_titles(built):
    labels = {" ".join(n.text().split()) for n in LexborHTMLParser(built.html("")).css(".md-nav--primary .md-ellipsis")}
    assert "Local info" not in labels and "Parents carers" not in labels
    assert {"Local information", "For parents and carers"} <= labels
    urdu = {" ".join(n.text().split()) for n in LexborHTMLParser(built.html("ur/")).css(".md-nav--primary .md-ellipsis")}
    assert "Local info" not in urdu and "Parents carers" not in urdu


@pytest.mark.parametrize("url_path", ["", "about/contact/", "local-info/health/", "ur/", "ur/about/contact/"])
def test_every_number_in_the_text_is_linked_or_marked_text_only(built, url_path):
    tree = LexborHTMLParser(built.html(url_path))
    content = tree.css_first("article.md-content__inner")
    # Numbers inside other links (a website called "NHS 111") cannot be links themselves; the
    # "Get help now" box (facts) names each line ("NHS 111") beside its call link.
    for node in content.css("a, script, code, .signpost-help-now strong"):
        node.decompose()
    left = find_phones(content.text(separator=" "))
    assert left == [], f"unlinked numbers: {[m.text for m in left]}"


@pytest.mark.parametrize("url_path", ["about/contact/", "ur/about/contact/"])
def test_call_links_are_e164_and_text_lines_are_not_calls(built, url_path):
    tree = LexborHTMLParser(built.html(url_path))
    links = {a.attributes["href"]: a.text().strip("\u2066\u2069 ") for a in tree.css("article a[href^='tel:'], "
                                                                                  "article a[href^='sms:']")}
    assert links["tel:+441134960123"] == "0113 496 0123"
    assert "tel:+447700900123" not in links
    assert links["sms:+447700900123"] == "07700 900123"
    assert all(a.attributes.get("dir") == "ltr" for a in tree.css("article a.sp-phone"))


@pytest.mark.parametrize("url_path", ["local-info/services/sexual-health-text-line/", "ur/local-info/services/sexual-health-text-line/"])
def test_the_help_box_comes_after_a_service_pages_title(built, url_path):
    """A generated page's <h1> is raw HTML: the "Get help now" box still goes after it, not before
    (before it, a screen reader meets the box first and the Nu checker warns "Article lacks heading")."""
    html = built.html(url_path)
    article = html[html.index("<article"):]
    assert "signpost-help-now" in article
    assert article.index("<h1") < article.index("signpost-help-now")
