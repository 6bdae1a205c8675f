"""The raw-HTML policy: what HTML an editor's page may carry, checked in the source, enforced on output.

Policy (docs/security.md):

- **Editors' Markdown pages** may use raw HTML only from EDITOR_TAGS with
  EDITOR_ATTRIBUTES (inline emphasis, `<details>`, `<div markdown>` boxes,
  `<abbr>`, `<br>`); anything else (`<script>`, `<iframe>`, `<form>`,
  `<svg>`, `<style>`, event handlers, `style`, links the URL policy refuses)
  is an error naming the line, and is never rendered: the page's rendered
  HTML, in every language and with translated blocks in it, passes through
  the `nh3` sanitiser (a maintained binding of Rust's `ammonia`) with only
  the tags Markdown itself produces plus EDITOR_TAGS.
- **Data fields** (front matter titles and descriptions, service fields,
  registries, translations of them) carry no HTML at all: they are escaped.
- **Generated pages** (the directory) are HTML signpost writes with every
  data value escaped; they are not sanitised here, only by the last line of
  defence in `safety.output`.

MkDocs-free: text in, findings or text out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from signpost.findings import Finding, error
from signpost.safety import urls

CHECK = "security"

#: Raw HTML an editor may write in a Markdown page.
EDITOR_TAGS = frozenset({"abbr", "b", "br", "code", "del", "details", "div", "em", "i", "ins", "kbd", "mark",
                         "s", "small", "span", "strong", "sub", "summary", "sup", "u"})
EDITOR_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title", "markdown", "open"})
#: What Markdown and the site's extensions produce (admonitions, tables, details, definition lists, toc).
RENDERED_TAGS = EDITOR_TAGS | frozenset({
    "a", "blockquote", "caption", "col", "colgroup", "dd", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "q", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "ul", "nav",
    "aside", "section",  # signpost's own fragments in editors' pages ("Get help now"); not editors' HTML
})
_RENDERED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title", "role"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "abbr": {"title"},
}
# The tables extension aligns columns with `style="text-align: ..."`: nothing else of CSS is kept.
_STYLE_PROPERTIES = {"text-align"}


@dataclass(frozen=True)
class HtmlTag:
    """A raw HTML start tag found in a Markdown source."""

    name: str
    attributes: tuple[tuple[str, str | None], ...]
    line: int


def sanitise_page_html(html: str) -> str:
    """An editor page's rendered HTML with everything outside the policy removed (text is kept)."""
    return _cleaner().clean(html)


def raw_html_findings(body: str, first_line: int, file: str, *, field: str = "body") -> list[Finding]:
    """Every raw HTML tag or attribute in a Markdown body the policy refuses, with its line."""
    findings = []
    for tag in raw_html_tags(body, first_line):
        if tag.name not in EDITOR_TAGS:
            findings.append(error(
                file, f"raw HTML `<{tag.name}>` is not allowed in a page", line=tag.line, field=field, check=CHECK,
                hint="write it in Markdown; allowed HTML: " + ", ".join(f"<{t}>" for t in sorted(EDITOR_TAGS))
                     + " (the tag is removed from the published page)"))
            continue
        for name, value in tag.attributes:
            if name not in EDITOR_ATTRIBUTES:
                findings.append(error(
                    file, f"the attribute `{name}` on `<{tag.name}>` is not allowed", line=tag.line, field=field,
                    check=CHECK, hint="allowed attributes: " + ", ".join(sorted(EDITOR_ATTRIBUTES))
                                      + " (the attribute is removed from the published page)"))
    return findings


def raw_html_tags(body: str, first_line: int = 1) -> list[HtmlTag]:
    """The raw HTML start tags of a Markdown body (code spans, code blocks and autolinks ignored)."""
    parser = _TagCollector(first_line)
    parser.feed(without_code(_AUTOLINK.sub(lambda m: " " * len(m.group(0)), body)))
    parser.close()
    return parser.tags


def without_code(body: str) -> str:
    """The body with fenced blocks and code spans blanked out, keeping every line where it was."""
    blank = lambda match: re.sub(r"[^\n]", " ", match.group(0))  # noqa: E731
    body = _FENCE.sub(blank, body)
    return _CODE_SPAN.sub(blank, body)


_FENCE = re.compile(r"^([ ]{0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")


class _TagCollector(HTMLParser):
    """html.parser, the standard library's tolerant HTML tokenizer, with the line of each tag."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.tags: list[HtmlTag] = []

    def handle_starttag(self, tag, attrs):
        line = self.first_line + self.getpos()[0] - 1
        self.tags.append(HtmlTag(tag.lower(), tuple((name.lower(), value) for name, value in attrs), line))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        pass  # comments are removed on output; an editor's note is not a problem


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    # generated=True: signpost's own `sms:` links (to a checked number) in the fragments it adds.
    return value if urls.attribute_is_safe(name, value, generated=True) else None


_CLEANER = None


def _cleaner() -> nh3.Cleaner:
    global _CLEANER
    if _CLEANER is None:
        _CLEANER = nh3.Cleaner(
            tags=set(RENDERED_TAGS), clean_content_tags={"script", "style"},
            attributes={tag: set(names) for tag, names in _RENDERED_ATTRIBUTES.items()},
            attribute_filter=_attribute_filter, generic_attribute_prefixes={"aria-"},
            url_schemes=set(urls.SAFE_SCHEMES | urls.GENERATED_SCHEMES), link_rel=None, strip_comments=True,
            filter_style_properties=_STYLE_PROPERTIES)
    return _CLEANER
