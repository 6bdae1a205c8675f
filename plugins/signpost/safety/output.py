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
all `_inert`, or whose very attribute set was judged clean before, is not judged
again (the same navigation on every page of every language).
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
    clean, inert = _CLEAN_ATTRIBUTES, _INERT_NAMES
    # Every element from <html> down (the same elements as `css("*")`, without building a selector
    # match list; comments come too, with no attributes).
    for node in (tree.root.traverse() if tree.root is not None else tree.css("*")):
        attributes = node.attributes
        if not attributes or inert.issuperset(attributes):
            continue  # no attribute, or only names met before that no value makes unsafe (class, id)
        # A set of (name, value) pairs judged clean before (the same navigation links on every
        # page) is clean again: the policy depends on names and values only, except for `content`
        # (refused on <meta> only), never remembered. The rest is judged in full.
        pairs = tuple(attributes.items())
        if pairs in clean:
            continue
        if _defuse_attributes(node, defused, attributes):
            if len(clean) >= _CLEAN_LIMIT:
                clean.clear()
            clean.add(pairs)
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


#: The attribute sets found clean on earlier pages (a bounded cache: emptied when full), and the
#: attribute names, as the parser gives them, found `_inert` (a few dozen: `class`, `id`, `aria-*`).
_CLEAN_ATTRIBUTES: set[tuple[tuple[str, str | None], ...]] = set()
_INERT_NAMES: set[str] = set()
_CLEAN_LIMIT = 50_000


def _defuse_attributes(node, defused: Defused, attributes: dict[str, str | None]) -> bool:
    """Removes the node's refused attributes; True when it had none and its verdict holds on any tag."""
    clean = True
    for name, value in list(attributes.items()):
        lowered = name.lower()
        if _inert(lowered):
            if len(_INERT_NAMES) < _CLEAN_LIMIT:
                _INERT_NAMES.add(name)
            continue
        if lowered == "content":
            clean = False  # judged by the tag too (`<meta http-equiv=refresh>`): never remembered
        if lowered == "content" and node.tag == "meta" and "url=" in (value or "").lower():
            target = value.split("=", 1)[-1] if value else ""
            if urls.is_safe_url(target.strip("'\" ")):
                continue
        elif urls.attribute_is_safe(lowered, value or "", generated=True):
            continue
        defused.removed.append(f"{lowered}= on <{node.tag}>")
        del node.attrs[name]
        clean = False
    return clean


@lru_cache(maxsize=1024)
def _inert(name: str) -> bool:
    """True for an attribute the policy never refuses, whatever its value (`class`, `id`, `aria-*`...).

    Most attributes of a page are these; deciding once per name spares the URL policy's checks
    for each of them on every page. The rest go through `urls.attribute_is_safe` as before.
    """
    return name != "content" and urls.attribute_is_safe(name, "") and not urls.needs_value_check(name)
