"""MkDocs' own warnings (broken links and anchors) as signpost findings.

In strict mode MkDocs fails the build on a link to a missing page, but it
only logs a line: `signpost check`, the preview box and the CI annotations
would not know. Collecting those log records here turns each into a Finding
with the file and line, so the build and `signpost check` report the same list.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from signpost.findings import Finding, error, warning

_DOC_FILE = re.compile(r"Doc file '([^']+)'")
_LINK = re.compile(r"contains a link '([^']+)'")
# ProperDocs aliases every `mkdocs.*` import to `properdocs.*`, so its loggers
# (and signpost's own plugin loggers under it) carry the `properdocs` name.
_ENGINE_LOGGERS = ("mkdocs", "properdocs")
_OWN_LOGGERS = ("mkdocs.plugins.signpost", "properdocs.plugins.signpost")  # signpost's findings are already findings


class EngineWarnings(logging.Handler):
    """Keeps every WARNING the engine logs while this process builds."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(_OWN_LOGGERS):
            self.records.append(record)


_HANDLER = EngineWarnings()


def capture() -> None:
    """Start collecting (once per process; the language passes share it)."""
    for name in _ENGINE_LOGGERS:
        logger = logging.getLogger(name)
        if _HANDLER not in logger.handlers:
            logger.addHandler(_HANDLER)


def findings(content_dir: Path, display_prefix: str, *, strict: bool) -> list[Finding]:
    """A finding per distinct engine warning, pointed at the Markdown file and line it names.

    Errors in a strict build (`signpost build`, `signpost check`), where the
    engine itself fails on them; warnings in a lenient one (`--no-strict`, the preview).
    """
    report = error if strict else warning
    result: list[Finding] = []
    for record in _HANDLER.records:
        message = record.getMessage()
        page = _DOC_FILE.search(message)
        if page is None:
            result.append(report("mkdocs.yml", message, field="engine", check="links",
                                hint="see the MkDocs documentation for this warning"))
            continue
        link = _LINK.search(message)
        line = _line_of(content_dir / page.group(1), link.group(1)) if link else None
        result.append(report(f"{display_prefix}/{page.group(1)}", message, line=line, field="link", check="links",
                            hint="point the link at an existing page or heading: a path relative to this file "
                                 "(`../about/contact.md`), with `#anchor` for a heading on it"))
    return result


def _line_of(path: Path, target: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((number for number, text in enumerate(lines, start=1) if target in text), None)
