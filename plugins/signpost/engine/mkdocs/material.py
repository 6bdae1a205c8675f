"""What signpost knows about Material for MkDocs' page HTML, in one module.

Material decides where the page content sits (`<article class="md-content__inner">`),
how the language alternates are written (`<link rel="alternate" href hreflang>`)
and where its settings live (`<script id="__config">`). The core checks and
rewrites take these as parameters; a theme move (MaterialX, Zensical) changes
this file, not the core.
"""

from __future__ import annotations

import html
import json
import re
from typing import Callable

from signpost.templating import script_json

#: The page content area: the editor's part of the page.
CONTENT_SELECTOR = "article.md-content__inner"
#: Its opening tag as a text prefix (for the text-level rewrites).
CONTENT_START = '<article class="md-content__inner'
#: In `mkdocs serve`, a page's late findings are shown right after this tag.
PREVIEW_ANCHOR = '<article class="md-content__inner md-typeset">'

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.I)
_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="([^"]+)">\s*\n?')
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


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
        # Escaped for <script> (no `</script>`, `<!--` or U+2028/2029 can form), as every JSON we put in a page.
        return match.group(1) + script_json(config) + match.group(3)

    return _CONFIG_SCRIPT.sub(rewrite, page_html, count=1)


def _with_attributes(tag: str, attributes: dict[str, str]) -> str:
    for name, value in attributes.items():
        pattern = re.compile(rf'\s{name}="[^"]*"', re.I)
        replacement = f' {name}="{html.escape(value)}"'
        if pattern.search(tag):
            tag = pattern.sub(replacement, tag, count=1)
        else:
            tag = tag[:-1].rstrip("/") + replacement + ">"
    return tag
