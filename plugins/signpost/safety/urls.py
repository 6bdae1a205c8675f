"""The one URL policy: which link targets signpost publishes or lets through. MkDocs-free.

A browser decodes HTML entities in an attribute, ignores tabs, newlines and
leading control characters, and some tools decode `%xx` before following a
link; `java&#115;cript:`, `jav&#x09;ascript:` and `javascript%3A` all end up
as `javascript:`. So a URL is judged only after all of that: entity-decoded
and percent-decoded repeatedly until nothing changes, then stripped of every
whitespace, control and format character (bidi marks, zero-width spaces).
What is left passes when it has no scheme (a relative link, a fragment, a
`//host` link that keeps the page's https) or one of SAFE_SCHEMES.

Why hand-written: the allow-list is four words; the decoding is the part
that matters and no library exposes "what the browser will see" as one call
(`urllib.parse` does not strip controls, `html.unescape` does not loop).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

#: Schemes a link written by an editor, a partner or a translator may use.
SAFE_SCHEMES = frozenset({"https", "http", "mailto", "tel"})
#: Schemes signpost itself writes from validated data (text links to a checked phone number).
GENERATED_SCHEMES = frozenset({"sms"})
#: Attributes whose value the browser follows or loads as a URL.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "background",
                            "cite", "longdesc", "data", "ping", "manifest", "codebase", "srcset",
                            "imagesrcset", "lowsrc", "dynsrc", "usemap", "icon", "profile"})

_GENERATED_SMS = re.compile(r"sms:\+?[0-9]{3,15}", re.I)  # exactly what signpost writes: a number, no body
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_MAX_DECODING_ROUNDS = 8  # deeper than any honest URL is ever encoded
_ASCII_INVISIBLE = dict.fromkeys([*range(0x21), 0x7F])  # str.translate: removed
HINT = "link only to https:// (or http://) addresses, mailto:, tel:, or a page of this site"


def decoded(url: str) -> str:
    """What a browser acts on: entities and %xx decoded until stable, whitespace and controls removed."""
    text = str(url)
    if "&" not in text and "%" not in text and text.isascii() and text.isprintable():
        # Nothing to decode, and the only invisible printable ASCII character is the space: the
        # answer of the loop below, without its per-character Unicode look-ups (most URLs of a page).
        return text.replace(" ", "")
    for _ in range(_MAX_DECODING_ROUNDS):
        before = text
        text = unquote(html.unescape(text), errors="replace")
        if text == before:
            break
    # The invisible characters of ASCII (controls, " "; a mailto: body's %0A), then, when what is
    # left is printable, nothing more: a printable character is never a control, format or
    # separator character but " " (tests/test_security.py checks every code point). The same as
    # the character-by-character filter, without its Unicode look-up per character.
    text = text.translate(_ASCII_INVISIBLE)
    if text.isprintable():
        return text
    return "".join(ch for ch in text if not _is_invisible(ch))


def scheme_of(url: str) -> str | None:
    """The lower-case scheme of a URL after decoding, or None for relative and fragment links."""
    match = _SCHEME.match(decoded(url))
    return match.group(1).lower() if match else None


def url_problem(url: str, *, generated: bool = False) -> str | None:
    """Why `url` may not be published (a sentence), or None when it may.

    `generated=True` also allows the schemes signpost writes itself (sms:).
    """
    return _url_problem(str(url), generated)


@lru_cache(maxsize=16384)
def _url_problem(text: str, generated: bool) -> str | None:
    # Cached: every built page is checked, and its navigation repeats the same links page after page.
    if not _stable_within_limit(text):
        return "the address is encoded over and over (a trick to hide a script link)"
    scheme = scheme_of(text)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    if generated and scheme in GENERATED_SCHEMES and _GENERATED_SMS.fullmatch(decoded(text)):
        return None
    shown = decoded(text)[:40]
    if scheme in ("javascript", "vbscript", "livescript", "data", "blob", "filesystem", "jar"):
        return f"the address `{shown}` would run a script or load hidden content (`{scheme}:`)"
    return f"the address `{shown}` uses `{scheme}:`, which is not allowed"


def is_safe_url(url: str, *, generated: bool = False) -> bool:
    return url_problem(url, generated=generated) is None


def srcset_urls(value: str) -> list[str]:
    """The URLs of a `srcset` value (`a.png 1x, b.png 2x`)."""
    return [part.strip().split()[0] for part in str(value).split(",") if part.strip()]


def attribute_is_safe(name: str, value: str, *, generated: bool = False) -> bool:
    """True when an HTML attribute may stay: not an event handler, not a URL the policy refuses."""
    name = name.lower()
    if name.startswith("on") or name == "srcdoc":
        return False
    if name in ("srcset", "imagesrcset"):
        return all(is_safe_url(url, generated=generated) for url in srcset_urls(value))
    if name in URL_ATTRIBUTES or name.endswith(":href"):
        return is_safe_url(value, generated=generated)
    if name == "style":
        return not _dangerous_style(value)
    return True


def needs_value_check(name: str) -> bool:
    """True when `attribute_is_safe(name, value)` depends on the value (URL, srcset and style attributes)."""
    name = name.lower()
    return name in ("srcset", "imagesrcset", "style") or name in URL_ATTRIBUTES or name.endswith(":href")


def _dangerous_style(value: str) -> bool:
    """CSS that can load or run something: `expression()`, `url(javascript:...)`, `-moz-binding`, `behavior`."""
    text = decoded(value).lower().replace("\\", "")
    if "expression(" in text or "-moz-binding" in text or "behavior:" in text or "@import" in text:
        return True
    return any(not is_safe_url(found.strip("'\" ")) for found in re.findall(r"url\(([^)]*)\)", text))


def _stable_within_limit(text: str) -> bool:
    for _ in range(_MAX_DECODING_ROUNDS):
        before = text
        text = unquote(html.unescape(text), errors="replace")
        if text == before:
            return True
    return False


def _is_invisible(ch: str) -> bool:
    # Cc: controls (NUL, tab, CR, LF); Cf: format (bidi overrides, zero-width); Z*: every space.
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")
