"""The `signpost` command: one entry point, each command in its own module.

The parser is built from `signpost.commands.arguments` alone (every command's
words, help line and arguments, standard library only), so `signpost --help`
and `signpost <command> --help` load none of MkDocs or the core. Only the
command that runs is imported: `signpost.commands.<module>`, whose `run(args)`
returns the exit code. Command modules import what they need at their top.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from signpost.commands.arguments import COMMANDS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="signpost", description="Publish and check the youth advice site.")
    groups: dict[tuple[str, ...], argparse._SubParsersAction] = {}
    root = parser.add_subparsers(dest="command", metavar="COMMAND")
    groups[()] = root
    for command in COMMANDS:
        words = command.words
        for depth in range(1, len(words)):
            prefix = words[:depth]
            if prefix not in groups:
                group_parser = groups[prefix[:-1]].add_parser(prefix[-1], help=f"{prefix[-1]} commands")
                groups[prefix] = group_parser.add_subparsers(dest=f"command_{depth}", metavar="COMMAND")
        sub = groups[words[:-1]].add_parser(words[-1], help=command.help, description=command.help)
        sub.set_defaults(_module=command.module)
        command.configure(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    module = getattr(args, "_module", None)
    if module is None:
        parser.print_help()
        return 2
    # The one late import of the CLI, on purpose: importing every command module to build the
    # parser would load MkDocs and the core (up to a second) for `--help`; only the one that runs is.
    command = importlib.import_module(f"signpost.commands.{module}")
    try:
        return int(command.run(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
