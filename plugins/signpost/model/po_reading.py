"""babel's reading of a PO file, with its header read the short way when it is a plain one. Engine-free.

babel reads a file's header (the `msgid ""` message) with the standard library's
e-mail parser, then iterates the catalog by making that header again (dates formatted
through CLDR) each time. Checking a site's catalogs (2,708 files at 400 pages x 4
languages) spent about a third of babel's reading there, for fields a PO header
writes one per line, `Name: value`, as the gettext manual shows. So:

- `header_fields` reads a header made only of such lines, exactly as the e-mail
  parser would (tests/test_po_reading.py compares the two on generated headers);
  anything else (a folded line, a carriage return, a line without a name) goes to
  babel's own reading, unchanged;
- `ReadCatalog` keeps its messages in reading order (`messages_as_read`), so a check
  can walk them without babel making the header again.

The reading stays babel's: its `PoFileParser` fills the catalog, as `read_po` does.
"""

from __future__ import annotations

import re
from typing import IO

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileParser

#: A header line the e-mail parser reads as one field: a name of printable ASCII but `:` and
#: space (its `headerRE`), a colon, and a value with no line break of its own.
_FIELD_LINE = re.compile(r"([\041-\071\073-\176]+):[ \t]*([^\r\n]*)")
#: Lone surrogates: the e-mail parser turns such a value into a `Header` object (none can come
#: from a strictly decoded UTF-8 file; checked so the short way never differs).
_SURROGATE = re.compile("[\ud800-\udfff]")


def header_fields(text: str) -> list[tuple[str, str]] | None:
    """`message_from_string(text).items()` for a header of plain `Name: value` lines; None for any other."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the header's last line ends with `\n`
    fields = []
    for line in lines:
        match = _FIELD_LINE.fullmatch(line)
        if match is None:
            return None
        fields.append((match.group(1), match.group(2)))
    if _SURROGATE.search(text):
        return None
    return fields


#: What babel's `header_comment` replaces (project, version, year, holder, language name).
_HEADER_COMMENT_TOKENS = ("PROJECT", "VERSION", "YEAR", "ORGANIZATION", "Translations template")


class ReadCatalog(Catalog):
    """A babel Catalog as read from a file: the header read the short way when it can be, and the messages
    in reading order (`messages_as_read`: as read, not kept up to date when the catalog changes)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.messages_as_read: dict[tuple, Message] = {}
        self.header_user_comments: list[str] | None = None  # None: the file had no header message

    @property
    def header_comment_as_read(self) -> str:
        """`header_comment` without formatting it when there is nothing to replace (it asks CLDR for the
        language's English name each time)."""
        if self.header_user_comments is None:
            return self.header_comment  # babel's default header comment, formatted
        comment = "\n".join(f"# {c}".rstrip() for c in self.header_user_comments)
        return self.header_comment if any(token in comment for token in _HEADER_COMMENT_TOKENS) else comment

    def __setitem__(self, id, message: Message) -> None:
        if id == "":
            self.header_user_comments = list(message.user_comments)
            fields = header_fields(message.string) if isinstance(message.string, str) else None
            if fields is not None:
                # babel's own handling of the header message (Catalog.__setitem__), less the e-mail parser.
                self.mime_headers = fields
                self.header_comment = "\n".join(f"# {c}".rstrip() for c in message.user_comments)
                self.fuzzy = message.fuzzy
                return
        super().__setitem__(id, message)
        if id != "":
            # babel keeps the first message of a msgid (a repeated one is merged into it).
            singular = id[0] if isinstance(id, (list, tuple)) else id
            self.messages_as_read.setdefault((singular, message.context), message)


def read_po_file(fileobj: IO[bytes], locale: str, *, abort_invalid: bool = True) -> ReadCatalog:
    """babel's `read_po(fileobj, locale=locale, abort_invalid=...)`, into a `ReadCatalog`."""
    catalog = ReadCatalog(locale=locale)
    PoFileParser(catalog, ignore_obsolete=False, abort_invalid=abort_invalid).parse(fileobj)
    return catalog
