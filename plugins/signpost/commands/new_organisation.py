"""`signpost new organisation NAME`: start an organisation file (who runs services) with a fresh id."""

from __future__ import annotations

from signpost.commands._new_file import add_record_arguments
from signpost.commands._places import write_place

HELP = "Write a new directory organisation file with a fresh id."


def configure(parser) -> None:
    add_record_arguments(parser, "the organisation's name, e.g. Riverside Carers Together")


def run(args) -> int:
    return write_place(args, "organisation")
