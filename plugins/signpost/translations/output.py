"""Changes to the built HTML, sitemap and search index that the theme templates cannot make. MkDocs-free.

- `<html lang dir>` and `<body dir>` from babel for every page (fallback pages
  included; Material puts `dir` on `<body>` only, from its own language file);
- `hreflang` alternates only for languages the page is translated into;
- the fallback notice, placed under the page's first heading;
- one search index per language, and each language's pages pointed at it;
- the sitemap without pages that have no translation in their language.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import xml.etree.ElementTree as etree
from typing import Callable, Iterable

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.I)
_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="([^"]+)">\s*\n?')
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def set_document_language(page_html: str, language: str, direction: str) -> str:
    """`lang` and `dir` on `<html>`, `dir` on `<body>`."""
    def html_tag(match: re.Match) -> str:
        return _with_attributes(match.group(0), {"lang": language, "dir": direction})

    def body_tag(match: re.Match) -> str:
        return _with_attributes(match.group(0), {"dir": direction})

    return _BODY_TAG.sub(body_tag, _HTML_TAG.sub(html_tag, page_html, count=1), count=1)


def prune_alternate_links(page_html: str, keep: Callable[[str], bool]) -> str:
    """Remove `<link rel="alternate" hreflang="xx">` of each language for which `keep(xx)` is false."""
    return _ALTERNATE.sub(lambda m: m.group(0) if keep(m.group(1)) else "", page_html)


def point_search_at_language(page_html: str, language: str) -> str:
    """Make Material's search on a `/<language>/` page load `<language>/search/search_index.json`."""
    def rewrite(match: re.Match) -> str:
        try:
            config = json.loads(match.group(2))
        except ValueError:
            return match.group(0)
        base = str(config.get("base", "."))
        # The trailing slash matters: Material resolves `search/search_index.json` against it.
        config["base"] = f"{base.rstrip('/')}/{language}/" if base not in ("", ".") else f"{language}/"
        return match.group(1) + json.dumps(config, ensure_ascii=False, separators=(",", ":")) + match.group(3)

    return _CONFIG_SCRIPT.sub(rewrite, page_html, count=1)


def fallback_notice_html(text: str, link_text: str, english_url: str, language: str, direction: str) -> str:
    """The 'not translated yet' notice, in the page's language, linking to the English page."""
    return (f'<div class="signpost-fallback-notice admonition info" role="note" lang="{html.escape(language)}" '
            f'dir="{direction}"><p>{html.escape(text)} '
            f'<a href="{html.escape(english_url)}" hreflang="en">{html.escape(link_text)}</a></p></div>\n')


def insert_after_first_heading(content: str, snippet: str) -> str:
    """`snippet` right after the page's `<h1>`, or at the top when there is none."""
    match = re.search(r"</h1>\s*", content)
    if not match:
        return snippet + content
    return content[: match.end()] + snippet + content[match.end():]


def split_search_index(entries: Iterable[dict], languages: list[str], default: str, base_config: dict,
                       language_config: Callable[[str], dict]) -> dict[str, str]:
    """One search index (JSON text) per language, locations relative to that language's root."""
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
    return {language: json.dumps({"config": {**base_config, **language_config(language)}, "docs": docs},
                                 ensure_ascii=False, separators=(",", ":"), default=str)
            for language, docs in by_language.items()}


def prune_sitemap(xml_text: str, dropped_urls: set[str]) -> str:
    """The sitemap without the pages in `dropped_urls`, as entries or as alternates."""
    etree.register_namespace("", SITEMAP_NS)
    etree.register_namespace("xhtml", XHTML_NS)
    root = etree.fromstring(xml_text.encode("utf-8"))
    for url in list(root.findall(f"{{{SITEMAP_NS}}}url")):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "").strip()
        if loc in dropped_urls:
            root.remove(url)
            continue
        for link in list(url.findall(f"{{{XHTML_NS}}}link")):
            if link.get("href", "") in dropped_urls:
                url.remove(link)
    etree.indent(root, space="    ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _with_attributes(tag: str, attributes: dict[str, str]) -> str:
    for name, value in attributes.items():
        pattern = re.compile(rf'\s{name}="[^"]*"', re.I)
        replacement = f' {name}="{html.escape(value)}"'
        if pattern.search(tag):
            tag = pattern.sub(replacement, tag, count=1)
        else:
            tag = tag[:-1].rstrip("/") + replacement + ">"
    return tag
