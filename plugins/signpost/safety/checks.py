"""The security checks `signpost check` and the build run on the content model. MkDocs-free.

Registered in `signpost.checks.MODEL_CHECKS`; the build adds the same
findings through the content plugin. Each refused input is an error naming
file, line and field; what it refuses is also removed from the output (see
`safety.markup`, `safety.output`), so the findings explain what the reader
will not see.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable

from signpost.findings import Finding, error
from signpost.safety.links import markdown_url_findings, url_field_findings
from signpost.safety.markup import raw_html_findings

CHECK = "security"
#: Embedding, override and isolate controls: they make text display in another order than it is stored.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Checked by the page schema already (with the same message): not reported twice.
_SCHEMA_HTML_FIELDS = ("title", "description")


def check_model(model) -> list[Finding]:
    """Unsafe links, raw HTML, hidden characters and impossible review dates in every page and service."""
    findings: list[Finding] = []
    for page in model.pages.values():
        findings += page_findings(page.file, page.body, page.body_line, page.raw, page.key_lines)
        findings += review_date_findings(page.file, page.last_reviewed, page.review_every, page.key_lines)
    for folder, origins in model.section_defaults.lines.items():
        values = model.section_defaults.by_folder.get(folder, {})
        for key, (file, line) in origins.items():
            findings += text_field_findings(file, {key: values.get(key)}, {key: line})
    for service in model.services.values():
        # HTML in service fields is the service schema's finding; hidden characters are ours.
        findings += text_field_findings(service.file, service.raw, getattr(service, "key_lines", {}) or {},
                                        html=False)
        findings += review_date_findings(service.file, service.last_reviewed, service.review_every,
                                         getattr(service, "key_lines", {}) or {})
    return findings


def page_findings(file: str, body: str, body_line: int, meta: dict[str, Any], key_lines: dict[str, int]
                  ) -> list[Finding]:
    """An editor's page: its body's links and raw HTML, its front matter's text."""
    findings = markdown_url_findings(body, body_line, file)
    findings += raw_html_findings(body, body_line, file)
    findings += hidden_character_findings(file, body, body_line, "body")
    findings += text_field_findings(file, meta, key_lines, skip=_SCHEMA_HTML_FIELDS)
    return findings


def body_findings(file: str, body: str, body_line: int, *, field: str = "description") -> list[Finding]:
    """A service's Markdown description: links by the URL policy, no raw HTML, no hidden characters."""
    return markdown_url_findings(body, body_line, file, field=field) + \
        hidden_character_findings(file, body, body_line, field)


def service_field_findings(meta: dict[str, Any], key_lines: dict[str, int], file: str) -> list[Finding]:
    """A service's URL fields (`url`, `organization.url`, `email`) judged by the URL policy.

    Called from `model.service_schema.validate_service_meta`, so service files
    and `signpost import` rows get the same verdict.
    """
    organization = meta.get("organization") if isinstance(meta.get("organization"), dict) else {}
    values = [("url", meta.get("url")), ("email", meta.get("email")), ("website", meta.get("website")),
              ("organization.url", organization.get("url")), ("organization.email", organization.get("email")),
              ("organization.website", organization.get("website"))]
    return url_field_findings(values, file, key_lines)


def text_field_findings(file: str, meta: dict[str, Any], key_lines: dict[str, int], *,
                        skip: Iterable[str] = (), html: bool = True) -> list[Finding]:
    """Every text value in metadata: no HTML, no control or direction characters."""
    findings = []
    skipped = set(skip)
    for path, value in _strings(meta):
        key = path.split(".")[0].split("[")[0]
        line = key_lines.get(key)
        if html and _HTML.search(value) and path not in skipped:
            findings.append(error(file, f"`{path}` contains HTML: {value[:60]!r}", line=line, field=path,
                                  check=CHECK, hint="write plain text; it is shown as text, never as HTML"))
        findings += hidden_character_findings(file, value, line, path, single_line=True)
    return findings


def hidden_character_findings(file: str, text: str, first_line: int | None, field: str, *,
                              single_line: bool = False) -> list[Finding]:
    """Direction controls (U+202A-202E, U+2066-2069) and control characters, by line."""
    findings = []
    for offset, line_text in enumerate(text.splitlines() or [text]):
        line = None if first_line is None else first_line + (0 if single_line else offset)
        found = BIDI_CONTROLS.search(line_text)
        if found:
            findings.append(error(
                file, f"an invisible text-direction character (U+{ord(found.group()):04X}) can make the text "
                      "show in a different order than it is written", line=line, field=field, check=CHECK,
                hint="delete it; for right-to-left words in English text no control character is needed"))
        found = _CONTROL.search(line_text)
        if found:
            findings.append(error(file, f"an invisible control character (U+{ord(found.group()):04X})", line=line,
                                  field=field, check=CHECK, hint="delete it (retype the text around it)"))
    return findings


def review_date_findings(file: str, last_reviewed: dt.date | None, period, key_lines: dict[str, int]
                         ) -> list[Finding]:
    """A review date past the year 9999 (an impossible date, not a traceback)."""
    if last_reviewed is None or period is None:
        return []
    if period.after(last_reviewed) < dt.date.max:
        return []
    return [error(file, f"`last_reviewed` ({last_reviewed}) plus `review_every` ({period}) is past the year 9999",
                  line=key_lines.get("review_every") or key_lines.get("last_reviewed"), field="review_every",
                  check=CHECK, hint="write the real review date and a period such as P6M or P12M")]


def _strings(value: Any, path: str = "") -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
