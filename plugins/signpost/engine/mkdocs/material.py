"""What signpost knows about Material for MkDocs' page HTML, in one module.

Material decides where the page content sits (`<article class="md-content__inner">`),
how the language alternates are written (`<link rel="alternate" href hreflang>`,
from mkdocs-static-i18n's `extra.alternate`) and where its settings live
(`<script id="__config">`). Every rewrite here works on the page's one parsed
tree (`rendered_page.RenderedPage`); the core checks take the content node.
A theme move (MaterialX, Zensical) changes this file, not the core.
"""

from __future__ import annotations

import json
import posixpath
from functools import lru_cache
from typing import Callable
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from signpost.templating import macros, script_json

#: The page content area: the editor's part of the page.
CONTENT_SELECTOR = "article.md-content__inner"
#: `hreflang` of the alternate search engines show to a reader whose language has no version.
X_DEFAULT = "x-default"


def set_document_language(tree: LexborHTMLParser, language: str, direction: str) -> None:
    """`lang` and `dir` on `<html>`, `dir` on `<body>` (Material sets `dir` on `<body>` only)."""
    html = tree.css_first("html")
    if html is not None:
        html.attrs["lang"] = language
        html.attrs["dir"] = direction
    if tree.body is not None:
        tree.body.attrs["dir"] = direction


def rewrite_alternates(tree: LexborHTMLParser, keep: Callable[[str], bool], *, page_url: str | None,
                       default_language: str) -> None:
    """Keep the `hreflang` alternates for which `keep(language)` is true, as absolute URLs, plus `x-default`.

    Search engines want absolute alternates (Lighthouse fails relative ones) and an
    `x-default` for readers of other languages: the default language's page.
    `page_url` is the page's absolute URL (None without `site_url`: hrefs stay as they are).
    """
    alternates = [node for node in tree.css('link[rel="alternate"][hreflang]')]
    default_href = None
    resolve = _resolver(page_url) if page_url else None
    for node in alternates:
        language = node.attributes.get("hreflang") or ""
        if language == X_DEFAULT or not keep(language):
            node.decompose()
            continue
        if resolve:
            node.attrs["href"] = resolve(node.attributes.get("href") or "")
        if language == default_language:
            default_href = node.attributes.get("href")
            last_default = node
    if default_href is not None and page_url:
        x_default = _head_tag("alternate", "", "")
        x_default.attrs["href"] = default_href
        x_default.attrs["hreflang"] = X_DEFAULT
        last_default.insert_after(x_default)


def _resolver(page_url: str) -> Callable[[str], str]:
    """`urljoin(page_url, href)` for the page's alternates, the page's URL split once.

    An alternate is a plain relative path (`../../pl/charter/`): joined and its dot segments
    removed here, as RFC 3986 does; anything else (a scheme, query, fragment, empty segment)
    goes to urljoin. Why: urljoin splits both URLs again for each of the page's alternates,
    in every language pass (a fifth of the alternates' time). tests/test_alternates.py
    compares the two on generated URLs.
    """
    scheme, netloc, path, _, _ = urlsplit(page_url)
    if "//" in path or not scheme or not netloc:
        return lambda href: urljoin(page_url, href)
    origin, folder = f"{scheme}://{netloc}", path[:path.rfind("/") + 1] or "/"

    def resolve(href: str) -> str:
        if not href or "//" in href or any(mark in href for mark in ":?#\\"):
            return urljoin(page_url, href)
        joined = posixpath.normpath(href if href.startswith("/") else folder + href)
        if joined.startswith("//"):
            return urljoin(page_url, href)
        if joined != "/" and (href.endswith("/") or href.rsplit("/", 1)[-1] in (".", "..")):
            joined += "/"
        return origin + joined
    return resolve


def mark_as_fallback(tree: LexborHTMLParser, english_url: str | None) -> None:
    """A page with nothing translated: `noindex`, canonical to the English page (no duplicate in search)."""
    head = tree.head
    if head is None:
        return
    robots = _head_tag("noindex")
    head.insert_child(robots)
    if english_url:
        canonical = tree.css_first('link[rel="canonical"]')
        if canonical is None:
            canonical = _head_tag("canonical", "")
            head.insert_child(canonical)
        canonical.attrs["href"] = english_url


def point_search_at_language(tree: LexborHTMLParser, language: str) -> None:
    """Make Material's search on a `/<language>/` page load `<language>/search/search_index.json`."""
    script = tree.css_first('script#__config[type="application/json"]')
    if script is None or script.first_child is None:
        return
    pointed = _search_config_for(script.text(), language)
    if pointed is not None:
        script.first_child.replace_with(pointed)


@lru_cache(maxsize=64)  # the same few settings on every page (they differ by the page's depth only)
def _search_config_for(text: str, language: str) -> str | None:
    try:
        config = json.loads(text)
    except ValueError:
        return None
    base = str(config.get("base", "."))
    # The trailing slash matters: Material resolves `search/search_index.json` against it.
    config["base"] = f"{base.rstrip('/')}/{language}/" if base not in ("", ".") else f"{language}/"
    # Escaped for <script> (no `</script>`, `<!--` or U+2028/2029 can form), as every JSON we put in a page.
    return script_json(config)


def insert_at_content_top(content, fragment_html: str) -> None:
    """Vetted HTML (the preview findings box) as the first thing in the content area."""
    fragment = LexborHTMLParser(fragment_html).body  # a fragment parses into <body>
    nodes = [node for node in fragment.iter(include_text=True)]
    anchor = content.first_child
    for node in nodes:
        if anchor is None:
            content.insert_child(node)
        else:
            anchor.insert_before(node)


def _head_tag(macro: str, *arguments: str):
    """A fresh copy of a tag from templates/head.html, in a tree of its own (about 20 us).

    Not a clone of one kept tree's tag: a clone lives in that tree to its end (inserting a
    node copies it into the page's tree, selectolax's import), so every page left about
    0.8 KB per tag in a tree kept to the end of the build.
    """
    return LexborHTMLParser(_head_html(macro, *arguments)).head.child


@lru_cache(maxsize=16)
def _head_html(macro: str, *arguments: str) -> str:
    return str(getattr(macros("head.html"), macro)(*arguments))
