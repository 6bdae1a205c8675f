"""The written schema of a page's front matter, and validation against it.

The schema is data (JSON Schema, draft 2020-12) published as
`docs/schema/page.schema.json` for editors' tools; the same object validates
every page here, so the two cannot drift (a test compares them). Checks that
need the registries (topics, standard codes) or the calendar run after it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from functools import lru_cache
from typing import Any, Iterable

import jsonschema

from signpost.findings import Finding, error, warning
from signpost.model.durations import ReviewPeriod
from signpost.model.registry import Registry
from signpost.model.schema_errors import missing_field, schema_findings, unknown_fields
from signpost.today import today

AUDIENCES = ("young-people", "parents-carers", "professionals")
PAGE_TYPES = ("page", "standard", "charter", "equal-opportunities", "complaints", "topic", "service",
              "directory", "glossary", "home")
# ISO 8601 review periods in whole days, weeks, months or years (P6M, P1Y); shared by every schema.
ISO_PERIOD_PATTERN = "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$"
REQUIRED = ("title", "description", "audience", "topics", "owner", "last_reviewed", "review_every")

PAGE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://signpost.example.org/schema/page.schema.json",
    "title": "signpost page front matter",
    "description": "Metadata at the top of every Markdown page in content/. "
                   "A folder's .meta.yml may give defaults (owner, review_every, audience, type).",
    "type": "object",
    "additionalProperties": False,
    "required": list(REQUIRED),
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 90,
                  "description": "The page's heading and browser title, in plain words."},
        "description": {"type": "string", "minLength": 10, "maxLength": 300,
                        "description": "One or two plain sentences shown in search results."},
        "audience": {"type": "array", "minItems": 1, "uniqueItems": True,
                     "items": {"enum": list(AUDIENCES)},
                     "description": "Who the page is written for."},
        "topics": {"type": "array", "uniqueItems": True,
                   "items": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                   "description": "Topic ids from data/topics.yml that this page covers."},
        "owner": {"type": "string", "minLength": 2,
                  "description": "The role or team mailbox that keeps this page true."},
        "last_reviewed": {"type": "string", "format": "date",
                          "description": "The day the page was last checked to be true (YYYY-MM-DD)."},
        "review_every": {"type": "string", "pattern": ISO_PERIOD_PATTERN,
                         "description": "How often it must be reviewed, as an ISO 8601 duration (P6M, P1Y)."},
        "standards": {"type": "array", "uniqueItems": True, "items": {"type": "string"},
                      "description": "Quality standard codes this page explains (standards pages)."},
        "sensitive": {"type": "boolean",
                      "description": "True on pages about sexual health, drugs, abuse, homelessness, ..."},
        "type": {"enum": list(PAGE_TYPES),
                 "description": "The kind of page; some kinds must contain required sections."},
        "service_categories": {"type": "array", "uniqueItems": True, "items": {"type": "string"},
                               "description": "Directory categories whose services this topic page lists."},
        "translation_grace": {"type": "string", "pattern": ISO_PERIOD_PATTERN,
                              "description": "How long a translation may lag behind an English change and still be "
                                             "published, with a notice, as an ISO 8601 duration (default P30D)."},
        "readability_exempt": {"type": "string", "minLength": 10,
                               "description": "Why this page may use long sentences (skips the readability warnings)."},
        "sources": {"type": "array", "uniqueItems": True,
                    "items": {"type": "object", "additionalProperties": False, "required": ["claim", "url"],
                              "properties": {
                                  "claim": {"type": "string", "minLength": 5,
                                            "description": "The statement on the page this source supports."},
                                  "url": {"type": "string", "pattern": "^https://",
                                          "description": "Where it is published (legislation.gov.uk, gov.uk, ...)."},
                                  "checked": {"type": "string", "format": "date",
                                              "description": "The day it was checked (YYYY-MM-DD)."}}},
                    "description": "Where each legal or factual claim on the page comes from "
                                   "(values used often belong in data/facts.yml instead)."},
        "hide": {"type": "array", "items": {"enum": ["navigation", "toc", "footer", "path", "tags"]},
                 "description": "Material for MkDocs: parts of the layout to hide."},
        "search": {"type": "object", "properties": {"exclude": {"type": "boolean"}},
                   "additionalProperties": False},
    },
}

SECTION_DEFAULT_KEYS = ("owner", "review_every", "audience", "type", "sensitive", "topics")

_FRIENDLY_TYPES = {"string": "text", "array": "a list", "boolean": "true or false", "object": "a mapping",
                   "integer": "a whole number"}


def validate_page_meta(meta: dict[str, Any], key_lines: dict[str, int], file: str,
                       registry: Registry, *, default_lines: dict[str, tuple[str, int]] | None = None
                       ) -> list[Finding]:
    """Every problem with one page's (defaults-merged) metadata."""
    default_lines = default_lines or {}
    findings: list[Finding] = []
    findings += schema_findings(_validator(), meta,
                                lambda problem: _finding_for_schema_error(problem, meta, key_lines, file, default_lines))
    findings.extend(_semantic_findings(meta, key_lines, file, registry))
    return findings


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(PAGE_SCHEMA, format_checker=jsonschema.FormatChecker())


def _where(key: str, file: str, key_lines: dict[str, int], default_lines: dict[str, tuple[str, int]]
           ) -> tuple[str, int | None]:
    """The file and line a value came from: the page, or the folder's .meta.yml default."""
    if key in key_lines:
        return file, key_lines[key]
    if key in default_lines:
        return default_lines[key]
    return file, None


def _finding_for_schema_error(problem: jsonschema.ValidationError, meta: dict[str, Any],
                              key_lines: dict[str, int], file: str,
                              default_lines: dict[str, tuple[str, int]]) -> Iterable[Finding]:
    path = [str(p) for p in problem.absolute_path]
    key = path[0] if path else None
    where, line = _where(key, file, key_lines, default_lines) if key else (file, 1)
    field = ".".join(path) if path else None
    if problem.validator == "required":
        missing = missing_field(problem)
        example = {"title": "Your rights", "description": "What you can expect from us.",
                   "audience": "[young-people]", "topics": "[your-rights]", "owner": "info-team@example.org",
                   "last_reviewed": "2026-10-01", "review_every": "P6M"}.get(missing, "...")
        yield error(file, f"required field `{missing}` is missing", line=1, field=missing,
                    hint=f"add `{missing}: {example}` to the front matter"
                         + (" or to the folder's .meta.yml" if missing in SECTION_DEFAULT_KEYS else ""))
    elif problem.validator == "additionalProperties":
        for unknown in unknown_fields(problem):
            close = difflib.get_close_matches(unknown, PAGE_SCHEMA["properties"].keys(), n=1)
            hint = f"did you mean `{close[0]}`?" if close else \
                f"remove it; known fields: {', '.join(PAGE_SCHEMA['properties'])}"
            yield error(file, f"unknown field `{unknown}`", line=key_lines.get(unknown), field=unknown, hint=hint)
    elif problem.validator == "type":
        expected = _FRIENDLY_TYPES.get(problem.validator_value, problem.validator_value)
        yield error(where, f"`{field}` must be {expected}, not {_describe(problem.instance)}", line=line,
                    field=field, hint=_type_hint(key, expected))
    elif problem.validator == "format" and problem.validator_value == "date":
        yield error(where, f"`{field}` is not a real date: {problem.instance!r}", line=line, field=field,
                    hint="write the date as YYYY-MM-DD and check the day exists (e.g. 2026-02-28)")
    elif problem.validator == "enum" and key == "audience":
        yield error(where, f"unknown audience {problem.instance!r}", line=line, field=field,
                    hint=_did_you_mean(str(problem.instance), AUDIENCES))
    elif problem.validator == "enum":
        yield error(where, f"`{field}` cannot be {problem.instance!r}", line=line, field=field,
                    hint="use one of: " + ", ".join(map(str, problem.validator_value)))
    elif problem.validator == "pattern" and key == "review_every":
        yield error(where, f"`review_every` is not an ISO 8601 duration: {problem.instance!r}", line=line,
                    field=field, hint="write P6M for six months, P1Y for a year, P90D for 90 days")
    elif problem.validator == "pattern" and key == "topics":
        yield error(where, f"topic id {problem.instance!r} is not a valid id", line=line, field=field,
                    hint="topic ids are lower-case words joined by hyphens, as listed in data/topics.yml")
    elif problem.validator in ("minLength", "minItems"):
        yield error(where, f"`{field}` is empty or too short", line=line, field=field,
                    hint=_type_hint(key, "filled in"))
    elif problem.validator == "maxLength":
        yield error(where, f"`{field}` is too long ({len(problem.instance)} characters, most {problem.validator_value})",
                    line=line, field=field, hint="shorten it: titles and descriptions show in search results")
    else:
        yield error(where, f"`{field or 'metadata'}`: {problem.message}", line=line, field=field)


def _semantic_findings(meta: dict[str, Any], key_lines: dict[str, int], file: str,
                       registry: Registry) -> list[Finding]:
    """Checks the schema cannot express: registries, the calendar, HTML in text."""
    findings: list[Finding] = []
    topics = meta.get("topics")
    if isinstance(topics, list) and registry.topics:
        for topic in topics:
            if isinstance(topic, str) and not registry.has_topic(topic):
                findings.append(error(file, f"unknown topic `{topic}`", line=key_lines.get("topics"), field="topics",
                                      hint=_did_you_mean(topic, registry.topics) + f" (topics are listed in {registry.topics_file})"))
    standards = meta.get("standards")
    if isinstance(standards, list) and registry.standards:
        for code in standards:
            if not registry.has_standard(str(code)):
                findings.append(error(file, f"unknown standard code `{code}`", line=key_lines.get("standards"),
                                      field="standards",
                                      hint=_did_you_mean(str(code), registry.standards) + f" (codes are listed in {registry.standards_file})"))
    reviewed = meta.get("last_reviewed")
    if isinstance(reviewed, str):
        try:
            day = dt.date.fromisoformat(reviewed)
        except ValueError:
            day = None
        if day and day > today():
            findings.append(error(file, f"`last_reviewed` is in the future ({reviewed})", line=key_lines.get("last_reviewed"),
                                  field="last_reviewed", hint="use the date the page was actually reviewed"))
    period = meta.get("review_every")
    if isinstance(period, str) and period.startswith("P"):
        try:
            ReviewPeriod.parse(period)
        except ValueError as problem:
            findings.append(error(file, f"`review_every`: {problem}", line=key_lines.get("review_every"),
                                  field="review_every", hint="write P6M for six months, P1Y for a year"))
    for key in ("title", "description"):
        value = meta.get(key)
        if isinstance(value, str) and ("<" in value and ">" in value):
            findings.append(error(file, f"`{key}` contains HTML: {value!r}", line=key_lines.get(key), field=key,
                                  hint="write plain text; it is shown as text, never as HTML"))
    if meta.get("sensitive") is None and meta.get("type") == "topic":
        findings.append(warning(file, "`sensitive` is not set on a topic page", line=1, field="sensitive",
                                hint="add `sensitive: true` for sexual health, drugs, abuse or homelessness, else `sensitive: false`"))
    return findings


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
    if close:
        return f"did you mean `{close[0]}`?"
    return "use one of: " + ", ".join(choices[:12]) + (" ..." if len(choices) > 12 else "")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return f"{type(value).__name__} {value!r}"


def _type_hint(key: str | None, expected: str) -> str:
    examples = {"audience": "audience: [young-people, parents-carers]", "topics": "topics: [housing, your-rights]",
                "standards": "standards: [1bii]", "sensitive": "sensitive: true",
                "last_reviewed": "last_reviewed: 2026-10-01", "title": "title: Your rights"}
    return f"write it like `{examples[key]}`" if key in examples else f"make `{key}` {expected}"


def schema_json() -> str:
    """The published form of PAGE_SCHEMA (docs/schema/page.schema.json)."""
    return json.dumps(PAGE_SCHEMA, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # `python -m signpost.model.schema > docs/schema/page.schema.json`
    print(schema_json(), end="")
