"""The last line of defence: no built page carries executable markup, whatever came before. MkDocs-free.

Every check upstream (the URL policy on sources, the raw-HTML policy, the
translation markup check, escaping in templates) should already have kept
scripts out. This pass runs on every finished page in every language, in
`mkdocs build` and `mkdocs serve`, and removes what still got through:

- event-handler attributes (`on*`) and `srcdoc` anywhere;
- URL attributes (`href`, `src`, `action`, `formaction`, `xlink:href`, ...)
  whose value the URL policy refuses (signpost's own `sms:` links pass);
- in the page content (`<article>`): `<script>` other than JSON data
  (`application/ld+json`), and elements that load or run other documents
  (`iframe`, `object`, `embed`, `base`, `meta`, SVG `animate`/`set`, ...).

It parses the page once with selectolax (lexbor) and returns the original
text untouched when nothing needed removing, so clean pages are byte-for-byte
what the theme wrote. Every element is looked at; one whose attribute names are
all `_inert`, or whose very tag and attribute set was judged before (the verdict
kept for the most recently met), is not judged again (the same navigation on every
page of every language).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser

from signpost.safety import urls

#: Elements that never belong in page content.
CONTENT_BANNED = ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
                  "portal", "animate", "set", "animatemotion", "animatetransform", "handler", "listener",
                  "foreignobject", "noembed", "xmp", "plaintext")
#: Script types that are data, never run.
DATA_SCRIPT_TYPES = ("application/ld+json", "application/json")
CONTENT_SELECTOR = "article"


@dataclass
class Defused:
    """What the pass removed from one page (for a warning and for tests)."""

    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.removed)


def defuse_page(page_html: str) -> tuple[str, Defused]:
    """The page without executable markup, and what was removed."""
    tree = LexborHTMLParser(page_html)
    defused = Defused()
    inert = _INERT_NAMES
    # Every element from <html> down (the same elements as `css("*")`, without building a selector
    # match list; comments come too, with no attributes).
    for node in (tree.root.traverse() if tree.root is not None else tree.css("*")):
        attributes = node.attributes
        if not attributes or inert.issuperset(attributes):
            continue  # no attribute, or only names met before that no value makes unsafe (class, id)
        for name in _refused_attributes(node.tag, tuple(attributes.items())):
            defused.removed.append(f"{name.lower()}= on <{node.tag}>")
            del node.attrs[name]
    for article in tree.css(CONTENT_SELECTOR):
        for node in article.css(", ".join(("script",) + CONTENT_BANNED)):
            if node.tag == "script" and (node.attributes.get("type") or "").strip().lower() in DATA_SCRIPT_TYPES:
                continue
            defused.removed.append(f"<{node.tag}> element")
            node.decompose()
    if not defused:
        return page_html, defused
    return tree.html, defused


def has_executable_markup(page_html: str) -> list[str]:
    """What in a page could run script (empty when nothing): the assertion the tests make on every page."""
    return defuse_page(page_html)[1].removed


#: The attribute names, as the parser gives them, found `_inert` (a few dozen: `class`, `id`, `aria-*`).
_INERT_NAMES: set[str] = set()
_INERT_LIMIT = 10_000


@lru_cache(maxsize=8192)
def _refused_attributes(tag: str, pairs: tuple[tuple[str, str | None], ...]) -> tuple[str, ...]:
    """The names of the attributes the policy refuses on an element `tag` with these (name, value) pairs.

    A pure function of the tag and the pairs, so its answers are kept (least recently used first
    out, a bound that does not grow with the site): the navigation's links repeat on every page and
    are judged once; anything new, hostile or not, is judged in full.
    """
    refused = []
    for name, value in pairs:
        lowered = name.lower()
        if _inert(lowered):
            if len(_INERT_NAMES) < _INERT_LIMIT:
                _INERT_NAMES.add(name)
            continue
        if lowered == "content" and tag == "meta" and "url=" in (value or "").lower():
            target = value.split("=", 1)[-1] if value else ""
            if urls.is_safe_url(target.strip("'\" ")):
                continue
        elif urls.attribute_is_safe(lowered, value or "", generated=True):
            continue
        refused.append(name)
    return tuple(refused)


@lru_cache(maxsize=1024)
def _inert(name: str) -> bool:
    """True for an attribute the policy never refuses, whatever its value (`class`, `id`, `aria-*`...).

    Most attributes of a page are these; deciding once per name spares the URL policy's checks
    for each of them on every page. The rest go through `urls.attribute_is_safe` as before.
    """
    return name != "content" and urls.attribute_is_safe(name, "") and not urls.needs_value_check(name)
