"""Findings: problems reported as values, collected, printed together.

Every check in signpost returns findings instead of raising at the first
problem, so an editor sees every mistake of a build at once, each with the
file, the line (of the YAML key where there is one), the field, what is wrong
and how to fix it. The build fails once, at the end, if any finding is an error.
"""

from __future__ import annotations

import enum
import json
from dataclasses import asdict, dataclass, field
from typing import Iterable, Iterator


class Severity(str, enum.Enum):
    """How bad a finding is: errors fail the build, warnings do not.

    Warnings never trip `mkdocs build --strict`: the content plugin prints them
    at INFO level in builds and as warnings in `mkdocs serve` (see
    `signpost.engine.mkdocs.content.plugin.log_finding`). No third level is needed.
    """

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one place."""

    file: str
    line: int | None
    field: str | None
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    check: str = "content"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """`file:line` (or just `file`), the form editors and terminals link to."""
        return f"{self.file}:{self.line}" if self.line else self.file

    def format(self) -> str:
        """A readable one- or two-line rendering for terminals and logs."""
        where = self.location()
        what = f"[{self.field}] " if self.field else ""
        text = f"{where}: {self.severity.value}: {what}{self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass
class Report:
    """All findings of one run, in the order they were found."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def for_file(self, file: str) -> list[Finding]:
        return [f for f in self.findings if f.file == file]

    def sorted(self) -> list[Finding]:
        """Findings grouped by file, then by line, errors before warnings."""
        return sorted(
            self.findings,
            key=lambda f: (f.file, f.line or 0, f.severity is not Severity.ERROR, f.message),
        )

    def format(self) -> str:
        return "\n".join(f.format() for f in self.sorted())

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"

    def to_json(self) -> str:
        return json.dumps([f.to_dict() for f in self.sorted()], indent=2, ensure_ascii=False)


def error(file: str, message: str, *, line: int | None = None, field: str | None = None,
          hint: str = "", check: str = "content") -> Finding:
    """Shorthand for an error finding."""
    return Finding(file, line, field, message, hint, Severity.ERROR, check)


def warning(file: str, message: str, *, line: int | None = None, field: str | None = None,
            hint: str = "", check: str = "content") -> Finding:
    """Shorthand for a warning finding."""
    return Finding(file, line, field, message, hint, Severity.WARNING, check)
