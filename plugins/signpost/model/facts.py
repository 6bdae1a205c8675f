"""The facts registry (`data/facts.yml`): read, validated, and the line of every value kept.

Part of the content model (`ContentModel.facts`): read once per model load with the
model's YAML line lookup (`yaml_nodes`) and schema-error converter (`schema_errors`),
like the other registries of `data/`. Written against FACTS_SCHEMA (published as
docs/schema/facts.schema.json; a test keeps them identical). Other features may
provide fact values too (a location's address from its own file): they list a
provider in `signpost.model.FACT_PROVIDERS`, and their keys resolve like the registry's. The
registry's own findings (schema, YAML) are reported by the facts check
(`signpost.facts.checks`), which owns the rule. Engine-free.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from signpost.findings import Finding, error
from signpost.model.durations import ReviewPeriod
from signpost.model.schema import ISO_PERIOD_PATTERN
from signpost.model.schema_errors import schema_findings
from signpost.model.yaml_nodes import compose_yaml, key_lines

REGISTRY_FILE = "facts.yml"
CHECK = "facts"
KEY_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
KINDS = ("emergency", "helpline", "centre", "wage-rate", "age-limit", "benefit", "law", "service")
CHANNELS = ("phone", "text", "online-chat", "email", "website", "in-person", "video-relay")


_VALUE = {"type": ["string", "number"], "description": "The value as pages show it (a phone number as people "
                                                      "dial it: 0800 1111)."}

FACTS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://signpost.example.org/schema/facts.schema.json",
    "title": "signpost facts registry",
    "description": "Facts stated once and referenced by pages as {{ fact.<id>.<value> }}: national helplines, "
                   "the centre's contact details and opening times, wage rates, age limits, benefit amounts. "
                   "Read from data/facts.yml.",
    "type": "object",
    "additionalProperties": False,
    "required": ["facts"],
    "properties": {
        "facts": {
            "type": "object",
            "propertyNames": {"pattern": KEY_PATTERN},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "kind", "values", "source", "verified", "review_every", "owner"],
                "properties": {
                    "name": {"type": "string", "minLength": 2,
                             "description": "The name people know it by (Childline, National Living Wage)."},
                    "kind": {"enum": list(KINDS), "description": "What sort of fact it is."},
                    "description": {"type": "string", "minLength": 5,
                                    "description": "One plain sentence: who it is for (shown in Get help now; "
                                                   "translated in interface.po)."},
                    "values": {"type": "object", "minProperties": 1,
                               "propertyNames": {"pattern": KEY_PATTERN},
                               "additionalProperties": _VALUE,
                               "description": "The values pages reference: `phone`, `text`, `hours`, `url`, "
                                              "`email`, `amount`, ... Keys named phone or ending in -phone "
                                              "render as tel: links, `text` as an sms: link, `url` and "
                                              "`email` as links; words (hours) are translated."},
                    "channels": {"type": "array", "uniqueItems": True, "items": {"enum": list(CHANNELS)},
                                 "description": "How people can reach a helpline."},
                    "topics": {"type": "array", "uniqueItems": True,
                               "items": {"type": "string", "pattern": KEY_PATTERN},
                               "description": "Topic ids (data/topics.yml) whose sensitive pages show this "
                                              "helpline in the Get help now block."},
                    "home": {"type": "boolean", "description": "Shown in the home page's Get help now block."},
                    "source": {"type": "string", "pattern": "^https://",
                               "description": "Where the value is published by the body that owns it."},
                    "verified": {"type": "string", "format": "date",
                                 "description": "The day the value was last checked against the source."},
                    "verified_how": {"type": "string", "minLength": 5,
                                     "description": "How it was checked (live page, stored copy, phone call)."},
                    "review_every": {"type": "string", "pattern": ISO_PERIOD_PATTERN,
                                     "description": "How often it must be checked again (P6M, P1Y)."},
                    "owner": {"type": "string", "minLength": 2,
                              "description": "The role or team mailbox that keeps it true."},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class ProvidedValue:
    """A value another feature provides (not in facts.yml): where it is written and how to show it."""

    value: str
    file: str
    line: int | None = None
    render: str = "text"  # "text", "phone", "email", "url"


@dataclass(frozen=True)
class Fact:
    """One entry of facts.yml and its values."""

    id: str
    name: str
    kind: str
    values: dict[str, str]
    source: str
    verified: dt.date | None
    review_every: ReviewPeriod | None
    owner: str
    description: str = ""
    channels: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    home: bool = False
    verified_how: str = ""
    line: int | None = None
    value_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def review_by(self) -> dt.date | None:
        if self.verified is None or self.review_every is None:
            return None
        return self.review_every.after(self.verified)


@dataclass
class FactRegistry:
    """Every fact by id, plus values other features provide, by full key."""

    file: str = f"data/{REGISTRY_FILE}"
    facts: dict[str, Fact] = field(default_factory=dict)
    provided: dict[str, ProvidedValue] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def keys(self) -> list[str]:
        """Every referencable key (`childline.phone`), sorted."""
        keys = [f"{fact.id}.{name}" for fact in self.facts.values() for name in fact.values]
        return sorted(keys + list(self.provided))

    def lookup(self, key: str) -> tuple[Fact | None, str | None, ProvidedValue | None]:
        """(fact, value name, None) for a registry key, (None, None, provided) for a provided one."""
        if key in self.provided:
            return None, None, self.provided[key]
        fact_id, _, name = key.rpartition(".")
        fact = self.facts.get(fact_id)
        if fact is not None and name in fact.values:
            return fact, name, None
        return None, None, None

    def helplines_for(self, topics: tuple[str, ...] | list[str], *, home: bool = False) -> list[Fact]:
        """Helplines that fit a page's topics (or the home page), in the registry's order."""
        wanted = set(topics)
        return [fact for fact in self.facts.values() if fact.kind == "helpline"
                and ((home and fact.home) or (not home and wanted & set(fact.topics)))]


_CACHE: dict[tuple[str, str], tuple[tuple, FactRegistry]] = {}


def read_facts(data_dir: Path | str, display_prefix: str = "data") -> FactRegistry:
    """The registry file of `data_dir`, without provided values (cached on the file's size and time).

    The content model reads it once per load (`ContentModel.facts`); `signpost.l10n`, which fills
    `{{ fact.x }}` in interface strings without a model at hand, gets the same parsed object.
    """
    path = Path(data_dir) / REGISTRY_FILE
    display = f"{display_prefix}/{REGISTRY_FILE}"
    try:
        stat = path.stat()
        stamp: tuple = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = ()
    key = (str(path), display)
    cached = _CACHE.get(key)
    if cached and cached[0] == stamp:
        return cached[1]
    registry = _read(path, display)
    _CACHE[key] = (stamp, registry)
    return registry


def with_provided(registry: FactRegistry, provided: dict[str, ProvidedValue]) -> FactRegistry:
    """The registry plus values other files of the model provide (`signpost.model.FACT_PROVIDERS`)."""
    return FactRegistry(registry.file, registry.facts, dict(provided), list(registry.findings))


def facts_schema_json() -> str:
    """The published form of FACTS_SCHEMA (docs/schema/facts.schema.json)."""
    return json.dumps(FACTS_SCHEMA, indent=2, ensure_ascii=False) + "\n"


def _read(path: Path, display: str) -> FactRegistry:
    registry = FactRegistry(file=display)
    if not path.is_file():
        return registry  # a site without facts: references are then unknown keys
    try:
        text = path.read_text(encoding="utf-8")
        node, data = compose_yaml(text)
    except (OSError, UnicodeDecodeError):
        registry.findings.append(error(display, "the facts registry is not UTF-8 text", hint="save it as UTF-8",
                                       check=CHECK))
        return registry
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        registry.findings.append(error(display, f"the facts registry is not valid YAML: "
                                                f"{getattr(problem, 'problem', None) or problem}",
                                       line=mark.line + 1 if mark else None, check=CHECK,
                                       hint="check the indentation and quoting on this line"))
        return registry
    lines = key_lines(node)
    validator = jsonschema.Draft202012Validator(FACTS_SCHEMA, format_checker=jsonschema.FormatChecker())
    bad: set[str] = set()

    def explain(problem: jsonschema.ValidationError) -> Finding:
        path_parts = [str(p) for p in problem.absolute_path]
        if len(path_parts) > 1:
            bad.add(path_parts[1])  # the fact is left out; its finding says why
        where = ".".join(path_parts)
        return error(display, f"`{where or 'facts'}`: {_plain(problem)}",
                     line=lines.get(tuple(path_parts)) or lines.get(tuple(path_parts[:2])),
                     field=where or None, check=CHECK, hint="see docs/schema/facts.schema.json and docs/facts.md")
    registry.findings += schema_findings(validator, data, explain)
    if not isinstance(data, dict) or not isinstance(data.get("facts"), dict):
        return registry
    for fact_id, entry in data["facts"].items():
        if fact_id in bad or not isinstance(entry, dict):
            continue
        registry.facts[fact_id] = _fact(fact_id, entry, lines)
    return registry


def _fact(fact_id: str, entry: dict[str, Any], lines: dict[tuple, int]) -> Fact:
    try:
        verified = dt.date.fromisoformat(entry["verified"])
    except ValueError:
        verified = None
    try:
        period = ReviewPeriod.parse(entry["review_every"])
    except ValueError:
        period = None
    values = {name: _text(value) for name, value in entry["values"].items()}
    return Fact(
        id=fact_id, name=entry["name"], kind=entry["kind"], values=values, source=entry["source"],
        verified=verified, review_every=period, owner=entry["owner"], description=entry.get("description", ""),
        channels=tuple(entry.get("channels", ())), topics=tuple(entry.get("topics", ())),
        home=bool(entry.get("home", False)), verified_how=entry.get("verified_how", ""),
        line=lines.get(("facts", fact_id)),
        value_lines={name: lines.get(("facts", fact_id, "values", name)) for name in values},
        key_lines={key: lines.get(("facts", fact_id, key)) for key in entry},
    )


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _plain(problem: jsonschema.ValidationError) -> str:
    if problem.validator == "required":
        return problem.message.replace("is a required property", "is missing")
    if problem.validator == "format" and problem.validator_value == "date":
        return f"{problem.instance!r} is not a real date (write YYYY-MM-DD)"
    if problem.validator == "pattern" and "P(?!$)" in str(problem.validator_value):
        return f"{problem.instance!r} is not an ISO 8601 period (P6M, P1Y)"
    return problem.message
