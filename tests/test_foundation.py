"""The foundation: content model, findings, safe build. Every test builds or checks a real fixture."""

from __future__ import annotations

from sitebuilder import page


def test_valid_page_builds_and_renders(fixture_site):
    fixture_site.write("index.md", page("Riverside Youth Advice", "We give free help.", topics=["about-service"]))
    result = fixture_site.build()
    assert result.ok, result.output
    assert "We give free help." in result.html("")
