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

# Possessive (`*+`, `{1,3}+`): an escape is read one way only. Read with backtracking, a line of
# forty `\\1` escapes and no closing quote took the regular expression engine minutes (3^n ways).
_STRING = r'"(?:[^"\\]|\\[\\"abfnrtv?\'xX]|\\[0-7]{1,3}+)*+"'
_KEYWORD_LINE = re.compile(r'^(?:#~\s*)?(?:#\|\s*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+' + _STRING + r"\s*$")
_CONTINUATION = re.compile(r'^(?:#~\s*)?(?:#\|\s*)?' + _STRING + r"\s*$")
_CHARSET = re.compile(r"charset=([A-Za-z0-9_.:\-]+)", re.I)

# The same grammar for a whole file at once, stricter than the line loop below: lines end with
# `\n` only, space and tab are the only blanks, a string stays on its line. A file it accepts
# the loop accepts too (tests/test_po_safety.py tries that on mutated files); any other file,
# or a file with a problem, goes through the loop, which names the line. Why: the loop was
# the larger part of checking a catalog's syntax, and nearly every file is well formed.
_ONE_LINE_STRING = r'"(?:[^"\\\n]|\\[\\"abfnrtv?\'xX]|\\[0-7]{1,3}+)*+"'
_WELL_FORMED_LINE = (
    r"[ \t]*(?:"
    r"|#(?![~|])[^\n]*"  # a comment
    r"|#[~|][ \t]*(?:(?![ \t]|\s|msg|\")[^\n]*)?"  # `#~` or `#|` before something not a message line
    r"|(?:#[~|][ \t]*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[[0-9]+\])?)[ \t]+" + _ONE_LINE_STRING + r"[ \t]*"
    r"|(?:#[~|][ \t]*)?" + _ONE_LINE_STRING + r"[ \t]*"
    r")")
_WELL_FORMED = re.compile(f"{_WELL_FORMED_LINE}(?:\n{_WELL_FORMED_LINE})*")
# Line ends other than `\n` (str.splitlines splits on each): such a file takes the line loop.
_OTHER_LINE_ENDS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def po_syntax_problem(text: str) -> tuple[int, str] | None:
    """(1-based line, what is wrong) for the first line msgfmt would refuse; None when the syntax is fine."""
    if _WELL_FORMED.fullmatch(text) and not _OTHER_LINE_ENDS.search(text):
        return None
    return line_by_line_problem(text)


def line_by_line_problem(text: str) -> tuple[int, str] | None:
    """`po_syntax_problem` without the whole-file reading first: each line in turn, as msgfmt reads them."""
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
    match = _CHARSET.search(text)  # the first in the file is the first in its first 40 lines, if any is
    if match is None:
        return None
    number = len(text[:match.start() + 1].splitlines())
    if number > 40:
        return None
    try:
        codecs.lookup(match.group(1))
    except LookupError:
        return number, f"the header declares an unknown charset `{match.group(1)}`"
    return None
