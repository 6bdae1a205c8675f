"""The theme's menu (partials/nav-item.html) drawn in time that grows with the pages, not pages x pages.

Why: Material draws the whole open section of the menu on every page, one Jinja macro call per
item. A section of 400 pages in 5 languages is 800,000 item draws, each the same HTML as on the
page before except the page's own item; at 1,600 pages it is most of the build. An item that is
not the page being drawn depends only on the item and on the folder the page's links are
relative to, so it is drawn once per (section, folder) and joined from a list after that. The page's own item,
sub-sections and anything unusual are drawn by the macro each time, as before.

The lists live as long as the environment of one language pass (a new lookup per `on_env`): the
menu's objects belong to that pass. Each entry keeps its section, so an id reused later cannot
answer for another object. Whether the cache changes a byte is not taken on trust:
tests/test_nav_menu.py builds a site with nested sections with and without it and compares every
file.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from typing import Callable

from jinja2 import pass_context
from markupsafe import Markup


def _parts(url: str) -> tuple[str, ...]:
    """A URL's path as MkDocs compares it (mkdocs.utils._norm_parts: leading slash ignored, normalised)."""
    path = posixpath.normpath("/" + url)[1:]
    return tuple(path.split("/")) if path else ()


def _links_relative_to(page_url: str) -> tuple[str, ...]:
    """The folder a page's relative links start from (mkdocs.utils.get_relative_url: a file name is dropped)."""
    dirname, _, basename = page_url.rpartition("/")
    return _parts(dirname if "." in basename else page_url)


def _drawn_alike(item) -> bool:
    """A plain page of the menu: its HTML, when it is not the page being drawn, depends only on its link."""
    return (getattr(item, "is_page", False) and not getattr(item, "children", None)
            and not getattr(item, "pages", None) and "\\" not in (item.url or "")
            and not (item.url or "").startswith(("/", "#", "../")))


class _Section:
    """One section's children, and their HTML for pages whose links start from one folder."""

    def __init__(self, section, index):
        self.section, self.index = section, index
        self.children = list(section.children)
        self.position = {id(child): number for number, child in enumerate(self.children)}
        self.alike = [_drawn_alike(child) and child is not index for child in self.children]
        # How many plain pages lie at or below each folder: a page's folder that holds one of
        # them (other than the page itself) makes their links differ from its neighbours'.
        self.below: Counter = Counter()
        for child, alike in zip(self.children, self.alike):
            if alike:
                parts = _parts(child.url)
                for depth in range(1, len(parts) + 1):
                    self.below[parts[:depth]] += 1
        self.drawn_each_time = [number for number, alike in enumerate(self.alike) if not alike]
        self.drawn_once = frozenset(number for number, alike in enumerate(self.alike) if alike)
        self.drawn: dict[tuple, _Drawn] = {}

    def folder_key(self, page) -> tuple:
        """Pages with the same key see the same HTML for every child but their own."""
        folder = _links_relative_to(page.url or "")
        own = self.position.get(id(page))
        own_below = 1 if own is not None and self.alike[own] and _parts(page.url)[:len(folder)] == folder else 0
        if folder and self.below.get(folder, 0) - own_below == 0:
            return ("beside", folder[:-1])
        return ("at", folder)


class _Drawn:
    """The children's HTML for one folder key; `missing` are the plain pages not drawn yet."""

    def __init__(self, entry: _Section):
        self.html = [""] * len(entry.children)
        self.missing = set(entry.drawn_once)


def menu_children() -> Callable:
    """`signpost_nav_children(section, index, path, level, render)` for nav-item.html's open sections."""
    sections: dict[tuple, _Section] = {}

    @pass_context
    def signpost_nav_children(context, section, index, path, level, render) -> Markup:
        page = context.get("page")
        key = (id(section), id(index), path, level)
        entry = sections.get(key)
        if entry is None or entry.section is not section or entry.index is not index:
            entry = sections[key] = _Section(section, index)
        if page is None or not hasattr(page, "url"):
            return Markup("".join(_draw(entry, number, path, level, render)
                                  for number in range(len(entry.children))))
        folder = entry.folder_key(page)
        drawn = entry.drawn.get(folder)
        if drawn is None:
            drawn = entry.drawn[folder] = _Drawn(entry)
        own = entry.position.get(id(page))
        for number in sorted(drawn.missing - {own}):
            drawn.html[number] = _draw(entry, number, path, level, render)
            drawn.missing.discard(number)
        # Joined a slice at a time: the Python work per page grows with the sections and the
        # page's own item, not with every page of the section.
        pieces, start = [], 0
        for number in sorted({*entry.drawn_each_time, own} - {None}):
            pieces.append("".join(drawn.html[start:number]))
            pieces.append(_draw(entry, number, path, level, render))
            start = number + 1
        pieces.append("".join(drawn.html[start:]))
        return Markup("".join(pieces))

    return signpost_nav_children


def _draw(entry: _Section, number: int, path: str, level: int, render) -> str:
    child = entry.children[number]
    if entry.index is not None and child is entry.index:
        return ""  # the index page is drawn as the section's own link (nav-item.html)
    return str(render(child, f"{path}_{number + 1}", level + 1, entry.section))


def _once_per_section(find: Callable[[object], object]) -> Callable[[object], object]:
    """`find(section)` worked out once per section object (for one language pass: a lookup per `on_env`).

    Each answer keeps its section, so an `id()` reused by a later object cannot answer for it.
    """
    found: dict[int, tuple] = {}

    def lookup(section) -> object:
        entry = found.get(id(section))
        if entry is None or entry[0] is not section:
            entry = found[id(section)] = (section, find(section))
        return entry[1]
    return lookup


def _children(section) -> tuple | list:
    return getattr(section, "children", None) or ()


def section_index_lookup() -> Callable[[object], object]:
    """`signpost_section_index(section)`: the section's first index page.

    Material searches every child for it on every page, for every section in the menu, open or
    pruned (with `navigation.indexes`): pages x pages again.
    """
    return _once_per_section(lambda section: next(
        (item for item in _children(section) if getattr(item, "is_index", False)), None))


def section_title_lookup() -> Callable[[object], object]:
    """`signpost_section_title(section)`: the title of the section's index page.

    Material names a section by its folder; signpost's nav-item.html names it by its index page
    ("For parents and carers", translated with the page). The template used to search the section's
    children for that page each time it drew the section's name: on every page, for every section
    in its menu, so the work grew with pages x pages. MkDocs calls the theme only once every page's
    title is final, so the answer holds for the pass.
    """
    return _once_per_section(lambda section: next(
        (item.title for item in _children(section) if getattr(item, "is_index", False) and item.title), None))
