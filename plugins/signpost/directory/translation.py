"""Service pages as the translation pipeline sees pages. MkDocs-free.

A service file's page is made from its data (`render.service_source`), so its
translatable messages are the blocks of that generated Markdown, not of the
file's body alone. `translatable_pages(model)` gives, for every service, a
`PageMeta` whose `body` is the exact English Markdown the build renders
(interface text is raw HTML there, so only the service's own sentences are
blocks). The translations plugin and `signpost translations extract` can treat
these like `model.pages`:

    source = model.page(path) or translatable_pages(model).get(path)

Catalogs: translations/<lang>/local-info/services/<slug>.po.
"""

from __future__ import annotations

from signpost.directory.render import DirectoryContext, service_page, service_source, summary
from signpost.model.frontmatter import parse_document
from signpost.model.pages import PageMeta
from signpost.model.services import ACCESSIBILITY_FILE, CATEGORIES_FILE

_CACHE: dict[int, tuple[object, dict[str, PageMeta]]] = {}


def translatable_pages(model) -> dict[str, PageMeta]:
    """Content path -> PageMeta (body = generated English Markdown) for every service, cached per model."""
    cached = _CACHE.get(id(model))
    if cached and cached[0] is model:
        return cached[1]
    context = DirectoryContext(language="en", services=model.services, vocabulary=model.vocabulary)
    pages: dict[str, PageMeta] = {}
    for service in model.services.values():
        document, _ = parse_document(service_source(context, service), service.file)
        pages[service_page(service.slug)] = PageMeta(
            path=service_page(service.slug), file=service.file, title=service.name, description=summary(service),
            audience=("young-people",), topics=(), owner=service.owner, last_reviewed=service.last_reviewed,
            review_every=service.review_every, sensitive=service.sensitive, type="service",
            service_categories=service.categories, key_lines={"name": service.line_of("name") or 1},
            body=document.body if document else "", body_line=1, raw=dict(service.raw))
    _CACHE.clear()
    _CACHE[id(model)] = (model, pages)
    return pages


def vocabulary_messages(model) -> list[tuple[str, str, int]]:
    """Category and accessibility-feature titles for the interface catalog: (message, file, line).

    They are interface strings (the same on every page) that live in data files, not in code:
    `for message, file, line in vocabulary_messages(model): ...` in `signpost translations extract`.
    """
    vocabulary = model.vocabulary  # read once by the model, with the line of every title
    messages: list[tuple[str, str, int]] = []
    for name, titles in ((CATEGORIES_FILE, [(c.id, c.title) for c in vocabulary.categories.values()]),
                         (ACCESSIBILITY_FILE, list(vocabulary.accessibility.items()))):
        for entry_id, title in titles:
            messages.append((title, f"data/{name}", vocabulary.title_lines.get((name, entry_id), 0)))
    return messages
