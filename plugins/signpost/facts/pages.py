"""What the engine calls for each page: fill in facts, add "Get help now", translate with references kept.

The engine adapter calls `page_markdown` once per page and language before the
Markdown is rendered, and wraps the page's catalog in `ReferenceKeepingTranslator`
so a translated block that keeps `{{ fact.x }}` is filled in with the same value.
MkDocs-free: the adapter passes the model, the page's content path and the language.
"""

from __future__ import annotations

from typing import Iterable

from signpost import l10n
from signpost.facts import help_block
from signpost.facts.references import REFERENCE, only_references, resolve
from signpost.sources import translatable_page


def page_markdown(model, path: str, markdown: str, language: str) -> str:
    """The page's Markdown with fact values filled in (in `language`) and, where required, Get help now."""
    registry = model.facts
    translate = _translator(language)
    markdown = resolve(markdown, registry, translate=translate)
    page = translatable_page(model, path)
    if help_block.needs_block(page) and help_block.MARKER not in markdown:
        markdown = help_block.insert_block(markdown, help_block.block_html(registry, page, translate))
    return markdown


def resolve_text(model, text: str, language: str, *, markdown: bool = True) -> str:
    """One text (a translation, a title) with its references filled in."""
    return resolve(text, model.facts, translate=_translator(language), markdown=markdown)


class ReferenceKeepingTranslator:
    """A page catalog seen from rendered-with-values blocks.

    The catalog's msgids hold references (`Call {{ fact.childline.phone }}`);
    the blocks the renderer sees hold values. This maps a block back to its
    msgid, and fills the references in the translation with the same values.
    """

    def __init__(self, catalog, source_ids: Iterable[str], model, language: str) -> None:
        self.catalog, self.model, self.language = catalog, model, language
        self.by_rendered = {resolve_text(model, msgid, language): msgid for msgid in source_ids}

    @property
    def source_ids(self) -> frozenset[str]:
        """The English blocks as the renderer sees them (values filled in)."""
        return frozenset(self.by_rendered)

    def translate(self, rendered_msgid: str) -> str | None:
        msgid = self.by_rendered.get(rendered_msgid, rendered_msgid)
        if only_references(msgid):
            return resolve_text(self.model, msgid, self.language)  # a cell that is only a value: same everywhere
        translation = self.catalog.translate(msgid)
        return resolve_text(self.model, translation, self.language) if translation else None


def has_references(text: str) -> bool:
    return bool(REFERENCE.search(text))


def _translator(language: str):
    if language == "en":
        return lambda text: text
    return lambda text: l10n.interface_text(language, text)
