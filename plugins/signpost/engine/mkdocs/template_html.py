"""The directory's template HTML, kept out of Python-Markdown's way and put back byte for byte.

A directory page is mostly HTML from signpost's own templates (headings, badges, lists,
tables, the filter form), with the service's own sentences between as Markdown paragraphs
(they stay Markdown so they are translated block by block): at 400 pages and 300
services, 4.7 MB of the 6.1 MB of Markdown a build converts is such HTML. Python-Markdown
hands a raw HTML block through untouched, but only after the standard library's
HTMLParser (pure Python) has read it twice: md_in_html finds where the block ends, and
MkDocs collects its ids for the anchor check. That was 12% of the whole build's CPU.

So, last before the conversion, each block of template HTML is swapped for an HTML
comment (a raw block too, stashed the same way, at almost no cost), and first after it
the blocks come back where the comments are. MkDocs' anchors get the ids it would have
read in them. Python-Markdown outputs a raw block exactly as written, so the page is
the same bytes (tests/test_template_html.py converts every directory page both ways).

Only blocks known to be whole template output are lifted: the caller says where they are
(a directory page from its first block, a topic page only in the list the directory
appended), and a block qualifies only when it opens with a block-level tag (an inline one
would get a `<p>` around it) and holds no `markdown="1"` (the alert box, whose content is
Markdown). Anything else is left to Python-Markdown as before.
"""

from __future__ import annotations

import re
import secrets

from markdown.util import BLOCK_LEVEL_ELEMENTS
from selectolax.lexbor import LexborHTMLParser

_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)
_FIRST_TAG = re.compile(r"<([a-z][a-z0-9]*)[\s/>]")
#: Per process, so no text in any file can name a placeholder.
_NONCE = secrets.token_hex(8)
_PLACEHOLDER = re.compile(rf"<!--signpost-html-{_NONCE}-(\d+)-->")


class TemplateHtmlLost(RuntimeError):
    """A placeholder did not come through the conversion: the page cannot be put back together."""


def lift(markdown: str, start: int = 0) -> tuple[str, list[str]]:
    """`markdown` with each template HTML block from offset `start` on replaced by a placeholder, and the blocks.

    `start` must be where a block begins (0, or just after a blank line).
    """
    head, blocks_text = markdown[:start], markdown[start:]
    blocks: list[str] = []
    parts = blocks_text.split("\n\n")
    for index, part in enumerate(parts):
        block = part.rstrip("\n")
        if _is_template_html(block):
            parts[index] = f"<!--signpost-html-{_NONCE}-{len(blocks)}-->" + part[len(block):]
            blocks.append(block)
    if not blocks:
        return markdown, blocks
    return head + "\n\n".join(parts), blocks


def restore(html: str, blocks: list[str]) -> str:
    """The converted page with every lifted block back in its placeholder's place."""
    if not blocks:
        return html
    found: list[int] = []

    def block_for(match: re.Match) -> str:
        number = int(match.group(1))
        found.append(number)
        return blocks[number] if number < len(blocks) else match.group(0)

    restored = _PLACEHOLDER.sub(block_for, html)
    if sorted(found) != list(range(len(blocks))):
        raise TemplateHtmlLost(f"{len(blocks)} blocks of template HTML were lifted, {len(found)} came back")
    return restored


def anchor_ids(blocks: list[str]) -> set[str]:
    """The ids MkDocs collects from raw HTML (`id` on any element, `name` on `<a>`), in the lifted blocks."""
    if not blocks:
        return set()
    tree = LexborHTMLParser("\n".join(blocks))
    ids = {node.attributes.get("id") for node in tree.css("[id]")}
    ids |= {node.attributes.get("name") for node in tree.css("a[name]")}
    ids.discard(None)
    return ids


def _is_template_html(block: str) -> bool:
    match = _FIRST_TAG.match(block)
    return match is not None and match.group(1) in _BLOCK_LEVEL and "markdown=" not in block
