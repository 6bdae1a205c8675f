"""Python-Markdown extension: links to other sites carry `rel="noopener noreferrer"`.

The site's referrer policy (`<meta name="referrer" content="no-referrer">`, theme main.html)
already keeps the page address from other sites; the `rel` says so on the link itself too, for
browsers and tools that read only the link (a page a young person read can be sensitive).
Enabled in mkdocs.yml: `markdown_extensions: [signpost.engine.mkdocs.outbound_links]`.
"""

from __future__ import annotations

from markdown import Extension
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


class OutboundLinksExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(OutboundLinksProcessor(md), "signpost_outbound_links", 14)


def makeExtension(**kwargs) -> OutboundLinksExtension:  # noqa: N802 (Python-Markdown's entry point)
    return OutboundLinksExtension(**kwargs)
