"""Links to other sites carry rel="noopener noreferrer" on the built page; links inside the site do not.

Links in the HTML blocks signpost's templates write (directory, help lines) are checked on the
real-content site by tests/test_csp.py; editors cannot write raw `<a>`.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from sitebuilder import page

BODY = """Read [the guide](https://example.org/guide) or [our contact page](contact.md).

A link that has a rel of its own: [the other guide](https://example.org/raw){: rel="external" }.

A link with no scheme: [protocol-relative](//example.org/other).
"""


def test_links_to_other_sites_get_noopener_noreferrer_and_site_links_do_not(fixture_site):
    fixture_site.write("index.md", page("Home", BODY))
    fixture_site.write("contact.md", page("Contact", "Call us."))
    result = fixture_site.build()
    assert result.ok, result.output
    links = {link.attributes["href"]: (link.attributes.get("rel") or "")
             for link in LexborHTMLParser(result.html("")).css("article a[href]")}
    assert links["https://example.org/guide"] == "noopener noreferrer"
    assert links["https://example.org/raw"] == "external noopener noreferrer"   # kept, then added
    assert links["//example.org/other"] == "noopener noreferrer"
    assert links["contact/"] == ""


def test_every_spelling_of_an_outbound_address_is_marked_and_relative_links_are_left_alone():
    # mark_outbound_links asks Lexbor for links with "//" in the address first: none may slip by.
    from signpost.engine.mkdocs.outbound_links import mark_outbound_links
    from signpost.engine.mkdocs.rendered_page import RenderedPage

    hrefs = ("https://a.example", "  HTTPS://b.example", "//c.example", "\n\thttp://d.example", "Http://e.example",
             "../f/", "g/#x", "mailto:h@example.org", "tel:+441134960000", "https:/i.example")
    rendered = RenderedPage("".join(f'<a href="{href}">x</a>' for href in hrefs))
    mark_outbound_links(rendered)
    rels = [link.attributes.get("rel") for link in rendered.tree.css("a")]
    assert rels == ["noopener noreferrer"] * 5 + [None] * 5
    assert rendered.changed
