"""One post-page step: each rendered page is parsed once, rewritten and checked from that tree, serialised once.

Before, every plugin ran its own `on_post_page` over the page text (regexes
for `<html lang>`, hreflang, the search settings, bidi runs, section ids,
then a Lexbor parse for the checks). Now the content plugin's `on_post_page`
parses the page once (Lexbor, about 0.5 ms for a 120 KB page) and hands the
tree to each step, in this order:

0. links to other sites get `rel="noopener noreferrer"` (`outbound_links.py`);
1. signpost/translations: `<html lang dir>`, hreflang (absolute, `x-default`,
   only translated languages), `noindex` + English canonical on pages with
   nothing translated, the search index of the page's language;
2. signpost/coverage: required section ids are on the page;
3. signpost/accessibility: phone numbers and times isolated left to right on
   right-to-left pages, the static checks and readability, the preview box.

Lexbor re-serialises the page (`<!DOCTYPE html>`, `&nbsp;` for U+00A0,
`<tbody>` in tables); the text and links are the same (tools/compare_builds.py).
"""

from __future__ import annotations

from functools import cached_property

from selectolax.lexbor import LexborHTMLParser

from signpost.engine.mkdocs.material import CONTENT_SELECTOR
from signpost.engine.mkdocs.outbound_links import mark_outbound_links

#: The plugins whose `process_rendered_page(rendered, *, page, config)` runs, in this order.
STEPS = ("signpost/translations", "signpost/coverage", "signpost/accessibility")


class RenderedPage:
    """A rendered page as one parsed tree; `changed` says whether it must be serialised again."""

    def __init__(self, html: str) -> None:
        self.original = html
        self.tree = LexborHTMLParser(html)
        self.changed = False

    @cached_property
    def content(self):
        """The editor's part of the page (Material's content article), or None."""
        return self.tree.css_first(CONTENT_SELECTOR)

    def html(self) -> str:
        return self.tree.html if self.changed else self.original


def run_steps(output: str, *, page, config) -> str:
    """The page after every signpost plugin's rewrites and checks, parsed and serialised once."""
    plugins = [plugin for name in STEPS if (plugin := config.plugins.get(name)) is not None
               and getattr(plugin.config, "enabled", True)]
    rendered = RenderedPage(output)
    mark_outbound_links(rendered)
    for plugin in plugins:
        plugin.process_rendered_page(rendered, page=page, config=config)
    return rendered.html()
