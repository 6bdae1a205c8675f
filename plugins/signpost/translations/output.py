"""Changes to the built sitemap, search index and page content that the theme templates cannot make. MkDocs-free.

- the fallback notice, placed under the page's first heading;
- one search index per language, and each language's pages pointed at it;
- the sitemap without pages that have no translation in their language.

Rewrites that depend on the theme's page structure (`<html lang dir>`, the
hreflang links, Material's `__config` script) are in
`signpost.engine.mkdocs.material`.
"""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as etree
from typing import Callable, Iterable, Iterator

from signpost.templating import macros

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def fallback_notice_html(text: str, link_text: str, english_url: str, language: str, direction: str) -> str:
    """The 'not translated yet' notice, in the page's language, linking to the English page."""
    return str(macros("notices.html").fallback_notice(text, link_text, english_url, language, direction))


def insert_after_first_heading(content: str, snippet: str) -> str:
    """`snippet` right after the page's `<h1>`, or at the top when there is none."""
    match = re.search(r"</h1>\s*", content)
    if not match:
        return snippet + content
    return content[: match.end()] + snippet + content[match.end():]


def split_search_index(entries: Iterable[dict], languages: list[str], default: str, base_config: dict,
                       language_config: Callable[[str], dict]) -> Iterator[tuple[str, str]]:
    """One search index (JSON text) per language, locations relative to that language's root.

    Made one language at a time, for the caller to write before the next: the build's
    largest process writes them at its very end, with every language's pages still in memory.
    """
    by_language: dict[str, list[dict]] = {language: [] for language in languages}
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        location = str(entry.get("location", ""))
        language = location.split("/", 1)[0] if location.split("/", 1)[0] in languages else default
        if language != default:
            location = location[len(language) + 1:]
        key = (language, location)
        if key in seen:
            continue
        seen.add(key)
        by_language.setdefault(language, []).append({**entry, "location": location})
    for language, docs in by_language.items():
        yield language, json.dumps({"config": {**base_config, **language_config(language)}, "docs": docs},
                                   ensure_ascii=False, separators=(",", ":"), default=str)


def prune_sitemap(xml_text: str, dropped_urls: set[str], default_language: str | None = None) -> str:
    """The sitemap without the pages in `dropped_urls`, as entries or as alternates.

    With `default_language`, each entry that has alternates gets an `x-default` one
    pointing at the default language's page, as the pages' own `<link>`s do.
    """
    etree.register_namespace("", SITEMAP_NS)
    etree.register_namespace("xhtml", XHTML_NS)
    root = etree.fromstring(xml_text.encode("utf-8"))
    for url in list(root.findall(f"{{{SITEMAP_NS}}}url")):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "").strip()
        if loc in dropped_urls:
            root.remove(url)
            continue
        links = list(url.findall(f"{{{XHTML_NS}}}link"))
        for link in links:
            if link.get("href", "") in dropped_urls or link.get("hreflang") == "x-default":
                url.remove(link)
        default = next((link for link in links if link.get("hreflang") == default_language
                        and link.get("href", "") not in dropped_urls), None)
        if default is not None:
            x_default = etree.SubElement(url, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": "x-default",
                                                                       "href": default.get("href", "")})
            url.remove(x_default)
            url.insert(list(url).index(default) + 1, x_default)
    etree.indent(root, space="    ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)
