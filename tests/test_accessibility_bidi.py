"""Phone numbers and times keep their order on right-to-left pages."""

from __future__ import annotations

from signpost.accessibility.bidi import isolate_number_runs
from sitebuilder import page


def article(body: str) -> str:
    return f'<script>var x = "1 2";</script><article class="md-content__inner md-typeset">{body}</article>'


def test_number_runs_in_content_are_isolated_left_to_right():
    html = isolate_number_runs(article("<td>0113 496 0123</td><p>کھلا 10:00–17:00 تک، 13 سے 19 سال۔</p>"))
    assert '<td><span dir="ltr" class="signpost-ltr">0113 496 0123</span></td>' in html
    assert '<span dir="ltr" class="signpost-ltr">10:00–17:00</span> تک، 13 سے 19' in html


def test_scripts_code_and_single_numbers_are_left_alone():
    body = "<pre><code>1 2 3</code></pre><p>12 Bridge Street, RV1 2AB</p>"
    assert isolate_number_runs(article(body)) == article(body)


def test_urdu_pages_only(fixture_site):
    fixture_site.languages = ["en", "ur"]
    fixture_site.write("index.md", page("Home", "| How | Number |\n| --- | --- |\n| Phone | 0113 496 0123 |\n"))
    result = fixture_site.build()
    assert result.ok, result.output
    assert '<span dir="ltr" class="signpost-ltr">0113 496 0123</span>' in result.html("ur/")
    assert "signpost-ltr" not in result.html("")
