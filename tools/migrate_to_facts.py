"""One-off (December 2026): replace literal centre details with fact references, in pages and catalogs.

Kept as a record of how the references were introduced: the same replacement in the
English page, in each msgid and in each msgstr, so translations stay published
(the integrity check compares the references). Run from the project root.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

REPLACEMENTS = [
    ("The Hub, 12 Bridge Street, Riverside RV1 2AB", "{{ fact.centre.address }}"),
    ("0113 496 0123", "{{ fact.centre.phone }}"),
    ("07700 900123", "{{ fact.centre.text }}"),
    ("help@example.org", "{{ fact.centre.email }}"),
    ("0113 496 0150", "{{ fact.centre.partners-phone }}"),
    ("partners@example.org", "{{ fact.centre.partners-email }}"),
]


def replace(text: str) -> str:
    for literal, reference in REPLACEMENTS:
        text = text.replace(literal, reference)
    return text


def main() -> int:
    for page in sorted(Path("content").rglob("*.md")):
        if "/services/" in page.as_posix() or "/organisations/" in page.as_posix() or "/locations/" in page.as_posix():
            continue
        text = page.read_text(encoding="utf-8")
        head, sep, body = text.partition("\n---\n")
        new = head + sep + replace(body)
        if new != text:
            page.write_text(new, encoding="utf-8")
    problems = 0
    for po in sorted(Path("translations").rglob("*.po")):
        if "/services/" in po.as_posix() or po.name == "interface.po":
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle)
        changed = False
        for message in list(catalog):
            if not message.id or not isinstance(message.id, str) or replace(message.id) == message.id:
                continue
            new_id, new_string = replace(message.id), replace(message.string or "")
            if message.string and "{{" not in new_string:
                print(f"{po}: could not carry the reference into the translation of {message.id!r}")
                problems += 1
            del catalog[message.id]
            message.id, message.string = new_id, new_string
            catalog[new_id] = message
            changed = True
        if changed:
            buffer = io.BytesIO()
            write_po(buffer, catalog, width=76, include_previous=True, sort_output=False)
            po.write_bytes(buffer.getvalue())
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
