"""`signpost new organisation NAME`: start an organisation file (who runs services) with a fresh id."""

from __future__ import annotations

HELP = "Write a new directory organisation file with a fresh id."


def configure(parser) -> None:
    from signpost.commands._common import add_project_arguments
    add_project_arguments(parser)
    parser.add_argument("name", nargs="+", help="the organisation's name, e.g. Riverside Carers Together")
    parser.add_argument("--slug", help="the file name without .md (default: made from the name)")


def run(args) -> int:
    from signpost.commands._places import write_place
    return write_place(args, "organisation")
