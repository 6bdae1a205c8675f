"""JSON Schema errors made into findings: one converter for every schema the core validates.

Pages, services, organisations, locations, topics, facts and outdated references are each
written against a JSON Schema (published in docs/schema/). What jsonschema reports is the
same for all of them: an error with a path into the data. This module turns every error
into findings in one way: in the order of the fields (a file's findings read top to bottom),
with the field named the same way everywhere (`phones[1].number`). Each schema keeps only
its own wording (what to tell an editor about *its* fields), given as an `explain` function.
The ORUK export and importer, which report to a person running a command rather than to a
findings box, use the same order and field names through `problem_lines`. Engine-free.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import jsonschema

from signpost.findings import Finding

#: One schema error -> the findings it stands for (zero, one or more: `additionalProperties`
#: names several unknown fields at once).
Explain = Callable[[jsonschema.ValidationError], "Finding | Iterable[Finding] | None"]


def schema_findings(validator: jsonschema.protocols.Validator, instance: Any, explain: Explain) -> list[Finding]:
    """Every way `instance` breaks the validator's schema, as findings worded by `explain`."""
    findings: list[Finding] = []
    for problem in schema_errors(validator, instance):
        explained = explain(problem)
        if isinstance(explained, Finding):
            findings.append(explained)
        elif explained is not None:
            findings.extend(explained)
    return findings


def schema_errors(validator: jsonschema.protocols.Validator, instance: Any) -> list[jsonschema.ValidationError]:
    """The errors in the order of their fields' paths (list indexes compared as text, as before)."""
    return sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])


def problem_lines(validator: jsonschema.protocols.Validator, instance: Any, whole: str) -> list[str]:
    """`field: what is wrong` for every error (`whole` names the instance itself: `(record)`)."""
    return [f"{field_name(e.absolute_path) or whole}: {e.message}" for e in schema_errors(validator, instance)]


def field_name(path: Iterable[Any]) -> str:
    """A schema path as editors write it: `phones[1].number` (list indexes in brackets)."""
    text = ""
    for part in path:
        index = isinstance(part, int) or (isinstance(part, str) and part.isdigit())
        text += f"[{part}]" if index else (f".{part}" if text else str(part))
    return text


def missing_field(problem: jsonschema.ValidationError) -> str:
    """The property a `required` error is about (jsonschema: "'title' is a required property")."""
    return problem.message.split("'")[1]


def unknown_fields(problem: jsonschema.ValidationError) -> list[str]:
    """The properties an `additionalProperties` error is about, in the order they are written.

    Read from the instance and the schema, not parsed out of jsonschema's message
    ("... ('a', 'b' were unexpected)"), which breaks on names holding quotes or commas.
    """
    known = problem.schema.get("properties", {}) if isinstance(problem.schema, dict) else {}
    patterns = problem.schema.get("patternProperties", {}) if isinstance(problem.schema, dict) else {}
    return [str(key) for key in problem.instance
            if key not in known and not any(re.search(pattern, str(key)) for pattern in patterns)]
