"""Links and images in Markdown sources and URL fields, judged by the one URL policy. MkDocs-free.

Found in the source (not the rendered page) so every refusal names its line.
The scan is deliberately generous: anything that Markdown or a browser could
turn into a link target is judged (inline links and images, reference
definitions, autolinks, URL attributes of raw HTML). What it could still miss
is caught on output by `safety.output`, which removes refused URLs from the
built HTML.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from signpost.findings import Finding, error
from signpost.safety import urls
from signpost.safety.markup import raw_html_tags, without_code

CHECK = "security"

_INLINE_TARGET = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]*)")
_REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")


def markdown_url_findings(body: str, first_line: int, file: str, *, field: str = "body") -> list[Finding]:
    """An error for every link or image target in a Markdown body that the URL policy refuses."""
    findings = []
    for target, line in markdown_urls(body, first_line):
        problem = urls.url_problem(target)
        if problem:
            findings.append(_finding(file, line, field, target, problem))
    return findings


def markdown_urls(body: str, first_line: int = 1) -> list[tuple[str, int]]:
    """(target, line) of every link-like target in a Markdown body, code excluded."""
    text = without_code(body)
    found: list[tuple[str, int]] = []
    for pattern in (_INLINE_TARGET, _REFERENCE_DEFINITION, _AUTOLINK):
        for match in pattern.finditer(text):
            target = match.group(1)
            if target.startswith("<") and target.endswith(">"):
                target = target[1:-1]
            found.append((target, first_line + text.count("\n", 0, match.start(1))))
    for tag in raw_html_tags(body, first_line):
        for name, value in tag.attributes:
            if value is not None and not _attribute_is_text(name) and not urls.attribute_is_safe(name, value):
                found.append((value, tag.line))
    return sorted(found, key=lambda item: item[1])


def url_field_findings(values: Iterable[tuple[str, Any]], file: str, key_lines: dict[str, int] | None = None,
                       *, line_of=None) -> list[Finding]:
    """Errors for URL fields (`url`, `organization.url`, `email`, ...) whose value the policy refuses.

    `values` gives (field path, value); an email address is judged as the `mailto:` link it becomes.
    """
    findings = []
    for field, value in values:
        if not isinstance(value, str) or not value:
            continue
        target = value
        if field.split(".")[-1] == "email":
            if urls.decoded(value) != value.strip() or ":" in value:
                findings.append(error(file, f"the email address {value[:60]!r} has hidden characters or a scheme",
                                      line=_line(field, key_lines, line_of), field=field, check=CHECK,
                                      hint="write only the address, e.g. hello@example.org"))
                continue
            target = "mailto:" + value
        problem = urls.url_problem(target)
        if problem:
            findings.append(_finding(file, _line(field, key_lines, line_of), field, value, problem))
    return findings


def _finding(file: str, line: int | None, field: str, target: str, problem: str) -> Finding:
    scheme = urls.scheme_of(target)
    label = field.split(".")[-1].split("[")[0]
    what = "a script" if scheme in ("javascript", "vbscript", "livescript", "data") else f"a `{scheme}:` address"
    shown = urls.decoded(target)[:50]
    return error(file, f"the {label} links to {what} (`{shown}`); the link is never published", line=line,
                 field=field, check=CHECK, hint=urls.HINT)


def _attribute_is_text(name: str) -> bool:
    return name in ("alt", "title", "class", "id", "lang", "dir", "markdown", "open", "name")


def _line(field: str, key_lines: dict[str, int] | None, line_of) -> int | None:
    if line_of is not None:
        return line_of(field)
    return (key_lines or {}).get(field.split(".")[0].split("[")[0])
