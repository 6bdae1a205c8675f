"""Registries the content model checks against: topics and quality standards.

Both are YAML files in `data/` so editors change them without touching code.
The coverage check builds on the same objects; nothing re-reads the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from signpost.findings import Finding, error
from signpost.model.frontmatter import parse_yaml_mapping

TOPICS_FILE = "topics.yml"
STANDARDS_FILE = "standards.yml"


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
    topics_data, findings_topics = _read_yaml(data_dir / TOPICS_FILE, registry.topics_file)
    findings += findings_topics
    standards_data, findings_standards = _read_yaml(data_dir / STANDARDS_FILE, registry.standards_file)
    findings += findings_standards
    findings += _fill_topics(registry, topics_data)
    findings += _fill_standards(registry, standards_data)
    return registry, findings


def _read_yaml(path: Path, display: str) -> tuple[dict[str, Any], list[Finding]]:
    if not path.is_file():
        return {}, [error(display, "the registry file is missing", hint=f"create {display}")]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        return {}, [error(display, f"cannot read the registry: {problem}", hint="save it as UTF-8 text")]
    data, _lines, findings = parse_yaml_mapping(text, display)
    return data or {}, findings


def _fill_topics(registry: Registry, data: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    entries = data.get("topics", [])
    if not isinstance(entries, list):
        return [error(registry.topics_file, "`topics` must be a list", field="topics")]
    for index, entry in enumerate(entries):
        where = f"topics[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry.get("title"):
            findings.append(error(registry.topics_file, "each topic needs an `id` and a `title`", field=where,
                                  hint="write `- id: housing` and `title: Housing` (see docs/editors.md)"))
            continue
        topic_id = entry["id"]
        if topic_id in registry.topics:
            findings.append(error(registry.topics_file, f"topic id `{topic_id}` is listed twice", field=where,
                                  hint="topic ids must be unique: rename or merge one of them"))
            continue
        registry.topics[topic_id] = Topic(
            id=topic_id,
            title=str(entry["title"]),
            description=str(entry.get("description", "")),
            source=str(entry.get("source", "")),
            audience=tuple(entry.get("audience", []) or []),
            section=str(entry.get("section", "")),
            min_pages=int(entry.get("min_pages", 0) or 0),
            min_services=int(entry.get("min_services", 0) or 0),
            service_categories=tuple(entry.get("service_categories", []) or []),
            languages=str(entry.get("languages", "best-effort")),
            raw=entry,
        )
    return findings


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
