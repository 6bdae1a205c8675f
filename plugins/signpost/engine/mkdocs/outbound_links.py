"""Python-Markdown extension: links to other sites carry `rel="noopener noreferrer"`.

The site's referrer policy (`<meta name="referrer" content="no-referrer">`, theme main.html)
already keeps the page address from other sites; the `rel` says so on the link itself too, for
browsers and tools that read only the link (a page a young person read can be sensitive).
Enabled in mkdocs.yml: `markdown_extensions: [signpost.engine.mkdocs.outbound_links]`.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

OUTBOUND_REL = ("noopener", "noreferrer")


def with_outbound_rel(rel: str | None) -> str:
    """`rel` with noopener and noreferrer added (kept in order, no duplicates)."""
    values = (rel or "").split()
    return " ".join(values + [value for value in OUTBOUND_REL if value not in values])


def is_outbound(href: str | None) -> bool:
    return (href or "").strip().lower().startswith(("https://", "http://", "//"))


class OutboundLinksProcessor(Treeprocessor):
    def run(self, root) -> None:
        for link in root.iter("a"):
            if is_outbound(link.get("href")):
                link.set("rel", with_outbound_rel(link.get("rel")))


# One start tag of a link to another site, as signpost's own templates write it (Jinja-escaped,
# double-quoted attributes). Only start tags are touched, never text.
_OUTBOUND_START_TAG = re.compile(r'<a\s(?P<attrs>[^<>]*?\bhref="(?:https?:)?//[^"]*"[^<>]*)>', re.IGNORECASE)
_REL = re.compile(r'\brel="([^"]*)"', re.IGNORECASE)


def add_outbound_rel(html: str) -> str:
    """The same `rel` on links inside HTML blocks (directory and help-line blocks from templates),
    which reach Python-Markdown as raw HTML the tree never shows."""
    def rewrite(match: re.Match) -> str:
        attrs = match.group("attrs")
        rel = _REL.search(attrs)
        if rel is None:
            return f'<a {attrs} rel="{with_outbound_rel(None)}">'
        return "<a " + attrs[:rel.start()] + f'rel="{with_outbound_rel(rel.group(1))}"' + attrs[rel.end():] + ">"
    return _OUTBOUND_START_TAG.sub(rewrite, html)


class RawHtmlOutboundLinks(Postprocessor):
    def run(self, text: str) -> str:
        return add_outbound_rel(text)


class OutboundLinksExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(OutboundLinksProcessor(md), "signpost_outbound_links", 14)
        # After "raw_html" (30) has put the HTML blocks back.
        md.postprocessors.register(RawHtmlOutboundLinks(md), "signpost_outbound_raw_links", 25)


def makeExtension(**kwargs) -> OutboundLinksExtension:  # noqa: N802 (Python-Markdown's entry point)
    return OutboundLinksExtension(**kwargs)
