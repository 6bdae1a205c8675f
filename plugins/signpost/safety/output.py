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
what the theme wrote.
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
    for node in tree.css("*"):
        _defuse_attributes(node, defused)
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


def _defuse_attributes(node, defused: Defused) -> None:
    attributes = node.attributes
    if not attributes:
        return
    for name, value in list(attributes.items()):
        lowered = name.lower()
        if _inert(lowered):
            continue
        if lowered == "content" and node.tag == "meta" and "url=" in (value or "").lower():
            target = value.split("=", 1)[-1] if value else ""
            if urls.is_safe_url(target.strip("'\" ")):
                continue
        elif urls.attribute_is_safe(lowered, value or "", generated=True):
            continue
        defused.removed.append(f"{lowered}= on <{node.tag}>")
        del node.attrs[name]


@lru_cache(maxsize=1024)
def _inert(name: str) -> bool:
    """True for an attribute the policy never refuses, whatever its value (`class`, `id`, `aria-*`...).

    Most attributes of a page are these; deciding once per name spares the URL policy's checks
    for each of them on every page. The rest go through `urls.attribute_is_safe` as before.
    """
    return name != "content" and urls.attribute_is_safe(name, "") and not urls.needs_value_check(name)
