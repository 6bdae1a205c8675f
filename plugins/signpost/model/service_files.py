"""Writing service files: a new file from data, or an update that keeps everything else.

Used by `signpost new service`, `signpost import` and the sample-data script,
so every service file the tools write looks the same: keys in schema order,
short lists and opening times on one line, times always quoted (YAML 1.1
reads an unquoted 17:00 as a number). MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from signpost.model.service_places import LOCATION_SCHEMA, ORGANISATION_SCHEMA
from signpost.model.service_schema import SERVICE_SCHEMA

KEY_ORDER = list(SERVICE_SCHEMA["properties"])
PLACE_KEY_ORDER = {"organisation": list(ORGANISATION_SCHEMA["properties"]),
                   "location": list(LOCATION_SCHEMA["properties"])}
_SUB_ORDER = {
    "phones": ["number", "kind", "free", "description"],
    "locations": ["location", "schedules"],
    "schedules": ["byday", "opens_at", "closes_at", "description"],
    "cost_options": ["option", "amount", "currency"],
}


class _Flow(list):
    """A list written on one line: [MO, TU, WE]."""


class _FlowMap(dict):
    """A mapping written on one line: {byday: [MO], opens_at: '09:00', closes_at: '17:00'}."""


class _Quoted(str):
    """A string always written in quotes."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))
_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="'"))
_Dumper.add_representer(dict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items()))


def service_file_text(meta: dict[str, Any], body: str) -> str:
    """A complete service file: front matter in schema order, then the description."""
    return "---\n" + front_matter_yaml(meta) + "---\n\n" + body.strip() + "\n"


def place_file_text(kind: str, meta: dict[str, Any], body: str) -> str:
    """A complete organisation or location file: front matter in schema order, then the description."""
    order = PLACE_KEY_ORDER[kind]
    ordered = {k: meta[k] for k in [*[k for k in order if k in meta], *[k for k in meta if k not in order]]}
    text = "---\n" + front_matter_yaml(ordered, keep_order=True) + "---\n"
    return text + ("\n" + body.strip() + "\n" if body.strip() else "")


def front_matter_yaml(meta: dict[str, Any], *, keep_order: bool = False) -> str:
    keys = list(meta) if keep_order else _ordered_keys(meta)
    ordered = {key: _styled(key, meta[key]) for key in keys if not _empty(meta[key])}
    if not ordered:
        return ""
    return yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def update_file_text(text: str, changes: dict[str, Any], body: str | None = None) -> str:
    """`text` with the top-level keys in `changes` replaced (None or empty removes a key).

    Every other line (other keys, comments, the body unless `body` is given) is kept as it was.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        raise ValueError("the file has no front matter")
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    front, rest = lines[1:end], lines[end:]
    blocks = _key_blocks(front)
    for key, value in changes.items():
        new = [] if _empty(value) else front_matter_yaml({key: value}).splitlines(keepends=True)
        if key in blocks:
            start, stop = blocks[key]
            front[start:stop] = new
            blocks = _key_blocks(front)
        elif new:
            front += new
            blocks = _key_blocks(front)
    if body is not None:
        rest = [rest[0], "\n", body.strip() + "\n"]
    return lines[0] + "".join(front) + "".join(rest)


def _key_blocks(front: list[str]) -> dict[str, tuple[int, int]]:
    """Top-level key -> (first line, line after its value), comments between keys excluded."""
    starts = [(i, m.group(1)) for i, line in enumerate(front)
              if (m := re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:", line))]
    blocks = {}
    for index, (start, key) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else len(front)
        while stop > start + 1 and (front[stop - 1].startswith("#") or not front[stop - 1].strip()):
            stop -= 1  # a comment above the next key belongs to that key
        blocks[key] = (start, stop)
    return blocks


def _ordered_keys(meta: dict[str, Any]) -> list[str]:
    known = [k for k in KEY_ORDER if k in meta]
    return known + [k for k in meta if k not in KEY_ORDER]


def _styled(key: str, value: Any) -> Any:
    if key == "last_reviewed" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)  # written bare (2026-10-01), read back as text
        except ValueError:
            return value
    if key in ("schedules",) and isinstance(value, list):
        return [_schedule(v) for v in value]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return _Flow(value)
    if isinstance(value, list):
        return [_sub(key, v) for v in value]
    if isinstance(value, dict):
        return _sub(key, value)
    return value


def _sub(key: str, value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    order = _SUB_ORDER.get(key, [])
    keys = [k for k in order if k in value] + [k for k in value if k not in order]
    result = {}
    for k in keys:
        if _empty(value[k]):
            continue
        if k == "schedules":
            result[k] = [_schedule(v) for v in value[k]]
        elif isinstance(value[k], list) and all(isinstance(v, (str, int, float)) for v in value[k]):
            result[k] = _Flow(value[k])
        else:
            result[k] = value[k]
    return result


def _schedule(entry: Any) -> Any:
    if not isinstance(entry, dict):
        return entry
    order = _SUB_ORDER["schedules"]
    result = _FlowMap()
    for k in [k for k in order if k in entry] + [k for k in entry if k not in order]:
        value = entry[k]
        if _empty(value):
            continue
        if k in ("opens_at", "closes_at") and isinstance(value, str):
            value = _Quoted(value)
        elif isinstance(value, list):
            value = _Flow(value)
        result[k] = value
    return result


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
