"""A page's translatable messages: its blocks, seen by a Python-Markdown Treeprocessor.

The same processor runs in two modes, so what `signpost translations extract`
writes to a catalog is exactly what the build looks up:

- **extract**: collect each block's raw inline Markdown (the msgid);
- **apply**: replace each block's text by its translation, or mark it
  `lang="en" dir="ltr"` when it falls back to English.

It runs above priority 20, before inline processing, so every block element
(`p`, `h1`-`h6`, `li`, `td`, `th`, `dt`, `dd`, `summary`, admonition titles)
still holds the Markdown its author wrote, links and image alt text included.
A trailing attribute list (`## Aims {#aims}`) is not part of the message and
is kept on the translated block, so heading ids and required-section markers
survive translation; a heading without an explicit id keeps the id of its
English text, so links to `page/#section` work in every language. MkDocs-free.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable, Protocol

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

#: Block elements whose own text is one message.
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "summary"})
#: Never translated: code and raw HTML keep their source text.
SKIPPED_TAGS = frozenset({"pre", "code", "script", "style"})
PRIORITY = 25  # above inline processing (20): blocks still hold raw Markdown

# A trailing attribute list: `Text {#id .class}` (headings, list items) or a last line `{: .class}`.
_ATTR_LIST = re.compile(r"(?:[ ]+|\n[ ]*)(\{:?[ ]*[^\}\n ][^\n}]*\})[ ]*$")
_PLACEHOLDER = re.compile("\u0002[^\u0003]*\u0003")  # raw HTML stashed by Python-Markdown
_LETTER = re.compile(r"[^\W\d_]")


def normalise(text: str) -> str:
    """The msgid of a block: its lines joined by single spaces, trimmed (rewrapping is not a change)."""
    return " ".join(line.strip() for line in text.strip().splitlines() if line.strip())


@dataclass
class BlockMessage:
    """One translatable block as found in a page."""

    id: str
    tag: str
    raw_first_line: str = ""


class Translator(Protocol):
    """What the apply mode asks for each block: a translation, or None for English."""

    def translate(self, msgid: str) -> str | None: ...


@dataclass
class PageWork:
    """The job of the processor for the page being rendered, set by the plugin before rendering."""

    mode: str = "off"  # "off", "extract" or "apply"
    translator: Translator | None = None
    source_ids: frozenset[str] | None = None  # apply only to blocks the English page has
    found: list[BlockMessage] = field(default_factory=list)
    translated: int = 0
    fallback: int = 0

    def reset(self, mode: str = "off", translator: Translator | None = None,
              source_ids: frozenset[str] | None = None) -> None:
        self.mode, self.translator, self.source_ids = mode, translator, source_ids
        self.found, self.translated, self.fallback = [], 0, 0


class BlockMessageProcessor(Treeprocessor):
    """Extracts or translates each block (see the module docstring)."""

    def __init__(self, md: markdown.Markdown, work: PageWork) -> None:
        super().__init__(md)
        self.work = work

    def run(self, root: etree.Element) -> None:
        if self.work.mode == "off":
            return
        used_ids: dict[str, int] = {}
        for element in _blocks(root):
            text, attributes = split_attribute_list(element.text or "")
            msgid = normalise(text)
            if not is_translatable(msgid):
                continue
            if self.work.mode == "extract":
                self.work.found.append(BlockMessage(msgid, element.tag, text.strip().splitlines()[0].strip()))
                continue
            if self.work.source_ids is not None and msgid not in self.work.source_ids:
                continue  # added by another plugin, not part of the English page
            translation = self.work.translator.translate(msgid) if self.work.translator else None
            if translation is None:
                self.work.fallback += 1
                element.set("lang", "en")
                element.set("dir", "ltr")
                continue
            self.work.translated += 1
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and "{#" not in (attributes or "").replace(" ", ""):
                element.set("id", self._english_slug(msgid, used_ids))
            element.text = translation + (" " + attributes if attributes else "")
        if self.work.mode == "apply" and self.work.fallback:
            _mark_english_containers(root)

    def _english_slug(self, msgid: str, used: dict[str, int]) -> str:
        toc = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None
        slugify: Callable[[str, str], str] = getattr(toc, "slugify", None) or _default_slugify
        separator = getattr(toc, "sep", "-")
        slug = slugify(html.unescape(plain_text(msgid)), separator)
        count = used.get(slug, 0)
        used[slug] = count + 1
        return slug if count == 0 else f"{slug}_{count}"


class BlockMessagesExtension(Extension):
    """Registers the processor; the plugin keeps `work` and sets it per page."""

    def __init__(self, work: PageWork | None = None, **kwargs) -> None:
        self.work = work or PageWork()
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(BlockMessageProcessor(md, self.work), "signpost_block_messages", PRIORITY)


def extract_messages(body: str, extensions: list, extension_configs: dict | None = None) -> list[BlockMessage]:
    """The translatable blocks of a Markdown body, in document order, rendered with the site's extensions."""
    work = PageWork()
    work.reset("extract")
    md = markdown.Markdown(extensions=[*extensions, BlockMessagesExtension(work)],
                           extension_configs=extension_configs or {})
    md.convert(body)
    return work.found


def split_attribute_list(text: str) -> tuple[str, str]:
    """(`Aims`, `{#aims}`) from `Aims {#aims}`; attributes are empty when there are none."""
    match = _ATTR_LIST.search(text)
    if not match:
        return text, ""
    return text[: match.start()], match.group(1)


def is_translatable(msgid: str) -> bool:
    """Blocks with no letters (numbers, symbols) and stashed raw HTML are not messages."""
    return bool(msgid) and "\u0002" not in msgid and bool(_LETTER.search(msgid))


def plain_text(inline_markdown: str) -> str:
    """Rough plain text of inline Markdown: link and image text kept, markers dropped."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", inline_markdown)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[*_`]", "", text).strip()


def _blocks(root: etree.Element):
    """Block elements in document order, not descending into code or raw HTML."""
    for child in root:
        if child.tag in SKIPPED_TAGS:
            continue
        if child.tag in BLOCK_TAGS and (child.text or "").strip():
            yield child
        yield from _blocks(child)


def _mark_english_containers(root: etree.Element) -> None:
    """A list or table that is English throughout is marked as a whole (bullets and columns run left to right)."""
    for element in root.iter():
        if element.tag in {"ul", "ol", "table", "dl"} and element.get("lang") is None:
            blocks = list(_blocks(element))
            if blocks and all(block.get("lang") == "en" for block in blocks):
                element.set("lang", "en")
                element.set("dir", "ltr")


def _default_slugify(value: str, separator: str) -> str:
    from markdown.extensions.toc import slugify
    return slugify(value, separator)
