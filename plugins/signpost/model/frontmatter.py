"""Read a Markdown file's YAML front matter, keeping the line of every key.

Why not `mkdocs.utils.meta` or `yaml.safe_load`: both lose line numbers, and
PyYAML turns `2026-02-30` into a crash. Here YAML timestamps stay strings (the
schema checks them as dates with a clear message), duplicate keys are reported
instead of silently dropped, and every failure becomes a Finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from signpost.findings import Finding, error
from signpost.model.yaml_nodes import compose_yaml
from signpost.safety import limits

FENCE = "---"


@dataclass
class Document:
    """A Markdown source split into metadata and body."""

    file: str
    meta: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)


def read_document(path: Path, display: str) -> tuple[Document | None, list[Finding]]:
    """Read `path` (shown to people as `display`); None when it cannot be used at all."""
    try:
        raw = path.read_bytes()
    except OSError as problem:
        return None, [error(display, f"cannot read the file: {problem.strerror}")]
    too_big = limits.size_problem(len(raw), limits.MAX_PAGE_BYTES, "file")
    if too_big:
        return None, [error(display, too_big, hint="split it into several pages", check="security")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        return None, [error(
            display, f"the file is not UTF-8 text (byte {problem.start} cannot be read)",
            line=line, hint="save the file as UTF-8 (in most editors: Save with encoding > UTF-8)",
        )]
    nul = limits.nul_line(text)
    if nul:
        return None, [error(display, "the file contains a NUL character (an invisible zero byte)", line=nul,
                            hint="delete the character, or save the file again as plain UTF-8 text",
                            check="security")]
    return parse_document(text.lstrip("\ufeff"), display)


def parse_document(text: str, display: str) -> tuple[Document | None, list[Finding]]:
    """Split and parse already-decoded Markdown text."""
    if not text.strip():
        return None, [error(
            display, "the file is empty",
            hint="add front matter and text (`signpost new page PATH` writes a complete start), or delete the file",
        )]
    lines = text.splitlines(keepends=True)
    if lines[0].rstrip() != FENCE:
        return None, [error(
            display, "the file has no front matter", line=1,
            hint="start the file with a line `---`, the metadata (title, description, ...), then another `---`",
        )]
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    if closing is None:
        return None, [error(
            display, "the front matter is not closed", line=1,
            hint="add a line `---` after the last metadata line",
        )]
    yaml_text = "".join(lines[1:closing])
    body = "".join(lines[closing + 1:])
    meta, key_lines, findings = parse_yaml_mapping(yaml_text, display, first_line=2)
    if meta is None:
        return None, findings
    return Document(display, meta, key_lines, body, body_line=closing + 2), findings


def parse_yaml_mapping(yaml_text: str, display: str, *, first_line: int = 1
                       ) -> tuple[dict[str, Any] | None, dict[str, int], list[Finding]]:
    """Parse YAML that must be a mapping; return it with the line of each top-level key."""
    data, _node, lines, findings = parse_yaml_mapping_node(yaml_text, display, first_line=first_line)
    return data, lines, findings


def parse_yaml_mapping_node(yaml_text: str, display: str, *, first_line: int = 1
                            ) -> tuple[dict[str, Any] | None, yaml.Node | None, dict[str, int], list[Finding]]:
    """`parse_yaml_mapping`, plus the composed node tree for nested lines (`yaml_nodes.line_of`, `key_lines`).

    The registries of `data/` take their nested lines from this node: one parse per file.
    """
    unsafe = limits.yaml_structure_problem(yaml_text)
    if unsafe:
        message, line, hint = unsafe
        return None, None, {}, [error(display, message, line=first_line + line, hint=hint, check="security")]
    try:
        node, data = compose_yaml(yaml_text)
    except RecursionError:
        return None, None, {}, [error(display, "the metadata is nested too deep to read", line=first_line,
                                      hint="flatten the structure", check="security")]
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        if isinstance(problem, yaml.constructor.ConstructorError):  # well-formed, but a value cannot be built
            return None, None, {}, [error(display, f"the metadata cannot be read: {problem}", line=line)]
        reason = getattr(problem, "problem", None) or str(problem)
        return None, None, {}, [error(
            display, f"the metadata is not valid YAML: {reason}", line=line,
            hint="check the indentation and quoting on this line; text containing ': ' needs quotes",
        )]
    if node is None:
        return {}, None, {}, []
    if not isinstance(node, yaml.MappingNode):
        return None, node, {}, [error(
            display, "the metadata must be a list of `key: value` lines", line=first_line + node.start_mark.line,
            hint="write each field as `name: value`, e.g. `title: Your rights`",
        )]
    key_lines: dict[str, int] = {}
    findings: list[Finding] = []
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = first_line + key_node.start_mark.line
        if key in key_lines:
            findings.append(error(
                display, f"`{key}` is given twice (lines {key_lines[key]} and {line})", line=line, field=key,
                hint="keep one of them",
            ))
        key_lines.setdefault(key, line)
    return {str(k): v for k, v in data.items()}, node, key_lines, findings
