"""`signpost new location NAME`: start a location file (one place, one address) with a fresh id."""

from __future__ import annotations

from signpost.commands._new_file import add_record_arguments
from signpost.commands._places import write_place

HELP = "Write a new directory location file (address, geo point, accessibility) with a fresh id."


def configure(parser) -> None:
    add_record_arguments(parser, "the place's name, e.g. Northbank Community Centre")


def run(args) -> int:
    return write_place(args, "location")
