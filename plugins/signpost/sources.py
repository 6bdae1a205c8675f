"""Everything translators translate, gathered from the features that own it. MkDocs-free.

Pages written by editors are in `model.pages`; other features make pages or
interface strings from data (directory service pages, category names, topic
titles). They list a provider here instead of the translation code knowing
each of them.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

# "module:function": function(model) -> {content path: PageMeta} of generated pages.
PAGE_PROVIDERS = [
    "signpost.directory.translation:translatable_pages",
]

# "module:function": function(model) -> [(English message, file, line)] for interface.po.
INTERFACE_PROVIDERS = [
    "signpost.directory.translation:vocabulary_messages",
    "signpost.coverage.topic_messages:model_registry_messages",
    "signpost.facts.messages:interface_messages",
]


def translatable_pages(model) -> dict:
    """Editors' pages and generated pages, by content path (`charter/index.md`)."""
    pages = dict(model.pages)
    for provider in _functions(tuple(PAGE_PROVIDERS)):
        for path, page in provider(model).items():
            pages.setdefault(path, page)
    return pages


def translatable_page(model, path: str):
    """The page at `path`, written or generated; None when it is neither.

    Asked once per page per language: each provider caches its pages per model, so
    looking in each one is cheap, where `translatable_pages` copies every page each time.
    """
    page = model.page(path)
    if page is not None:
        return page
    for provider in _functions(tuple(PAGE_PROVIDERS)):
        page = provider(model).get(path)
        if page is not None:
            return page
    return None


def data_interface_messages(model) -> list[tuple[str, str, int]]:
    """Interface strings that live in data files (registries, vocabularies)."""
    messages: list[tuple[str, str, int]] = []
    for provider in _functions(tuple(INTERFACE_PROVIDERS)):
        messages.extend(provider(model))
    return messages


@lru_cache(maxsize=None)
def _functions(specs: tuple[str, ...]):
    functions = []
    for spec in specs:
        module, name = spec.split(":")
        functions.append(getattr(importlib.import_module(module), name))
    return tuple(functions)
