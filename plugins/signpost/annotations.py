"""Findings as GitHub Actions workflow commands (`::error file=...,line=...::message`).

`signpost check --format github` prints one line per finding; GitHub shows each
on the pull request's changed file, at the line. The escaping is GitHub's
documented one for workflow commands: `%`, CR and LF in the message; also `:`
and `,` in properties. Hand-written because it is ten lines and no
well-kept library does only this.
"""

from __future__ import annotations

from signpost.findings import Finding, Report


def github_annotations(report: Report) -> str:
    """Every finding as one workflow-command line, in file and line order."""
    return "\n".join(github_annotation(finding) for finding in report.sorted())


def github_annotation(finding: Finding) -> str:
    command = "error" if finding.is_error else "warning"
    properties = {"file": finding.file}
    if finding.line:
        properties["line"] = str(finding.line)
    properties["title"] = f"signpost {finding.check}" + (f": {finding.field}" if finding.field else "")
    message = finding.message + (f"\nfix: {finding.hint}" if finding.hint else "")
    joined = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{command} {joined}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
