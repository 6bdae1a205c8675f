"""tools/compare_builds.py: two real fixture builds compared page by page."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from sitebuilder import ROOT, page

sys.path.insert(0, str(ROOT / "tools"))
from compare_builds import compare_sites, format_comparison, main  # noqa: E402


def test_same_content_builds_the_same_site_and_changes_are_named(fixture_site, tmp_path):
    fixture_site.write("index.md", page("Home", body="Welcome. See [the about page](about.md).",
                                        topics=["about-service"]))
    fixture_site.write("about.md", page("About", body="We help young people."))
    first = fixture_site.build()
    assert first.ok, first.output
    before = tmp_path / "before"
    shutil.copytree(first.site, before)

    again = fixture_site.build()
    assert again.ok, again.output
    same = compare_sites(before, again.site)
    assert same.same, format_comparison(same)
    assert same.compared >= 3  # home, about, 404 at least

    fixture_site.write("index.md", page("Home", body="Welcome. See [the contact page](contact.md).",
                                        topics=["about-service"]))
    fixture_site.write("contact.md", page("Contact", body="Call us."))
    (fixture_site.root / "content" / "about.md").unlink()
    changed = fixture_site.build()
    assert changed.ok, changed.output
    result = compare_sites(before, changed.site)
    assert not result.same
    assert "about/index.html" in result.only_before and "contact/index.html" in result.only_after
    home = next(d for d in result.pages if d.page == "index.html")
    assert "-Welcome. See the about page." in home.text and "+Welcome. See the contact page." in home.text, home.text
    assert "- a /about/" in home.links and "+ a /contact/" in home.links
    assert any(line.startswith("- url ") and line.endswith("/about/") for line in result.sitemap)
    assert main([str(before), str(changed.site)]) == 1
    assert main([str(before), str(before)]) == 0
    assert main([str(before), str(tmp_path / "missing")]) == 2
