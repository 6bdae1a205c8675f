"""Every `signpost` command's words, help line and arguments: all that `--help` and argument parsing need.

Why apart from the commands: a command module imports what it runs on (MkDocs,
the core, babel, ...) at its top, up to a second by `python -X importtime`, and
`signpost --help` or `signpost check --help` must not pay that for eighteen
commands. This module imports only the standard library; `signpost.cli` builds
the whole parser from it and then imports one command module, the one that runs
(`signpost.commands.<module>.run(args) -> int`).

A command is registered by decorating the function that adds its arguments;
the order here is the order `signpost --help` lists them in.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path
from typing import Callable, NamedTuple

Configure = Callable[[argparse.ArgumentParser], None]


class Command(NamedTuple):
    """One command line: `signpost report coverage` -> words ("report", "coverage"), module report_coverage.

    A NamedTuple, not a dataclass: `dataclasses` loads `inspect` and `ast` (~9 ms by -X importtime), and this
    module is all `signpost --help` imports.
    """

    words: tuple[str, ...]
    module: str  # signpost.commands.<module> has run(args) -> int
    help: str
    configure: Configure


COMMANDS: list[Command] = []


def command(words: str, module: str, help: str) -> Callable[[Configure], Configure]:
    """Register the decorated function as the one that adds this command's arguments."""
    def register(configure: Configure) -> Configure:
        COMMANDS.append(Command(tuple(words.split()), module, help, configure))
        return configure
    return register


# Shared arguments and argument types.

def add_project_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    parser.add_argument("--data", default="data", type=Path, help="registries folder (default: data)")


def add_record_arguments(parser: argparse.ArgumentParser, name_help: str) -> None:
    """The arguments every record file takes: the project folders, its name, and --slug to choose the file name."""
    add_project_arguments(parser)
    parser.add_argument("name", nargs="+", help=name_help)
    parser.add_argument("--slug", help="the file name without .md (default: made from the name)")


def days_argument(text: str) -> int:
    """`30`, `30d`, `6w`, `3m` or `P30D` as a number of days."""
    match = re.fullmatch(r"P?(\d+)([dwmDWM]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (write 30d, 6w or 3m)")
    number, unit = int(match.group(1)), match.group(2).lower()
    return number * {"": 1, "d": 1, "w": 7, "m": 30}[unit]


# The commands.

@command("check", "check",
         "Every finding the build would report, without publishing (cached until an input changes).")
def check(parser: argparse.ArgumentParser) -> None:
    add_project_arguments(parser)
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", type=Path)
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--format", choices=["text", "json", "github"], default="text",
                        help="text (default), json, or github: GitHub Actions annotations (::error file=...)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--no-cache", action="store_true", help="check again even if nothing changed")


@command("build", "build", "Build the site into a temporary folder and replace site/ only when it succeeded.")
def build(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", type=Path)
    parser.add_argument("--site-dir", "-d", default=Path("site"), type=Path)
    parser.add_argument("--no-strict", action="store_true", help="do not treat warnings as errors")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="languages built side by side in this many processes (default: the number of cores)")


@command("new page", "new_page", "Write a new page with all required metadata filled in.")
def new_page(parser: argparse.ArgumentParser) -> None:
    add_project_arguments(parser)
    parser.add_argument("path", help="where to write it, inside content/ (e.g. local-info/bullying.md)")
    parser.add_argument("--title", help="the page title (default: from the file name)")


@command("new service", "new_service", "Write a new directory service file with a fresh id.")
def new_service(parser: argparse.ArgumentParser) -> None:
    add_record_arguments(parser, "the service's name, e.g. Riverside Drop-in")
    parser.add_argument("--category", action="append", default=[],
                        help="a category id from data/service-categories.yml (repeat for more)")


@command("new organisation", "new_organisation", "Write a new directory organisation file with a fresh id.")
def new_organisation(parser: argparse.ArgumentParser) -> None:
    add_record_arguments(parser, "the organisation's name, e.g. Riverside Carers Together")


@command("new location", "new_location", "Write a new directory location file (one place, one address).")
def new_location(parser: argparse.ArgumentParser) -> None:
    add_record_arguments(parser, "the place's name, e.g. Northbank Community Centre")


@command("import", "import_services", "Create or update service files from a CSV spreadsheet or an ORUK feed.")
def import_services(parser: argparse.ArgumentParser) -> None:
    add_project_arguments(parser)
    parser.add_argument("csv", type=Path, nargs="?", help="the spreadsheet, saved as CSV (UTF-8)")
    parser.add_argument("--oruk", metavar="SOURCE",
                        help="import Open Referral UK 3.0 JSON: a file, a folder, or an ORUK API's base URL")
    parser.add_argument("--update", action="store_true",
                        help="change existing files too (only the fields in the CSV's columns, or the fields "
                             "the feed gives)")
    parser.add_argument("--dry-run", action="store_true", help="check everything, show what would change, "
                                                                "write nothing")
    parser.add_argument("--category", action="append", default=[],
                        help="ORUK: the category (data/service-categories.yml) for services the feed gives none")
    parser.add_argument("--owner", default="", help="ORUK: the owner for services the feed names none "
                                                     "(default: directory-team@example.org)")
    parser.add_argument("--timeout", type=float, default=20, help="ORUK API: seconds a request may take")
    parser.add_argument("--sheet", choices=("service", "organisation", "location"),
                        help="CSV: which sheet this is (default: worked out from the header)")


@command("translations extract", "translations_extract",
         "Create and update the PO catalogs from the English pages.")
def translations_extract(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", default=".", help="folder with mkdocs.yml (default: current folder)")
    parser.add_argument("--language", "-l", action="append", dest="languages", metavar="LANG",
                        help="only this language (repeatable; default: every language in mkdocs.yml)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a catalog is out of date with the English pages (for CI)")


@command("translations merge", "translations_merge",
         "Fill empty messages from delivered PO files (integrity-checked).")
def translations_merge(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("delivered", type=Path, help="folder laid out like translations/ (<lang>/<page>.po)")
    parser.add_argument("--project", default=".", help="folder with mkdocs.yml (default: current folder)")
    parser.add_argument("--language", "-l", action="append", dest="languages", metavar="LANG")
    parser.add_argument("--overwrite", action="store_true", help="replace existing translations too")


@command("translations status", "translations_status", "How much of each page is translated, per language.")
def translations_status(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", default=".", help="folder with mkdocs.yml (default: current folder)")
    parser.add_argument("--language", "-l", action="append", dest="languages", metavar="LANG",
                        help="only this language (repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


@command("report freshness", "report_freshness", "Every page and service with its owner and review date.")
def report_freshness(parser: argparse.ArgumentParser) -> None:
    add_project_arguments(parser)
    parser.add_argument("--due-within", type=days_argument, metavar="DAYS",
                        help="only pages and services to review within this many days (30d, 6w, 3m), overdue included")
    parser.add_argument("--owner", help="only this owner's pages and services (any part of the owner, any case)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


@command("report coverage", "report_coverage", "The topic x language coverage matrix and every gap.")
def report_coverage(parser: argparse.ArgumentParser) -> None:
    add_project_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--output", "-o", help="write the report to this file instead of printing it")


@command("report facts", "report_facts",
         "Every fact with its source, verification date and where it is used.")
def report_facts(parser: argparse.ArgumentParser) -> None:
    add_project_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


@command("report readability", "report_readability", "Reading-ease and sentence-length table per page.")
def report_readability(parser: argparse.ArgumentParser) -> None:
    add_project_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    parser.add_argument("--config", default="mkdocs.yml", help="read the limits from this mkdocs.yml "
                        "(signpost/accessibility settings; default: mkdocs.yml)")


@command("report digest", "report_digest", "Markdown digest for owners: overdue and due within 30 days.")
def report_digest(parser: argparse.ArgumentParser) -> None:
    add_project_arguments(parser)
    parser.add_argument("--from", dest="source", type=Path, metavar="FRESHNESS_JSON",
                        help="read `signpost report freshness --json` output from this file (default: run it)")
    parser.add_argument("--within", type=days_argument, default=30, metavar="DAYS",
                        help="what falls due within this many days (default: 30)")
    parser.add_argument("--output", "-o", type=Path, help="also write the digest to this file")


@command("serve", "serve", "Live preview of one language that shows a saved page within seconds.")
def serve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--addr", "-a", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    parser.add_argument("--lang", default="en", help="the language to preview (default en)")
    parser.add_argument("--config-file", "-f", default="mkdocs.yml")


@command("a11y", "a11y", "Run the browser accessibility check (pa11y in Chromium) over the built site.")
def a11y(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", default=Path("site"), type=Path, help="built site folder (default: site)")
    parser.add_argument("--content", default=Path("content"), type=Path, help="content folder (default: content)")
    parser.add_argument("--reports", default=Path("reports"), type=Path, help="where a11y.json and "
                        "a11y-junit.xml go (default: reports)")
    parser.add_argument("--cache-dir", default=Path(".cache/plugin/a11y"), type=Path,
                        help="per-page result cache (default: .cache/plugin/a11y)")
    parser.add_argument("--no-cache", action="store_true", help="check every page, ignoring cached results")
    parser.add_argument("--concurrency", type=int, help="pages in the browser at a time (default: "
                        "$SIGNPOST_A11Y_CONCURRENCY, else one per core)")
    parser.add_argument("--pass", dest="passes", action="append", choices=["light", "dark", "target-size"],
                        help="run only this pass (repeatable; default: all three)")
    parser.add_argument("--only", action="append", default=[], metavar="URL_PREFIX",
                        help="check only pages whose URL path starts with this (pl/, charter/); `/` is the home "
                             "page, a trailing $ means exactly that page (ur/$)")
    parser.add_argument("--shard", default="1/1", metavar="I/N",
                        help="check only shard I of N (pages split by URL hash; default 1/1: every page)")
    parser.add_argument("--merge", nargs="+", type=Path, metavar="A11Y_JSON",
                        help="do not check: merge these shard reports against --site and fail on any error, "
                             "crash or page no shard checked")
    parser.add_argument("--print-tool-key", action="store_true",
                        help="print a short hash of the browser tools' versions (a CI cache key) and stop")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium binary (default: /usr/bin/chromium)")


@command("publish", "publish", "Publish a checked site/ to a folder atomically (refuses a build with findings).")
def publish(parser: argparse.ArgumentParser) -> None:
    add_project_arguments(parser)
    parser.add_argument("--dest", required=True, type=Path, help="the folder the web server serves")
    parser.add_argument("--site", default=Path("site"), type=Path, help="built site folder (default: site)")
    parser.add_argument("--a11y-report", default=Path("reports/a11y.json"), type=Path,
                        help="the browser check's report for this build (default: reports/a11y.json)")
