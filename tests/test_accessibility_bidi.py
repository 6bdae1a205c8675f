"""Phone numbers and times keep their order on right-to-left pages."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from signpost.accessibility.bidi import isolate_number_runs
from sitebuilder import page


def isolated(body: str) -> tuple[int, str]:
    """Runs wrapped and the resulting HTML of a content area holding `body` (parsed once, as in the build)."""
    tree = LexborHTMLParser(f'<script>var x = "1 2";</script><article class="md-content__inner">{body}</article>')
    count = isolate_number_runs(tree.css_first("article"))
    return count, tree.html


def test_number_runs_in_content_are_isolated_left_to_right():
    count, html = isolated("<table><tr><td>0113 496 0123</td></tr></table>"
                           "<p>کھلا 10:00–17:00 تک، 13 سے 19 سال۔</p>")
    assert count == 2
    assert '<td><span dir="ltr" class="signpost-ltr">0113 496 0123</span></td>' in html
    assert '<span dir="ltr" class="signpost-ltr">10:00–17:00</span> تک، 13 سے 19' in html
    assert isolate_number_runs(LexborHTMLParser(html).css_first("article")) == 0  # never wrapped twice


def test_scripts_code_and_single_numbers_are_left_alone():
    count, html = isolated("<pre><code>1 2 3</code></pre><p>12 Bridge Street, RV1 2AB</p>")
    assert count == 0
    assert "signpost-ltr" not in html and 'var x = "1 2";' in html


def test_urdu_pages_only(fixture_site):
    fixture_site.languages = ["en", "ur"]
    fixture_site.write("index.md", page("Home", "| How | Number |\n| --- | --- |\n| Phone | 0113 496 0123 |\n"))
    result = fixture_site.build()
    assert result.ok, result.output
    assert '<span dir="ltr" class="signpost-ltr">0113 496 0123</span>' in result.html("ur/")
    assert "signpost-ltr" not in result.html("")
