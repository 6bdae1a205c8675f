"""`signpost new location NAME`: start a location file (one place, one address) with a fresh id."""

from __future__ import annotations

from signpost.commands._places import write_place


def run(args) -> int:
    return write_place(args, "location")
