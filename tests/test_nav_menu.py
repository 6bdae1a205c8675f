"""The menu drawn once per section and folder (engine/mkdocs/nav_menu.py) is the menu drawn item by item.

The theme's nav-item.html asks `signpost_nav_children` for an open section's items when the
engine gives it, and draws them one macro call at a time otherwise. These tests build the same
site both ways, in two languages, with nested sections, index pages, a page beside a folder of
the same name and pages at several depths, and compare every file byte for byte: a link made
relative to the wrong folder, or the wrong item marked as the page being read, would differ.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from sitebuilder import FixtureSite, page

# Run after the content plugin's on_env (priority 0): take the engine's helpers away, and say so,
# so the test knows the second build really drew the menu item by item.
WITHOUT_HELPERS = '''
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(-100)
def on_env(env, config, files):
    for name in ("signpost_nav_children", "signpost_section_index"):
        assert name in env.globals, name
        del env.globals[name]
    Path(config["config_file_path"]).with_name("helpers-removed").write_text("yes")
    return env
'''

PAGES = {
    "index.md": "Home",
    "topics/index.md": "Topics",
    "topics/alpha.md": "Alpha",
    "topics/beta.md": "Beta",
    "topics/beta/inside.md": "Inside beta",       # a folder named like its neighbour page
    "topics/gamma.md": "Gamma",
    "topics/sub/index.md": "Sub topics",
    "topics/sub/delta.md": "Delta",
    "topics/sub/deeper/epsilon.md": "Epsilon",
    "topics/zeta.md": "Zeta",
    "other/index.md": "Other things",
    "other/eta.md": "Eta",
    "other/theta.md": "Theta",
}


# A menu written by hand can put a page and a page inside its folder in one section: on Beta, the
# link to Inside beta is `inside/`, on Alpha `../beta/inside/`, so the two must not share HTML.
HAND_WRITTEN_NAV = [
    {"Home": "index.md"},
    {"Topics": ["topics/index.md", "topics/alpha.md", "topics/beta.md", "topics/beta/inside.md", "topics/gamma.md",
                {"Sub": ["topics/sub/index.md", "topics/sub/delta.md", "topics/sub/deeper/epsilon.md"]},
                "topics/zeta.md"]},
    {"Other": ["other/index.md", "other/eta.md", "other/theta.md"]},
]
LAYOUTS = {
    "directory-urls": {},
    "file-urls": {"use_directory_urls": False},
    "hand-written-nav": {"nav": HAND_WRITTEN_NAV},
}


def _menu_site(root: Path, *, helpers: bool, layout: str) -> FixtureSite:
    site = FixtureSite(root, languages=["en", "pl"], config_overrides=dict(LAYOUTS[layout]))
    for path, title in PAGES.items():
        body = f"Some text about {title.lower()}.\n\n## More about {title.lower()}\n\nA little more."
        site.write(path, page(title, body))
    if not helpers:
        site.write("without_helpers.py", WITHOUT_HELPERS, under="")
        site.config_overrides["hooks"] = ["without_helpers.py"]
    return site


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_menu_is_byte_for_byte_the_menu_drawn_item_by_item(tmp_path, layout):
    cached = _menu_site(tmp_path / "cached", helpers=True, layout=layout)
    by_item = _menu_site(tmp_path / "by-item", helpers=False, layout=layout)
    results = [cached.build(strict=False), by_item.build(strict=False)]
    for result in results:
        assert result.ok, result.output
    assert (by_item.root / "helpers-removed").read_text() == "yes"
    assert not (cached.root / "helpers-removed").exists()

    ours, theirs = _files(results[0].site), _files(results[1].site)
    assert ours.keys() == theirs.keys()
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert differing == []

    # And the menu is the one a reader expects: on Beta, in both languages, Beta is the one link
    # marked as the page being read, and its neighbours are plain links relative to it.
    directory_urls = layout != "file-urls"
    for prefix in ("", "pl/"):
        name = f"{prefix}topics/beta/index.html" if directory_urls else f"{prefix}topics/beta.html"
        menu = LexborHTMLParser(ours[name].decode()).css_first("nav.md-nav--primary")
        active = [link.attributes["href"] for link in menu.css("a.md-nav__link--active")]
        assert active == (["./"] if directory_urls else ["beta.html"])
        links = {link.text(strip=True): link.attributes["href"] for link in menu.css("a.md-nav__link")}
        expected = {"Alpha": "../alpha/", "Gamma": "../gamma/", "Zeta": "../zeta/"} if directory_urls else \
            {"Alpha": "alpha.html", "Gamma": "gamma.html", "Zeta": "zeta.html"}
        assert {title: links.get(title) for title in expected} == expected


class _Item:
    def __init__(self, url: str, *, is_index: bool = False, children=None):
        self.url, self.is_index, self.children = url, is_index, children
        self.is_page = children is None


def test_pages_of_one_folder_share_their_neighbours_html_and_a_page_holding_one_does_not():
    from signpost.engine.mkdocs.nav_menu import _Section

    index, alpha, beta, inside = (_Item("topics/", is_index=True), _Item("topics/alpha/"),
                                  _Item("topics/beta/"), _Item("topics/beta/inside/"))
    section = _Section(_Item("", children=[index, alpha, beta, inside]), index)
    # A page's neighbours are drawn for the folder its links start from, less its own name ...
    assert section.folder_key(alpha) == ("beside", ("topics",))
    assert section.folder_key(inside) == ("beside", ("topics", "beta"))
    # ... Beta holds Inside beta, whose link from Beta is `inside/`: Beta's key is its own.
    assert section.folder_key(beta) == ("at", ("topics", "beta"))
    # The index page, the section's own link, holds all of them.
    assert section.folder_key(index) == ("at", ("topics",))
    assert section.alike == [False, True, True, True]

    # ... so in a section of plain pages every page shares one list.
    gamma = _Item("topics/gamma/")
    flat = _Section(_Item("", children=[index, alpha, gamma]), index)
    assert flat.folder_key(alpha) == flat.folder_key(gamma)
