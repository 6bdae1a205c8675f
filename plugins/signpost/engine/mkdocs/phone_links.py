"""Python-Markdown extension: every phone number in a page's text becomes a `tel:` link.

It runs on the parsed tree after inline processing, so it sees the page as published in each
language (translations are substituted before), never touches code, existing links (a
`{{ fact }}` helpline or a `[..](tel:..)` link the editor wrote) or raw HTML, and cannot break
Markdown syntax. The finding and the markup are engine-free (`signpost.phones`).
Enabled in mkdocs.yml: `markdown_extensions: [signpost.engine.mkdocs.phone_links]`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from signpost.phones import find_phones
from signpost.phones.markup import phone_link_html

# Text inside these is never linked (already a link, code, or not text).
_SKIP = {"a", "code", "pre", "kbd", "samp", "script", "style", "button", "label", "svg", "math"}
# The words that say "text" or "call" are looked for within one of these.
_BLOCKS = {"p", "li", "tr", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div",
           "details", "summary", "figcaption", "caption", "th", "table"}


class PhoneLinksProcessor(Treeprocessor):
    """Wraps numbers found in text and tails, keeping the text around them as written."""

    def run(self, root: etree.Element) -> None:
        self._walk(root, [""])

    def _walk(self, element: etree.Element, context: list[str]) -> None:
        if element.tag in _BLOCKS and element.tag != "td":
            context = [""]
        if element.tag in _SKIP:
            context[0] += "".join(element.itertext())
            return
        children = list(element)        # before any number is wrapped: new links are not walked
        element.text = self._link(element, element.text, context, index=0)
        for child in children:
            self._walk(child, context)
            child.tail = self._link(element, child.tail, context, index=list(element).index(child) + 1)

    def _link(self, parent: etree.Element, text: str | None, context: list[str], *, index: int) -> str | None:
        if not text or isinstance(text, AtomicString):
            if text:
                context[0] += text
            return text
        mentions = find_phones(text, context[0])
        context[0] += text
        if not mentions:
            return text
        kept, nodes = text[:mentions[0].start], []
        for number, mention in enumerate(mentions):
            node = etree.fromstring(str(phone_link_html(mention)))
            node.text = AtomicString(node.text)
            following = mentions[number + 1].start if number + 1 < len(mentions) else len(text)
            node.tail = text[mention.end:following]
            nodes.append(node)
        for offset, node in enumerate(nodes):
            parent.insert(index + offset, node)
        return kept


class PhoneLinksExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        # After "inline" (20): text is final; before "toc" (5) and "attr_list" (8) is not needed.
        md.treeprocessors.register(PhoneLinksProcessor(md), "signpost_phone_links", 15)


def makeExtension(**kwargs) -> PhoneLinksExtension:  # noqa: N802 (Python-Markdown's entry point)
    return PhoneLinksExtension(**kwargs)
