"""Helpers shared by the commands: where the project is, how to print findings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from signpost.findings import Report


def add_project_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    parser.add_argument("--data", default="data", type=Path, help="registries folder (default: data)")


def load_project_model(content: Path, data: Path):
    """The content model with the project's settings, read from the `mkdocs.yml` beside `content`.

    The commands are where core and engine meet: the engine adapter reads the
    engine's configuration, the core gets plain settings.
    """
    # Deferred: every command imports this module for `signpost --help`; these load MkDocs and the core.
    from signpost.engine.mkdocs.project import load_settings
    from signpost.model import load_content_model
    settings = load_settings(Path(content).resolve().parent)
    return load_content_model(content, data, settings=settings)


def print_report(report: Report, *, stream=None, quiet_when_clean: bool = False) -> None:
    stream = stream or sys.stderr
    if len(report):
        print(report.format(), file=stream)
    if len(report) or not quiet_when_clean:
        print(f"signpost: {report.summary()}", file=stream)
