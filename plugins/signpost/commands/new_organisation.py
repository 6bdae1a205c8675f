"""`signpost new organisation NAME`: start an organisation file (who runs services) with a fresh id."""

from __future__ import annotations

from signpost.commands._places import write_place


def run(args) -> int:
    return write_place(args, "organisation")
