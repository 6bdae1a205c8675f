"""The Python-Markdown side of translation: a Treeprocessor that sees each block's raw Markdown.

It runs above priority 20, before inline processing, so every block element
(`p`, `h1`-`h6`, `li`, `td`, `th`, `dt`, `dd`, `summary`, admonition titles)
still holds the Markdown its author wrote, links and image alt text included.
In **extract** mode it collects each block's msgid; in **apply** mode it
replaces the block's text by its translation, or marks it `lang="en"
dir="ltr"` when it falls back to English. A heading without an explicit id
keeps the id of its English text, so links to `page/#section` work in every
language. The msgid rules themselves are engine-free
(`signpost.translations.messages`).
"""

from __future__ import annotations

import html
from functools import lru_cache
import xml.etree.ElementTree as etree
from typing import Callable

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify as _toc_slugify
from markdown.treeprocessors import Treeprocessor

from signpost import markup
from signpost.engine.mkdocs.template_html import lift as lift_template_html
from signpost.translations.messages import (BLOCK_TAGS, SKIPPED_TAGS, BlockMessage, PageWork, is_translatable,
                                            normalise, plain_text, split_attribute_list)

PRIORITY = 25  # above inline processing (20): blocks still hold raw Markdown


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
        if self.work.mode == "extract":
            raise _BlocksRead  # every message is found: the inline rendering after this is not needed
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
    try:
        md.convert(body)
    except _BlocksRead:
        pass  # the processor stopped the conversion once it had every block (see _BlocksRead)
    return work.found


class _BlocksRead(Exception):
    """Raised by the processor in extract mode, once it has read every block's raw Markdown.

    What runs after it (inline patterns, the phone links, the table of contents, serialising,
    the postprocessors) cannot change which messages were found, and was two thirds of the
    cost of reading a page's messages. Python-Markdown has no public way to stop a
    conversion half-way, or to drop the processors below a priority, so this exception does it.
    """


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
    return _toc_slugify(value, separator)


class MarkdownBlockReader:
    """`Settings.block_reader` for Python-Markdown: a body's blocks, read with the site's extensions.

    Equal readers (same extensions and options) hash alike, so the core's
    caches keyed on the reader are shared by every language build.
    """

    def __init__(self, extensions: list, extension_configs: dict, *, template_html: bool = False) -> None:
        self.extensions = list(extensions)
        self.extension_configs = dict(extension_configs)
        self.template_html = template_html
        self._key = repr((self.extensions, sorted(self.extension_configs.items()), template_html))

    def __call__(self, body: str) -> list[BlockMessage]:
        if self.template_html:
            # Raw HTML holds no message, and Python-Markdown's reading of it was a third of the
            # cost of a service page's messages (the build lifts it the same way: template_html.py).
            body, _ = lift_template_html(body)
        return extract_messages(body, self.extensions, self.extension_configs)

    def for_template_html(self) -> "MarkdownBlockReader":
        """This reader for a body made of template HTML and Markdown (a directory page, `signpost.directory`)."""
        return MarkdownBlockReader(self.extensions, self.extension_configs, template_html=True)

    def __eq__(self, other) -> bool:
        return isinstance(other, MarkdownBlockReader) and other._key == self._key

    def __hash__(self) -> int:
        return hash(self._key)


@lru_cache(maxsize=1)
def _inline_markdown() -> markdown.Markdown:
    """One reusable converter: building a Markdown instance costs more than converting a sentence."""
    return markdown.Markdown(extensions=["attr_list"])


def render_inline(text: str) -> str:
    """Inline Markdown as HTML, for the core's translation integrity check (`signpost.markup`)."""
    return _inline_markdown().reset().convert(text)



def render_page(body: str, settings) -> str:
    """A page body as HTML with the site's Markdown extensions (`signpost report readability`)."""
    return markdown.markdown(body, extensions=list(settings.extensions),
                             extension_configs=dict(settings.extension_configs))


markup.use_renderer(render_inline)
