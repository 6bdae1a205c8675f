"""Outdated references: laws, bodies and schemes that must not be presented as current.

The registry is `data/outdated-references.yml`, written against
OUTDATED_REFERENCES_SCHEMA (published as docs/schema/outdated-references.schema.json).
Each entry names a term, what replaced it and why. Page text that uses a term
is a finding, unless the passage is marked as deliberately historical:

    <!-- historical -->
    Before 2010, the Disability Discrimination Act 1995 ...
    <!-- /historical -->

or, for one paragraph, list item or heading, the attr_list class
`{ .historical }` at its end. Both markers are Markdown source, not text, so
translations keep them. The content model reads the registry once
(`ContentModel.outdated_references`); the freshness feature scans pages and
services with it (`signpost.freshness.checks`). Engine-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from signpost.findings import Finding, error
from signpost.model.schema_errors import schema_findings
from signpost.model.yaml_nodes import compose_yaml, line_of

REGISTRY_FILE = "outdated-references.yml"
CHECK = "freshness"

OUTDATED_REFERENCES_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://signpost.example.org/schema/outdated-references.schema.json",
    "title": "signpost outdated references",
    "description": "Terms (laws, bodies, schemes) that pages must not present as current, "
                   "each with what replaced it and why. Read from data/outdated-references.yml.",
    "type": "object",
    "additionalProperties": False,
    "required": ["references"],
    "properties": {
        "references": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["term", "replacement", "reason"],
                "properties": {
                    "term": {"type": "string", "minLength": 3,
                             "description": "The outdated name as pages would write it (matched as whole words, "
                                            "any capitals)."},
                    "also": {"type": "array", "uniqueItems": True, "items": {"type": "string", "minLength": 2},
                             "description": "Other spellings and abbreviations. An abbreviation in capitals "
                                            "(EMA) only matches in capitals."},
                    "replacement": {"type": "string", "minLength": 3,
                                    "description": "What to write instead (or what replaced it)."},
                    "reason": {"type": "string", "minLength": 10,
                               "description": "Why it is outdated, with the date, in one plain sentence."},
                    "since": {"type": "string", "format": "date",
                              "description": "When it stopped being current (YYYY-MM-DD), if known."},
                    "source": {"type": "string", "description": "Where the change is published (a URL)."},
                },
            },
        },
    },
}

_HISTORICAL_OPEN = re.compile(r"<!--\s*historical\s*-->", re.IGNORECASE)
_HISTORICAL_CLOSE = re.compile(r"<!--\s*/\s*historical\s*-->", re.IGNORECASE)
_HISTORICAL_CLASS = re.compile(r"\{:?[^}\n]*\.historical\b[^}\n]*\}")


@dataclass(frozen=True)
class OutdatedReference:
    """A term that must not be presented as current, with its replacement."""

    term: str
    replacement: str
    reason: str
    also: tuple[str, ...] = ()
    since: str | None = None
    line: int | None = None  # where it is written in the registry
    pattern: re.Pattern = field(default=None, compare=False, hash=False, repr=False)
    # One word of each spelling: text containing none of them cannot match, and a
    # substring test is far cheaper than the pattern (most pages contain no term).
    anchors: tuple[str, ...] = field(default=(), compare=False, hash=False, repr=False)

    def may_occur_in(self, text: str, normalised: str) -> bool:
        return any((anchor in text) if anchor.isupper() else (anchor in normalised) for anchor in self.anchors)

    def finding(self, file: str, line: int, found: str, field_name: str = "body") -> Finding:
        return error(file, f"outdated reference: {found!r} is no longer current: {self.reason}", line=line,
                     field=field_name, check=CHECK,
                     hint=f"write about {self.replacement} instead, or mark the passage as historical "
                          "(<!-- historical --> ... <!-- /historical -->)")


@dataclass
class OutdatedReferences:
    """The registry: every outdated term, and where it was read from."""

    file: str
    references: list[OutdatedReference] = field(default_factory=list)
    #: Problems with the registry file itself; the freshness check reports them.
    findings: list[Finding] = field(default_factory=list)

    def scan(self, text: str, file: str, first_line: int = 1, field_name: str = "body") -> list[Finding]:
        """A finding for every outdated term in `text` outside historical passages."""
        if not text or not self.references:
            return []
        normalised = _normalise(text)
        candidates = [r for r in self.references if r.may_occur_in(text, normalised)]
        if not candidates and "historical" not in normalised:
            return []
        visible, findings = _without_historical_passages(text, file, first_line)
        for reference in candidates:
            for match in reference.pattern.finditer(visible):
                line = first_line + visible.count("\n", 0, match.start())
                findings.append(reference.finding(file, line, match.group(0), field_name))
        return findings


def load_outdated_references(data_dir: Path, display_prefix: str = "data"
                             ) -> tuple[OutdatedReferences, list[Finding]]:
    """Read and validate the registry; a missing registry is an empty one."""
    display = f"{display_prefix}/{REGISTRY_FILE}"
    registry = OutdatedReferences(display)
    path = Path(data_dir) / REGISTRY_FILE
    if not path.is_file():
        return registry, []
    try:
        text = path.read_text(encoding="utf-8")
        # Dates stay text (`since: 2010-10-01`), as in front matter, so the schema checks them.
        node, data = compose_yaml(text)
    except (OSError, UnicodeDecodeError) as problem:
        return registry, [error(display, f"cannot read the registry: {problem}", check=CHECK,
                                hint="save it as UTF-8 text")]
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        return registry, [error(display, f"the registry is not valid YAML: {getattr(problem, 'problem', problem)}",
                                line=mark.line + 1 if mark else None, check=CHECK,
                                hint="check the indentation and quoting on this line")]
    findings = _schema_findings(data, node, display)
    if findings:
        return registry, findings
    for index, entry in enumerate(data["references"]):
        registry.references.append(_reference(entry, line_of(node, ["references", index])))
    return registry, findings


def _reference(entry: dict[str, Any], line: int | None) -> OutdatedReference:
    words = [entry["term"], *entry.get("also", [])]
    return OutdatedReference(entry["term"], entry["replacement"], entry["reason"], tuple(entry.get("also", [])),
                             entry.get("since"), line, _pattern(words), tuple(_anchor(word) for word in words))


def _anchor(word: str) -> str:
    """The longest stretch of a spelling without an apostrophe (optional in matches), normalised.

    Abbreviations stay as written: they only match in capitals.
    """
    if word.isupper():
        return word
    return max((part.strip() for part in re.split("['’]", _normalise(word))), key=len)


def _normalise(text: str) -> str:
    """Lower case, one space between words: how anchors are looked for."""
    return " ".join(text.lower().split())


def _pattern(words: list[str]) -> re.Pattern:
    """One pattern for a term and its spellings: whole words, any capitals except for abbreviations."""
    parts = []
    for word in words:
        # Apostrophes and spaces vary between editors (Jobseeker's / Jobseeker’s, line breaks).
        body = r"\s+".join(re.sub("['’]", "['’]?", re.escape(part)) for part in word.split())
        part = rf"(?<![\w-]){body}(?![\w-])"
        parts.append(part if not word.isupper() else f"(?-i:{part})")
    return re.compile("|".join(parts), re.IGNORECASE)


def _without_historical_passages(text: str, file: str, first_line: int) -> tuple[str, list[Finding]]:
    """`text` with historical passages blanked out (newlines kept, so line numbers stay right)."""
    findings: list[Finding] = []
    spans: list[tuple[int, int]] = []
    position = 0
    while (opening := _HISTORICAL_OPEN.search(text, position)) is not None:
        closing = _HISTORICAL_CLOSE.search(text, opening.end())
        if closing is None:
            findings.append(error(file, "a historical passage is opened but never closed",
                                  line=first_line + text.count("\n", 0, opening.start()), field="body", check=CHECK,
                                  hint="add <!-- /historical --> where the historical passage ends"))
            spans.append((opening.start(), len(text)))
            break
        spans.append((opening.start(), closing.end()))
        position = closing.end()
    for marker in _HISTORICAL_CLASS.finditer(text):
        spans.append(_block_around(text, marker.start(), marker.end()))
    if not spans:
        return text, findings
    characters = list(text)
    for start, end in spans:
        for index in range(start, end):
            if characters[index] != "\n":
                characters[index] = " "
    return "".join(characters), findings


def _block_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The Markdown block (between blank lines) holding a `{ .historical }` marker."""
    block_start = text.rfind("\n\n", 0, start)
    block_end = text.find("\n\n", end)
    return (0 if block_start < 0 else block_start), (len(text) if block_end < 0 else block_end)


def _schema_findings(data: Any, node: yaml.Node | None, display: str) -> list[Finding]:
    validator = jsonschema.Draft202012Validator(OUTDATED_REFERENCES_SCHEMA, format_checker=jsonschema.FormatChecker())
    return schema_findings(validator, data, lambda problem: error(
        display, f"the registry does not validate: {problem.message}",
        line=line_of(node, problem.absolute_path) or _first_line(node),
        field=".".join(str(p) for p in problem.absolute_path) or None, check=CHECK,
        hint="each entry needs `term`, `replacement` and `reason` (see docs/schema/outdated-references.schema.json)"))


def _first_line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None
