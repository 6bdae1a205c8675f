"""Hostile inputs for the security corpus tests, and the assertion every built page must pass.

The payloads are the classic ones (OWASP XSS filter evasion cheat sheet,
PortSwigger's XSS cheat sheet) that reach HTML through Markdown, YAML, PO
files and spreadsheets. `executable_markup()` is the test's own parser-based
judge, independent of the code under test: it says what in a built page
could run script.
"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

# Markup that runs script when it reaches HTML as is.
MARKUP_PAYLOADS = [
    "<script>alert('script-tag')</script>",
    "<img src=x onerror=alert('img-onerror')>",
    "<svg onload=alert('svg-onload')><circle r=1></svg>",
    "<svg><script>alert('svg-script')</script></svg>",
    "<math><a xlink:href=javascript:alert('math-xlink')>m</a></math>",
    "<iframe srcdoc=\"<script>alert('srcdoc')</script>\"></iframe>",
    "<object data=javascript:alert('object')></object><embed src=javascript:alert('embed')>",
    "<form action=javascript:alert('form')><button formaction=javascript:alert('formaction')>b</button></form>",
    "<a href=\"jav&#x09;ascript:alert('entity-tab')\">t</a>",
    "<details open ontoggle=alert('ontoggle')><summary>s</summary></details>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert('refresh')\">",
    "<base href=\"javascript:alert('base')//\">",
    "<style>@import 'javascript:alert(1)';</style>",
    "</script><script>alert('breakout')</script>",
]
# Break-outs aimed at attributes and <title>/<script> contexts (front matter, interface strings).
BREAKOUT_PAYLOADS = [
    "\"><script>alert('quote-breakout')</script>",
    "' onmouseover='alert(\"single-quote\")' x='",
    "</title><script>alert('title-breakout')</script>",
    "</script><img src=x onerror=alert('json-breakout')><!--",
]
# Link targets that are script in disguise.
LINK_PAYLOADS = [
    "javascript:alert('plain')",
    "java&#115;cript:alert(document.domain)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('entities')",
    "javascript%3Aalert('percent')",
    "JaVaScRiPt:alert('case')",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox('vb')",
]
# Evaluated, these would print 1337 and "evaluated", which the payloads do not contain literally.
TEMPLATE_PAYLOADS = ["{{ 7 * 191 }}", "{% if true %}{{ 'ev' ~ 'al' ~ 'uated' }}{% endif %}"]
BIDI = "\u202e"

# Schemes a built page may link to: the URL policy's, plus signpost's own sms: links.
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset",
                   "cite", "ping"}
_SAFE_SCHEME = re.compile(r"^(?:https?|mailto|tel|sms):", re.I)
_ANY_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.I)
_BANNED = ("iframe", "object", "embed", "frame", "frameset", "applet", "base", "portal")


def body_with_every_payload() -> str:
    """A Markdown body with every payload, each on its own line (so findings can name it)."""
    lines = ["Text before the payloads.", ""]
    for payload in MARKUP_PAYLOADS:
        lines += [payload, ""]
    for target in LINK_PAYLOADS:
        lines += [f"A [link]({target}) and an ![image]({target}).", ""]
    lines += ["[reference link][evil]", "", "[evil]: javascript:alert('reference')", "",
              "<javascript:alert('autolink')>", "",
              "[attribute list](https://example.org){onclick=\"alert('attr-list')\"}", "",
              *TEMPLATE_PAYLOADS, "", f"Hidden {BIDI}direction{BIDI} change.", ""]
    return "\n".join(lines)


def our_scripts(control_html: str) -> set[str]:
    """The inline scripts of a clean page of the same build: the theme's, which every page has."""
    tree = LexborHTMLParser(control_html)
    return {_script_key(node) for node in tree.css("script")}


def executable_markup(page_html: str, ours: set[str], *, scripts_in: str | None = None) -> list[str]:
    """Everything in a page that could run script: the list must be empty.

    `scripts_in` limits the search for foreign `<script>` elements to one part of the page
    (`article`: the content); handlers, URLs and frames are always searched in the whole page.
    """
    tree = LexborHTMLParser(page_html)
    found = []
    scopes = tree.css(scripts_in) if scripts_in else [tree.root]
    for node in (script for scope in scopes if scope is not None for script in scope.css("script")):
        kind = (node.attributes.get("type") or "").strip().lower()
        source = node.attributes.get("src")
        if kind in ("application/ld+json", "application/json"):
            continue
        if source is not None:
            if _ANY_SCHEME.match(source.strip()) or source.strip().startswith("//"):
                found.append(f"script from {source}")
            continue
        if _script_key(node) not in ours:
            found.append(f"inline script {(node.text() or '')[:60]!r}")
    for node in tree.css("*"):
        for name, value in (node.attributes or {}).items():
            lowered = name.lower()
            if lowered.startswith("on") or lowered == "srcdoc":
                found.append(f"{lowered}= on <{node.tag}>")
            elif lowered in _URL_ATTRIBUTES or lowered.endswith(":href"):
                for url in (value or "").split(",") if lowered == "srcset" else [value or ""]:
                    target = re.sub(r"[\x00-\x20\u200b-\u200f\u202a-\u202e\u2066-\u2069]", "", url)
                    if _ANY_SCHEME.match(target) and not _SAFE_SCHEME.match(target):
                        found.append(f"{lowered}={url[:40]!r} on <{node.tag}>")
            elif lowered == "content" and node.tag == "meta" and "url=" in (value or "").lower():
                found.append(f"meta refresh {value[:40]!r}")
    for node in tree.css(", ".join(_BANNED)):
        found.append(f"<{node.tag}> element")
    return found


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _script_key(node) -> str:
    # Relative paths differ by page depth (`../`): compare the scripts' text with them removed.
    return re.sub(r'"(?:\.\./)*\.?\.?/?"|(?:\.\./)+', "", node.text() or "")
