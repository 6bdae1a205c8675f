"""YAML as the core reads it: one parse gives the data and the node tree, and the tree says
on which line every key and list item is written.

Every reader of a YAML file in the project (front matter, registries, facts, outdated
references) goes through here, so a finding names the same line for the same place in
every file. Why a node tree and not `yaml.safe_load`: plain loading forgets line numbers,
and PyYAML's timestamp resolver turns an impossible date (`2026-02-30`) into a crash;
here dates stay text so the schemas can report them. Engine-free.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

import yaml

__all__ = ["StringDatesLoader", "compose_yaml", "line_of", "key_lines", "field_path"]

# The C loader (libyaml) when PyYAML was built with it: composing YAML is most of
# the time spent reading 90 files, and the C parser is several times faster.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StringDatesLoader(_BaseLoader):
    """SafeLoader that leaves dates as text, so impossible dates can be reported."""


StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


def compose_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the data of one YAML document, from one parse.

    Raises `yaml.YAMLError` (and `RecursionError` for absurd nesting) like PyYAML.
    """
    loader = StringDatesLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def line_of(node: yaml.Node | None, path: Iterable[Any]) -> int | None:
    """The 1-based line of the key (in a mapping) or item (in a list) at `path`, or of its
    nearest parent that exists; None when not even the first step is found.

    `path` holds mapping keys and list indexes (ints or digit strings), as in a JSON Schema
    error's `absolute_path` or a field name split by `field_path`.
    """
    line = None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((key, value) for key, value in node.value if str(key.value) == str(step)), None)
            if match is None:
                return line
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and str(step).isdigit() and int(step) < len(node.value):
            node = node.value[int(step)]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def key_lines(node: yaml.Node | None, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    """The 1-based line of every mapping key and list item below `node`, by its path
    (keys as text, list indexes as digit strings: `("topics", "0", "id")`)."""
    found: dict[tuple[str, ...], int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = path + (str(key_node.value),)
            found[key_path] = key_node.start_mark.line + 1
            found.update(key_lines(value_node, key_path))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_path = path + (str(index),)
            found[item_path] = item.start_mark.line + 1
            found.update(key_lines(item, item_path))
    return found


def field_path(field_name: str) -> list[str]:
    """`phones[1].number` -> `["phones", "1", "number"]` (the steps `line_of` takes)."""
    return re.findall(r"[^.\[\]]+", field_name)
