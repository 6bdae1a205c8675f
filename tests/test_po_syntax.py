"""The strict PO syntax check (signpost.safety.po): its whole-file reading agrees with its line-by-line one.

`po_syntax_problem` first reads a file with one regular expression and, only when that does not
accept it, line by line (which names the line). The whole-file reading must never accept what the
line-by-line reading refuses: thousands of seeded mutations of real catalog lines, hostile
characters included, are read both ways.
"""

from __future__ import annotations

import random
import time

import pytest

from signpost.safety import po
from signpost.safety.po import charset_problem, line_by_line_problem, po_syntax_problem

LINES = [
    '# A translator comment', '#. source-changed: 2026-10-01', '#: content/about.md:12', '#, fuzzy',
    '#| msgid "Old words"', '#| "more old words"', '#~ msgid "Gone"', '#~ msgstr "Poszło"', '#~', '#|',
    'msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', 'msgctxt "menu"',
    'msgid "Call [us](tel:01134960123) \\"now\\"."', 'msgstr "Zadzwoń \\101\\n\\t"', 'msgid_plural "%d pages"',
    'msgstr[0] "strona"', 'msgstr[12] "stron"', '"continued \\\\ text"', '', '   ', '\t#, fuzzy',
]
PIECES = ['"', '\\', '\\"', '\\1', '\\777', '\\q', ' ', '\t', '\u00a0', '\u2028', '\x85', '\r', '\x0c', '\x1d',
          '#', '#~', '#|', 'msg', 'msgid', 'msgstr[x]', 'ł', 'ی', '\x00', '\n', 'x', '[', ']']


def _mutated(rng: random.Random) -> str:
    lines = [rng.choice(LINES) for _ in range(rng.randint(1, 8))]
    for _ in range(rng.randint(0, 3)):
        index = rng.randrange(len(lines))
        line = lines[index]
        at = rng.randint(0, len(line))
        cut = rng.choice([0, 0, 1, 2])
        lines[index] = line[:at] + rng.choice(PIECES) + line[at + cut:]
    return "\n".join(lines) + rng.choice(["", "\n", "\r\n"])


def test_the_whole_file_reading_never_accepts_what_the_line_by_line_reading_refuses():
    rng = random.Random(20261203)
    accepted_whole = refused = 0
    for _ in range(20000):
        text = _mutated(rng)
        expected = line_by_line_problem(text)
        assert po_syntax_problem(text) == expected, repr(text)
        whole = po._WELL_FORMED.fullmatch(text) is not None and not po._OTHER_LINE_ENDS.search(text)
        assert not (whole and expected is not None), repr(text)
        accepted_whole += whole
        refused += expected is not None
    # Both ways were tried often: the mutations made files of each kind.
    assert accepted_whole > 3000 and refused > 3000, (accepted_whole, refused)


def test_the_real_catalogs_are_read_whole():
    from sitebuilder import ROOT
    for path in sorted((ROOT / "translations").rglob("*.po")):
        text = path.read_text(encoding="utf-8")
        assert po._WELL_FORMED.fullmatch(text) and line_by_line_problem(text) is None, path


@pytest.mark.parametrize("escape", ["\\1", "\\12", "\\x4"])
def test_a_line_of_many_escapes_and_no_closing_quote_is_refused_at_once(escape):
    text = 'msgid "a"\nmsgstr "' + escape * 5000 + 'x\n'
    started = time.process_time()
    assert po_syntax_problem(text)[0] == 2
    # Read with backtracking, 40 escapes took minutes (3^n readings); this is 5,000.
    assert time.process_time() - started < 5


@pytest.mark.parametrize("text, expected", [
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=KOI-99\\n"\n', 3),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', None),
    ('# charset=KOI-99 in a comment\n', 1),
    ("\n" * 40 + '"charset=KOI-99"\n', None),  # line 41: past the header, as before
    ("\n" * 39 + '"charset=KOI-99"\n', 40),
    ('\r\n\u2028"charset=KOI-99"\n', 3),  # every line end str.splitlines knows counts
])
def test_the_charset_is_looked_for_in_the_first_40_lines_and_named_by_its_line(text, expected):
    problem = charset_problem(text)
    assert (problem and problem[0]) == expected
