"""`signpost new organisation NAME`: start an organisation file (who runs services) with a fresh id."""

from __future__ import annotations

HELP = "Write a new directory organisation file with a fresh id."


def configure(parser) -> None:
    from signpost.commands._common import add_project_arguments
    add_project_arguments(parser)
    parser.add_argument("name", nargs="+", help="the organisation's name, e.g. Riverside Carers Together")
    parser.add_argument("--slug", help="the file name without .md (default: made from the name)")


def run(args) -> int:
    from signpost.commands.new_location import write_place
    return write_place(args, "organisation")


def organisation_template(name_line: str, record_id: str) -> str:
    """A complete organisation file: every field, with what to write in comments."""
    return f"""---
# An organisation that runs directory services. Every field is described in docs/directory.md.
# Services name it by this file's name: `organization: <file name without .md>`.
# The id is this organisation's for ever: never change it, never copy it to another file.
id: {record_id}
{name_line}
url: https://www.example.org
# email: hello@example.org
# charity_number: "1234567"
# company_number: "01234567"
---

What the organisation does, in one or two plain sentences (Open Referral UK needs this).
"""
