"""Helpers shared by the commands: where the project is, how to print findings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from signpost.findings import Report


def add_project_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    parser.add_argument("--data", default="data", type=Path, help="registries folder (default: data)")


def print_report(report: Report, *, stream=None, quiet_when_clean: bool = False) -> None:
    stream = stream or sys.stderr
    if len(report):
        print(report.format(), file=stream)
    if len(report) or not quiet_when_clean:
        print(f"signpost: {report.summary()}", file=stream)
