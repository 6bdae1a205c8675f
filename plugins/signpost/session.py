"""One build's findings, shared by every plugin and every language build.

mkdocs-static-i18n runs a whole extra build per language inside the first
one, so each plugin sees its events several times. Plugins add their findings
here (duplicates from repeated language runs are dropped); the content plugin
prints them all and fails the build once, after the last language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from signpost.findings import Finding, Report
from signpost.templating import macros


@dataclass
class BuildSession:
    """Findings and facts of the build under way."""

    serving: bool = False
    reported: bool = False
    report: Report = field(default_factory=Report)
    _seen: set[Finding] = field(default_factory=set)

    def add(self, findings) -> None:
        """Record findings, ignoring exact repeats from other language builds."""
        for finding in findings:
            if finding not in self._seen:
                self._seen.add(finding)
                self.report.add(finding)

    def reset(self) -> None:
        self.reported = False
        self.report = Report()
        self._seen = set()


SESSION = BuildSession()


def findings_box_html(findings: list[Finding]) -> str:
    """A visible box listing a page's findings, shown in `mkdocs serve` previews only."""
    if not findings:
        return ""
    return str(macros("notices.html").findings_box(findings))
