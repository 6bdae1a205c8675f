"""A page's translatable messages: the blocks an editor wrote, as msgids. Engine-free.

The Markdown engine's adapter (`signpost.engine.mkdocs.markdown_messages`, a
Python-Markdown Treeprocessor) runs in two modes, so what `signpost
translations extract` writes to a catalog is exactly what the build looks up:

- **extract**: collect each block's raw inline Markdown (the msgid);
- **apply**: replace each block's text by its translation, or mark it
  `lang="en" dir="ltr"` when it falls back to English.

This module holds what both modes share and what the core needs: the block
tags, the msgid rules (`normalise`, `is_translatable`, trailing attribute
lists) and the per-page job (`PageWork`). A trailing attribute list
(`## Aims {#aims}`) is not part of the message and is kept on the translated
block, so heading ids and required-section markers survive translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from signpost.facts.references import only_references

#: Block elements whose own text is one message.
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "summary"})
#: Never translated: code and raw HTML keep their source text.
SKIPPED_TAGS = frozenset({"pre", "code", "script", "style"})

# A trailing attribute list: `Text {#id .class}` (headings, list items) or a last line `{: .class}`.
_ATTR_LIST = re.compile(r"(?:[ ]+|\n[ ]*)(\{:?[ ]*[^\}\n ][^\n}]*\})[ ]*$")
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


def split_attribute_list(text: str) -> tuple[str, str]:
    """(`Aims`, `{#aims}`) from `Aims {#aims}`; attributes are empty when there are none."""
    match = _ATTR_LIST.search(text)
    if not match:
        return text, ""
    return text[: match.start()], match.group(1)


def is_translatable(msgid: str) -> bool:
    """Blocks with no letters (numbers, symbols) and stashed raw HTML are not messages."""
    if "{{" in msgid:  # a cell that is only a fact reference is a value, the same in every language
        if only_references(msgid):
            return False
    return bool(msgid) and "\u0002" not in msgid and bool(_LETTER.search(msgid))


def plain_text(inline_markdown: str) -> str:
    """Rough plain text of inline Markdown: link and image text kept, markers dropped."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", inline_markdown)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[*_`]", "", text).strip()
