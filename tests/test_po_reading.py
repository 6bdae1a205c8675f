"""signpost's reading of a PO file (signpost.model.po_reading) is babel's, message for message.

The header is read the short way only when it is plain `Name: value` lines: on generated
headers, hostile characters included, the short way gives what the e-mail parser babel uses
gives, or declines. Whole files read both ways give the same catalog.
"""

from __future__ import annotations

import io
import random
from email import message_from_string

import pytest
from babel.messages.pofile import read_po

from signpost.model.po_reading import ReadCatalog, header_fields, read_po_file
from signpost.translations.catalogs import is_draft_catalog

NAMES = ["Content-Type", "Plural-Forms", "Language", "X-Generator", "From", "From x", "", "Naïve", "a b", "ok"]
VALUES = ["text/plain; charset=UTF-8", "nplurals=3; plural=(n==1 ? 0 : 1);", "pl", "", "  spaced  ",
          "\tx", "ł ۱۳", "a:b", "x\ry", "x\x85y", "x\u2028y", "x\x0by", "\ud800", "From y"]


def _header(rng: random.Random) -> str:
    lines = []
    plain = rng.random() < 0.5  # half the headers: well-formed fields only (with hostile values)
    for _ in range(rng.randint(0, 6)):
        roll = rng.random() * (0.75 if plain else 1)
        if roll < 0.75:
            name = rng.choice(NAMES[:5] if plain else NAMES)
            lines.append(f"{name}:{rng.choice(['', ' ', '  ', chr(9)])}{rng.choice(VALUES)}")
        elif roll < 0.85:
            lines.append(rng.choice([" folded", "\tfolded", "", "no colon here", "From someone"]))
        else:
            lines.append(rng.choice(VALUES))
    return "\n".join(lines) + rng.choice(["", "\n"] if plain else ["", "\n", "\r\n", "\n\n"])


def test_a_plain_header_is_read_as_the_email_parser_reads_it():
    rng = random.Random(31)
    short = declined = 0
    for _ in range(20000):
        text = _header(rng)
        fields = header_fields(text)
        if fields is None:
            declined += 1
            continue
        short += 1
        assert fields == message_from_string(text).items(), repr(text)
    assert short > 2000 and declined > 2000, (short, declined)


def _same(ours, babels):
    assert ours.mime_headers == babels.mime_headers
    assert ours.header_comment == babels.header_comment and ours.fuzzy == babels.fuzzy
    assert ours.header_comment_as_read == babels.header_comment  # formatted only when there is something to format
    assert ours.num_plurals == babels.num_plurals and ours.plural_expr == babels.plural_expr
    assert [vars(m) for m in ours.messages_as_read.values()] == [vars(m) for m in babels if m.id]
    assert [vars(m) for m in ours] == [vars(m) for m in babels]
    assert [vars(m) for m in ours.obsolete.values()] == [vars(m) for m in babels.obsolete.values()]
    assert is_draft_catalog(ours) == any(line.lstrip("# ").startswith("machine-draft")
                                         for line in babels.header_comment.splitlines())


def test_the_projects_catalogs_read_as_babel_reads_them():
    from sitebuilder import ROOT
    paths = sorted((ROOT / "translations").rglob("*.po"))
    assert len(paths) > 20
    for path in paths:
        data, language = path.read_bytes(), path.relative_to(ROOT / "translations").parts[0]
        _same(read_po_file(io.BytesIO(data), language), read_po(io.BytesIO(data), locale=language, abort_invalid=True))


@pytest.mark.parametrize("text", [
    # a folded header line and a duplicate msgid: babel's own reading, and its merge
    '# machine-draft\nmsgid ""\nmsgstr ""\n"X-Generator: Poedit\\n"\n" 3.4\\n"\n\nmsgid "a"\nmsgstr "b"\n\n'
    '#: x.md:1\nmsgid "a"\nmsgstr "c"\n',
    # no header at all; a plural message; a context; an obsolete message
    'msgctxt "menu"\nmsgid "a"\nmsgstr "b"\n\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
    'msgstr[2] "z"\n\n#~ msgid "old"\n#~ msgstr "stary"\n',
    # a header comment babel formats (PROJECT, YEAR), and a draft line after it
    '# PROJECT translations, YEAR\n# machine-draft: not checked\n#, fuzzy\nmsgid ""\nmsgstr ""\n'
    '"Project-Id-Version: Riverside 2\\n"\n"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 '
    '&& (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\nmsgid "a"\nmsgstr "b"\n',
])
def test_unusual_files_read_as_babel_reads_them(text):
    data = text.encode("utf-8")
    ours = read_po_file(io.BytesIO(data), "pl")
    assert isinstance(ours, ReadCatalog)
    _same(ours, read_po(io.BytesIO(data), locale="pl", abort_invalid=True))
