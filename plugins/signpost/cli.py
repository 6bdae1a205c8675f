"""The `signpost` command: one entry point, each command in its own module.

Every command module in `signpost.commands` has `HELP` (one line),
`configure(parser)` (its arguments) and `run(args) -> int` (its exit code).
Building the parser imports every command module, so command modules import
their heavy dependencies (MkDocs, the core, babel, ...) inside `run`, each block
with a comment saying what it costs (`python -X importtime -m signpost.cli --help`).
"""

from __future__ import annotations

import argparse
import importlib
import sys

# (words, module): `signpost report coverage` -> signpost.commands.report_coverage
COMMANDS: list[tuple[tuple[str, ...], str, str]] = [
    (("check",), "check", "Every finding the build would report, without publishing (cached until an input changes)."),
    (("build",), "build", "Build the site into a temporary folder and replace site/ only when it succeeded."),
    (("new", "page"), "new_page", "Write a new page with all required metadata filled in."),
    (("new", "service"), "new_service", "Write a new directory service file with a fresh id."),
    (("new", "organisation"), "new_organisation", "Write a new directory organisation file with a fresh id."),
    (("new", "location"), "new_location", "Write a new directory location file (one place, one address)."),
    (("import",), "import_services", "Create or update service files from a CSV spreadsheet or an ORUK feed."),
    (("translations", "extract"), "translations_extract", "Create and update the PO catalogs from the English pages."),
    (("translations", "merge"), "translations_merge", "Fill empty messages from delivered PO files (integrity-checked)."),
    (("translations", "status"), "translations_status", "How much of each page is translated, per language."),
    (("report", "freshness"), "report_freshness", "Every page and service with its owner and review date."),
    (("report", "coverage"), "report_coverage", "The topic x language coverage matrix and every gap."),
    (("report", "facts"), "report_facts", "Every fact with its source, verification date and where it is used."),
    (("report", "readability"), "report_readability", "Reading-ease and sentence-length table per page."),
    (("report", "digest"), "report_digest", "Markdown digest for owners: overdue and due within 30 days."),
    (("serve",), "serve", "Live preview of one language that shows a saved page within seconds."),
    (("a11y",), "a11y", "Run the browser accessibility check (pa11y in Chromium) over the built site."),
    (("publish",), "publish", "Publish a checked site/ to a folder atomically (refuses a build with findings)."),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="signpost", description="Publish and check the youth advice site.")
    groups: dict[tuple[str, ...], argparse._SubParsersAction] = {}
    root = parser.add_subparsers(dest="command", metavar="COMMAND")
    groups[()] = root
    for words, module, help_text in COMMANDS:
        for depth in range(1, len(words)):
            prefix = words[:depth]
            if prefix not in groups:
                group_parser = groups[prefix[:-1]].add_parser(prefix[-1], help=f"{prefix[-1]} commands")
                groups[prefix] = group_parser.add_subparsers(dest=f"command_{depth}", metavar="COMMAND")
        sub = groups[words[:-1]].add_parser(words[-1], help=help_text, description=help_text)
        sub.set_defaults(_module=module)
        _configure(sub, module)
    return parser


def _configure(sub: argparse.ArgumentParser, module: str) -> None:
    name = f"signpost.commands.{module}"
    try:
        command = importlib.import_module(name)
    except ModuleNotFoundError as missing:
        if missing.name != name:
            raise  # the command exists but a module it needs is missing: a broken install must say so
        sub.set_defaults(_missing=True)
        return
    command.configure(sub)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    module = getattr(args, "_module", None)
    if module is None:
        parser.print_help()
        return 2
    if getattr(args, "_missing", False):
        print(f"signpost: this command is not available in this version ({module})", file=sys.stderr)
        return 2
    command = importlib.import_module(f"signpost.commands.{module}")
    try:
        return int(command.run(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
