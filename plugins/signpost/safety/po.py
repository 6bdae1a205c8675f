"""A strict reading of PO syntax where babel is lenient. MkDocs-free.

babel's reader silently repairs some broken files: `msgstr "abc` (no closing
quote) is read as `ab`, a stray line is skipped, and an unknown charset
falls back. Translators' tools (msgfmt, Poedit, Weblate) reject those files,
and a silently changed translation is worse than a refused one. So before
babel reads a catalog, every line is checked as `msgfmt` would: a keyword
line or a continuation line holds exactly one closed, validly escaped string,
and the declared charset exists. Hand-written because no library exposes
msgfmt's checks from Python; the grammar is short (GNU gettext manual, "The
Format of PO Files").
"""

from __future__ import annotations

import codecs
import re

_STRING = r'"(?:[^"\\]|\\[\\"abfnrtv?\'0-7xX]|\\[0-7]{1,3})*"'
_KEYWORD_LINE = re.compile(r'^(?:#~\s*)?(?:#\|\s*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+' + _STRING + r"\s*$")
_CONTINUATION = re.compile(r'^(?:#~\s*)?(?:#\|\s*)?' + _STRING + r"\s*$")
_CHARSET = re.compile(r"charset=([A-Za-z0-9_.:\-]+)", re.I)


def po_syntax_problem(text: str) -> tuple[int, str] | None:
    """(1-based line, what is wrong) for the first line msgfmt would refuse; None when the syntax is fine."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith(("#~", "#|"))):
            continue
        body = stripped
        if body.startswith(("#~", "#|")):
            body = body[2:].strip()
            if not body or not (body.startswith(("msg", '"'))):
                continue
        if body.startswith("msg"):
            if not _KEYWORD_LINE.match(body):
                return number, "a line is not `keyword \"text\"` (a quote is missing or a character is not escaped)"
        elif body.startswith('"'):
            if not _CONTINUATION.match(body):
                return number, "a text line does not end with a closing quote (or has an unescaped quote inside)"
        else:
            return number, f"a line is neither a comment, a keyword nor quoted text: {stripped[:40]!r}"
    return None


def charset_problem(text: str) -> tuple[int, str] | None:
    """(line, why) when the header declares a charset Python does not know; None otherwise."""
    for number, line in enumerate(text.splitlines()[:40], start=1):
        match = _CHARSET.search(line)
        if match:
            try:
                codecs.lookup(match.group(1))
            except LookupError:
                return number, f"the header declares an unknown charset `{match.group(1)}`"
            return None
    return None
