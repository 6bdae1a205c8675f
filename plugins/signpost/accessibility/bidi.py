"""Keep phone numbers, times and number ranges left to right on right-to-left pages. Engine-free.

In an Urdu paragraph or table cell the Unicode bidi algorithm lays out a run
such as "0113 496 0123" group by group from the right: the reader sees
"0123 496 0113", a wrong helpline number. "10:00–17:00" becomes
"17:00–10:00". Wrapping each such run in `<span dir="ltr">` isolates it, so
it reads as written. Only the page content is touched, never scripts, styles
or code blocks. It works on the page's one parsed tree (see
`signpost.engine.mkdocs.rendered_page`), so no extra pass over the HTML text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from signpost.templating import macros

# Digits with separators, then one or more further groups after spaces or a dash:
# "0113 496 0123", "07700 900123", "10:00–17:00", "2026-11-22". A lone number is left alone.
NUMBER_RUN = re.compile(r"(?<!\w)\d[\d:.,/]*(?:(?:[ \u00a0]+|[ \u00a0]*[–\-][ \u00a0]*)\d[\d:.,/]*)+(?!\w)")
PROTECTED_TAGS = frozenset({"script", "style", "pre", "code"})
LTR_CLASS = "signpost-ltr"


def isolate_number_runs(content: LexborNode) -> int:
    """Wrap every number run in the text below `content` in `<span dir="ltr">`; the number of runs wrapped."""
    wrapped = 0
    for node in list(content.traverse(include_text=True, skip_empty=True)):
        if not node.is_text_node:
            continue
        text = node.text_content or ""
        runs = list(NUMBER_RUN.finditer(text))
        if not runs or _protected(node, content):
            continue
        cursor = 0
        for run in runs:
            if run.start() > cursor:
                node.insert_before(text[cursor:run.start()])
            span = _span_template()
            span.insert_child(run.group(0))
            node.insert_before(span)
            cursor = run.end()
        if cursor < len(text):
            node.insert_before(text[cursor:])
        node.decompose()
        wrapped += len(runs)
    return wrapped


def _protected(node: LexborNode, content: LexborNode) -> bool:
    """Inside a script, style, code block or an already isolated run."""
    parent = node.parent
    while parent is not None and parent.mem_id != content.mem_id:
        if parent.tag in PROTECTED_TAGS or (parent.tag == "span" and LTR_CLASS in (parent.attributes.get("class") or "")):
            return True
        parent = parent.parent
    return content.tag in PROTECTED_TAGS


def _span_template() -> LexborNode:
    """The empty span of templates/bidi.html, in a tree of its own (about 20 us).

    Not a clone of one kept tree's span: a clone lives in that tree to its end (inserting a node
    copies it into the page's tree), so every isolated run stayed in memory to the end of the build.
    """
    return LexborHTMLParser(_span_html()).css_first("span")


@lru_cache(maxsize=1)
def _span_html() -> str:
    return str(macros("bidi.html").ltr_run(""))
