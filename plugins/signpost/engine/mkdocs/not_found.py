"""A "page not found" page per language: `/404.html` in English, `/ur/404.html` in Urdu, ...

MkDocs renders the theme's `404.html` once per build into the site root; with
mkdocs-static-i18n every language build writes the same `site/404.html`, so the root page
ended up in the last language built (Urdu). Here each language's page goes into its own
folder and the root keeps the default language's. Which one a reader sees is the web
server's choice (docs/accessibility.md gives the nginx and Apache settings).
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

NOT_FOUND = "404.html"


def place_not_found_page(output: str, *, language: str, default: str, site_dir: str) -> str:
    """What MkDocs should write to the root `404.html`; other languages' pages are written here."""
    if language == default:
        return output
    target = Path(site_dir) / language / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    root = Path(site_dir) / NOT_FOUND
    try:
        return root.read_text(encoding="utf-8")  # the default language's page, built first
    except OSError:
        return output


def link_languages_to_homes(config) -> None:
    """Before the theme's own pages (404.html): their language links lead to the home pages.

    They are rendered before a language pass's first page, and
    mkdocs-static-i18n gives each page its language links by setting
    `extra.alternate` as an attribute (its `on_page_context`), which the theme
    reads before the item its next pass resets: every translated 404 page's
    language links led to the other languages' copies of the last page of the
    pass before (`/pl/topics/`), and which page that was depended on the order
    the passes ran in. The English 404 page, built first, always had the homes.
    """
    homes = getattr(config.plugins.get("i18n"), "extra_alternate", None)
    if homes:
        config.extra["alternate"] = deepcopy(homes)
        config.extra.alternate = config.extra["alternate"]
