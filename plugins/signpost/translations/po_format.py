"""Writing PO files gettext accepts, with babel, and the few things babel gets wrong.

babel's `write_po` is used for everything, with two corrections:

- **previous msgids (`#|`)**: babel formats the old msgid with `normalize()`
  (which splits a long msgid over several quoted lines) and then passes the
  result through its comment `TextWrapper`, which joins and re-breaks those
  lines at spaces. A multi-line paragraph comes out as `#| msgid "` lines cut
  inside the string: `msgfmt -c` fails with "end-of-line within string", and
  the next read (babel reads `#|` as plain comments) mangles it further. We
  write messages with `include_previous=False` and put correctly formatted
  `#|` lines in ourselves, at the place gettext puts them (after the flags).
- **plural forms**: babel's `Plural-Forms` table says `n != 1` for languages it
  does not list (ur) and differs from CLDR for others (pa: 0 is singular in
  CLDR). `cldr_plural_forms` builds the header from babel's CLDR locale data.

References are written without line numbers (`#: content/charter/index.md`),
so moving a paragraph does not rewrite every catalog. MkDocs-free.
"""

from __future__ import annotations

import io

from babel.messages.catalog import Catalog
from babel.messages.pofile import denormalize, normalize, write_po

from signpost.plurals import plural_forms_header

WIDTH = 76
_MARKER = "signpost-previous-"


def po_text(catalog: Catalog) -> str:
    """The catalog as PO text that `msgfmt -c --check-format` accepts, `#|` lines included."""
    previous: dict[str, list[str]] = {}
    marked = []
    for number, message in enumerate(catalog):
        if message.id and message.previous_id and message.fuzzy:
            flag = f"{_MARKER}{number}"
            message.flags.add(flag)
            marked.append((message, flag))
            previous[flag] = _previous_lines(message.previous_id)
    buffer = io.BytesIO()
    try:
        write_po(buffer, catalog, width=WIDTH, include_previous=False, include_lineno=False, sort_output=False)
    finally:
        for message, flag in marked:
            message.flags.discard(flag)
    return "".join(_with_previous_lines(buffer.getvalue().decode("utf-8"), previous))


def read_previous_ids(catalog: Catalog) -> Catalog:
    """babel reads `#| msgid "..."` as translator comments: make them the message's `previous_id` again."""
    for message in [*catalog, *catalog.obsolete.values()]:
        if not message.user_comments:
            continue  # most messages: no `#|` line to look for
        previous = [comment[1:].strip() for comment in message.user_comments if comment.startswith("|")]
        if not previous:
            continue
        message.user_comments = [comment for comment in message.user_comments if not comment.startswith("|")]
        ids, current = [], None
        for line in previous:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgid", "msgid_plural"):
                current = [rest.strip()]
                ids.append(current)
            elif line.startswith('"') and current is not None:
                current.append(line)
        try:
            message.previous_id = [denormalize("\n".join(lines)) for lines in ids]
        except (ValueError, IndexError):
            message.previous_id = []
    return catalog


def _previous_lines(previous_id) -> list[str]:
    lines = []
    for keyword, text in zip(("msgid", "msgid_plural"), previous_id):
        formatted = normalize(text, prefix="#| ", width=WIDTH)
        lines.append(f"#| {keyword} {formatted}\n")
    return lines


def _with_previous_lines(text: str, previous: dict[str, list[str]]):
    """Replace each marker flag by nothing, and add the message's `#|` lines after its flags line."""
    if not previous:
        yield text
        return
    for line in text.splitlines(keepends=True):
        if line.startswith("#,") and _MARKER in line:
            flags = [flag.strip() for flag in line[2:].split(",") if flag.strip()]
            marker = next(flag for flag in flags if flag.startswith(_MARKER))
            rest = [flag for flag in flags if flag != marker]
            if rest:
                yield "#, " + ", ".join(rest) + "\n"
            yield from previous[marker]
        else:
            yield line


# Plural forms from CLDR ------------------------------------------------------------------------

def cldr_plural_forms(language: str) -> str:
    """The `Plural-Forms` header for `language`, from CLDR's rules for whole numbers (pl: 3 forms, pa: 2)."""
    return plural_forms_header(language)


def set_plural_forms(catalog: Catalog, language: str) -> None:
    """Give the catalog CLDR's plural forms (babel's public header setter parses them)."""
    catalog.mime_headers = [("Plural-Forms", cldr_plural_forms(language))]
