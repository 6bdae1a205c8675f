"""Markdown attribute lists in a text (`{#id}`, `{: .class}`, `{onclick=x}`), found in linear time. MkDocs-free.

The integrity check refuses a translation that adds an attribute list its English lacks. The
lists were found with one regular expression,

    \\{:?[ \\t]*(?:[#.][^}\\n]*|[^}\\n\\s=]+=[^}\\n]*|[^}\\n]*[ \\t][^}\\n]*)\\}

which backtracks: a translation of `{a ` written 800 times (2.4 KB, no closing brace) took it
1.8 s, and the time grows with the cube of the length, so a hostile 10 KB string held a build
for minutes. `attribute_lists` finds exactly what that expression's `findall` finds
(tests/test_attribute_lists.py compares them on generated text), in one pass: a match ends at
the first `}` after its `{` on the same line, so each run of a line up to a `}` holds at most
one match, the one starting at its leftmost `{` whose text up to the `}` qualifies.
"""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s")  # what `\s` is in the expression above (Unicode, for `[^}\n\s=]`)


def attribute_lists(text: str) -> list[str]:
    """Every `{...}` that is not a plain `{placeholder}`, whole, in order (the expression's `findall`)."""
    found = []
    for line in text.split("\n"):
        runs = line.split("}")
        for run in runs[:-1]:  # each run is closed by a `}`; the line's last run is not
            start = _leftmost_list_start(run)
            if start is not None:
                found.append(run[start:] + "}")
    return found


def _leftmost_list_start(run: str) -> int | None:
    """The first `{` in `run` (a line's text up to a `}`, without it) from which `{...}` is an attribute list."""
    first = run.find("{")
    if first < 0:
        return None
    if max(run.rfind(" "), run.rfind("\t")) > first:
        return first  # `{` ... a space or tab ... `}`: the third alternative, from the first `{`
    # From here on no space or tab: `#` or `.` first, or `name=` (no whitespace in the name), each
    # after an optional `:`. The next `=` and whitespace after each position are looked up once,
    # from the end, so the run is read once however many `{` it holds.
    tail = run[first:]
    next_equals, next_space = _next_positions(tail)
    position = 0
    while position >= 0:
        for body in (position + 1, position + 2) if tail[position + 1:position + 2] == ":" else (position + 1,):
            if body < len(tail) and (tail[body] in "#." or (
                    tail[body] != "=" and next_equals[body] < min(len(tail), next_space[body]))):
                return first + position
        position = tail.find("{", position + 1)
    return None


def _next_positions(text: str) -> tuple[list[int], list[int]]:
    """For each position, where the next `=` and the next whitespace are (len(text): none)."""
    size = len(text)
    next_equals, next_space = [size] * (size + 1), [size] * (size + 1)
    for index in range(size - 1, -1, -1):
        character = text[index]
        next_equals[index] = index if character == "=" else next_equals[index + 1]
        next_space[index] = index if _WHITESPACE.match(character) else next_space[index + 1]
    return next_equals, next_space
