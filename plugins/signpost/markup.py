"""Inline Markdown to HTML for the core, without the core knowing the Markdown library.

The translation integrity check compares an English message and its
translation as rendered HTML (links, emphasis, code), the way Sphinx compares
parsed references. The renderer belongs to the engine: its adapter registers
one when it is imported (`signpost.engine.mkdocs` does), so the plugins and
every CLI command that loads the project have it. Without one, the check
fails loudly rather than passing a broken translation. Engine-free.
"""

from __future__ import annotations

from typing import Callable

_renderer: Callable[[str], str] | None = None


def use_renderer(renderer: Callable[[str], str]) -> None:
    """Set how inline Markdown becomes HTML (called by the engine adapter)."""
    global _renderer
    _renderer = renderer


def render_inline(text: str) -> str:
    """`text` rendered as the site's Markdown renders it."""
    if _renderer is None:
        raise RuntimeError("no Markdown renderer is registered: import signpost.engine.mkdocs "
                           "(the engine adapter) before checking translations")
    return _renderer(text)
