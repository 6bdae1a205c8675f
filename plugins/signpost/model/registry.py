"""Registries the content model checks against: topics and quality standards.

Both are YAML files in `data/` so editors change them without touching code.
The coverage check builds on the same objects; nothing re-reads the files.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from signpost.findings import Finding, error
from signpost.model.frontmatter import parse_yaml_mapping_node
from signpost.model.schema_errors import missing_field, schema_errors, unknown_fields
from signpost.model.yaml_nodes import key_lines

TOPICS_FILE = "topics.yml"
STANDARDS_FILE = "standards.yml"

TOPIC_AUDIENCES = ("young-people", "parents-carers", "professionals")
LANGUAGE_POLICIES = ("required", "best-effort")
# A topic's `source` is a standard code or the name of a seed document (`name-of-document-2008`).
SEED_DOCUMENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-(19|20)\d\d$")

TOPICS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://signpost.example.org/schema/topics.schema.json",
    "title": "signpost topic registry (data/topics.yml)",
    "description": "The topics the site must cover, where, for whom, by how many live pages and "
                   "directory services, and in which languages. See docs/coverage.md.",
    "type": "object",
    "additionalProperties": False,
    "required": ["topics"],
    "properties": {
        "topics": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/topic"}},
    },
    "$defs": {
        "topic": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "description", "source", "audience"],
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                       "description": "Stable id that pages list in `topics:`."},
                "title": {"type": "string", "minLength": 2, "maxLength": 70,
                          "description": "Short name on the Topics A to Z page (translatable)."},
                "description": {"type": "string", "minLength": 10, "maxLength": 200,
                                "description": "One plain sentence on the Topics A to Z page (translatable)."},
                "source": {"type": "string", "minLength": 2,
                           "description": "A standard code from data/standards.yml or a seed document name."},
                "audience": {"type": "array", "minItems": 1, "uniqueItems": True,
                             "items": {"enum": list(TOPIC_AUDIENCES)},
                             "description": "Who it is for: only pages written for one of them count."},
                "section": {"type": "string", "pattern": "^([a-z0-9-]+(/[a-z0-9-]+)*)?$",
                            "description": "Content folder where the main page must be; empty: anywhere."},
                "min_pages": {"type": "integer", "minimum": 0,
                              "description": "How many live (not overdue) pages must cover it."},
                "min_services": {"type": "integer", "minimum": 0,
                                 "description": "How many active, fresh directory services it needs."},
                "service_categories": {"type": "array", "uniqueItems": True,
                                       "items": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                                       "description": "Directory categories (data/service-categories.yml) "
                                                      "whose services count for it."},
                "languages": {"enum": list(LANGUAGE_POLICIES),
                              "description": "required: fully translated in every site language, else the "
                                             "build fails; best-effort (default): gaps are reported."},
            },
            # Every topic needs something that proves it is covered.
            "anyOf": [
                {"required": ["min_pages"], "properties": {"min_pages": {"minimum": 1}}},
                {"required": ["min_services"], "properties": {"min_services": {"minimum": 1}}},
            ],
            "if": {"required": ["min_services"], "properties": {"min_services": {"minimum": 1}}},
            "then": {"required": ["service_categories"], "properties": {"service_categories": {"minItems": 1}}},
        },
    },
}


@dataclass(frozen=True)
class Topic:
    """A subject the service must publish information on."""

    id: str
    title: str
    description: str = ""
    source: str = ""
    audience: tuple[str, ...] = ()
    section: str = ""
    min_pages: int = 0
    min_services: int = 0
    service_categories: tuple[str, ...] = ()
    languages: str = "best-effort"
    raw: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Standard:
    """One quality standard code (`1bii`) and what it says."""

    code: str
    title: str
    group: str = ""


@dataclass
class Registry:
    """The topics and standards of the site, read once."""

    topics: dict[str, Topic] = field(default_factory=dict)
    standards: dict[str, Standard] = field(default_factory=dict)
    topic_lines: dict[str, int] = field(default_factory=dict)
    topic_field_lines: dict[str, dict[str, int]] = field(default_factory=dict)
    topics_file: str = f"data/{TOPICS_FILE}"
    standards_file: str = f"data/{STANDARDS_FILE}"

    def has_topic(self, topic_id: str) -> bool:
        return topic_id in self.topics

    def has_standard(self, code: str) -> bool:
        return code in self.standards


def load_registry(data_dir: Path, display_prefix: str = "data") -> tuple[Registry, list[Finding]]:
    """Read `topics.yml` and `standards.yml` from `data_dir`."""
    registry = Registry(topics_file=f"{display_prefix}/{TOPICS_FILE}",
                        standards_file=f"{display_prefix}/{STANDARDS_FILE}")
    findings: list[Finding] = []
    topics_data, findings_topics, topics_node = _read_yaml(data_dir / TOPICS_FILE, registry.topics_file)
    findings += findings_topics
    standards_data, findings_standards, _ = _read_yaml(data_dir / STANDARDS_FILE, registry.standards_file)
    findings += findings_standards
    entry_lines = _entry_lines(topics_node, "topics")
    findings += _validate_topics_schema(registry, topics_data, entry_lines)
    findings += _fill_topics(registry, topics_data, entry_lines)
    findings += _fill_standards(registry, standards_data)
    findings += _check_topic_sources(registry)
    return registry, findings


def topics_schema_json() -> str:
    """The published form of TOPICS_SCHEMA (docs/schema/topics.schema.json)."""
    return json.dumps(TOPICS_SCHEMA, indent=2, ensure_ascii=False) + "\n"


def _read_yaml(path: Path, display: str) -> tuple[dict[str, Any], list[Finding], yaml.Node | None]:
    """The registry's data, its findings and its node tree (for the lines of nested keys): one parse."""
    if not path.is_file():
        return {}, [error(display, "the registry file is missing", hint=f"create {display}")], None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        return {}, [error(display, f"cannot read the registry: {problem}", hint="save it as UTF-8 text")], None
    data, node, _lines, findings = parse_yaml_mapping_node(text, display)
    return data or {}, findings, node if data is not None else None


def _entry_lines(node: yaml.Node | None, key: str) -> list[tuple[int, dict[str, int]]]:
    """For each item of the list under `key`: its line and the line of each of its keys."""
    entries: dict[str, tuple[int, dict[str, int]]] = {}
    for path, line in key_lines(node).items():  # parents come before their keys
        if len(path) == 2 and path[0] == key:
            entries[path[1]] = (line, {})
        elif len(path) == 3 and path[0] == key and path[1] in entries:
            entries[path[1]][1][path[2]] = line
    return list(entries.values())


def _validate_topics_schema(registry: Registry, data: dict[str, Any],
                            entry_lines: list[tuple[int, dict[str, int]]]) -> list[Finding]:
    """Every way `data/topics.yml` breaks TOPICS_SCHEMA, naming the topic and the field."""
    if not data:
        return []
    validator = jsonschema.Draft202012Validator(TOPICS_SCHEMA)
    findings: list[Finding] = []
    entries = data.get("topics") if isinstance(data.get("topics"), list) else []
    for problem in schema_errors(validator, data):
        path = list(problem.absolute_path)
        if len(path) < 2 or path[0] != "topics" or not isinstance(path[1], int):
            findings.append(error(registry.topics_file, f"the registry does not match its schema: {problem.message}",
                                  field=".".join(map(str, path)) or None, check="coverage",
                                  hint="see docs/schema/topics.schema.json and docs/coverage.md"))
            continue
        index = path[1]
        entry = entries[index] if index < len(entries) else {}
        topic_id = entry.get("id") if isinstance(entry, dict) else None
        name = f"topic `{topic_id}`" if isinstance(topic_id, str) else f"topic number {index + 1}"
        key = str(path[2]) if len(path) > 2 else None
        if problem.validator == "additionalProperties" and key is None:
            key = unknown_fields(problem)[0]  # the unknown field itself, for its line
            path = path + [key]
        line, key_lines = entry_lines[index] if index < len(entry_lines) else (None, {})
        line = key_lines.get(key, line) if key else line
        field_name = (f"topics.{topic_id}" if isinstance(topic_id, str) else f"topics[{index}]") + \
            (f".{'.'.join(map(str, path[2:]))}" if key else "")
        message, hint = _explain_topic_problem(problem, key)
        findings.append(error(registry.topics_file, f"{name}: {message}", line=line, field=field_name,
                              hint=hint, check="coverage"))
    return findings


def _explain_topic_problem(problem: jsonschema.ValidationError, key: str | None) -> tuple[str, str]:
    schema_help = "see docs/schema/topics.schema.json"
    if problem.validator == "required":
        missing = missing_field(problem)
        return f"`{missing}` is missing", f"add `{missing}:` to the topic ({schema_help})"
    if problem.validator == "additionalProperties":
        unknown = key or unknown_fields(problem)[0]
        known = TOPICS_SCHEMA["$defs"]["topic"]["properties"]
        close = difflib.get_close_matches(unknown, known, n=1)
        return f"unknown field `{unknown}`", (f"did you mean `{close[0]}`?" if close
                                              else "known fields: " + ", ".join(known))
    if problem.validator == "anyOf":
        return ("says nothing about how it is covered",
                "give it `min_pages: 1` (pages must cover it) and/or `min_services: 1` with `service_categories`")
    if problem.validator == "enum" and key == "audience":
        return f"unknown audience {problem.instance!r}", "use one of: " + ", ".join(TOPIC_AUDIENCES)
    if problem.validator == "enum":
        return f"`{key}` cannot be {problem.instance!r}", "use one of: " + ", ".join(map(str, problem.validator_value))
    if problem.validator == "minItems" and key == "service_categories":
        return ("needs services but lists no `service_categories`",
                "list the directory categories whose services count (data/service-categories.yml)")
    if problem.validator == "pattern" and key in ("id", "service_categories"):
        return f"{problem.instance!r} is not a valid id", "ids are lower-case words joined by hyphens"
    if problem.validator == "pattern" and key == "section":
        return f"section {problem.instance!r} is not a content folder", "write the folder as `local-info` (no slashes around it)"
    if problem.validator == "type":
        return f"`{key}` must be {problem.validator_value}, not {problem.instance!r}", schema_help
    return f"`{key or 'topic'}`: {problem.message}", schema_help


def _check_topic_sources(registry: Registry) -> list[Finding]:
    """A topic's source must be a known standard code or a seed document name."""
    if not registry.standards:
        return []
    findings: list[Finding] = []
    for topic in registry.topics.values():
        source = topic.source
        if not source or registry.has_standard(source) or SEED_DOCUMENT.match(source):
            continue
        close = difflib.get_close_matches(source, registry.standards, n=1, cutoff=0.5)
        findings.append(error(registry.topics_file, f"topic `{topic.id}`: unknown source `{source}`",
                              line=registry.topic_field_lines.get(topic.id, {}).get("source"),
                              field=f"topics.{topic.id}.source", check="coverage",
                              hint=(f"did you mean `{close[0]}`? " if close else "")
                              + f"use a standard code from {registry.standards_file} or a seed document name"))
    return findings


def _fill_topics(registry: Registry, data: dict[str, Any],
                 entry_lines: list[tuple[int, dict[str, int]]] | None = None) -> list[Finding]:
    # Schema problems are reported by _validate_topics_schema; here a topic is
    # kept whenever it has a usable id and title, with bad values made harmless.
    findings: list[Finding] = []
    entry_lines = entry_lines or []
    entries = data.get("topics", [])
    if not isinstance(entries, list):
        return [error(registry.topics_file, "`topics` must be a list", field="topics")]
    for index, entry in enumerate(entries):
        line, key_lines = entry_lines[index] if index < len(entry_lines) else (None, {})
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry.get("title"):
            continue  # the schema check has reported it, naming the missing field
        topic_id = entry["id"]
        if topic_id in registry.topics:
            first = registry.topic_lines.get(topic_id)
            findings.append(error(registry.topics_file, f"topic id `{topic_id}` is listed twice"
                                  + (f" (first on line {first})" if first else ""), field=f"topics.{topic_id}.id",
                                  line=key_lines.get("id", line),
                                  hint="topic ids must be unique: rename or merge one of them"))
            continue
        registry.topics[topic_id] = Topic(
            id=topic_id,
            title=str(entry["title"]),
            description=str(entry.get("description", "")),
            source=str(entry.get("source", "")),
            audience=_strings(entry.get("audience")),
            section=str(entry.get("section", "") or "").strip("/"),
            min_pages=_count(entry.get("min_pages")),
            min_services=_count(entry.get("min_services")),
            service_categories=_strings(entry.get("service_categories")),
            languages=entry.get("languages") if entry.get("languages") in LANGUAGE_POLICIES else "best-effort",
            raw=entry,
        )
        if line:
            registry.topic_lines[topic_id] = line
        registry.topic_field_lines[topic_id] = dict(key_lines)
    return findings


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _fill_standards(registry: Registry, data: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    for index, entry in enumerate(data.get("standards", []) or []):
        if not isinstance(entry, dict) or "code" not in entry:
            findings.append(error(registry.standards_file, "each standard needs a `code` and a `title`",
                                  field=f"standards[{index}]"))
            continue
        code = str(entry["code"])
        registry.standards[code] = Standard(code, str(entry.get("title", "")), str(entry.get("group", "")))
    return findings
