"""Limits: no input file can exhaust memory, recurse without bound or crash a build. MkDocs-free.

Each limit is far above anything an honest file needs (the largest page of the
sample site is under 10 KB, the largest catalog under 50 KB) and turns the
hostile case into a finding naming the file, never a traceback:

- YAML anchors and aliases are refused in front matter and `.meta.yml`:
  PyYAML shares aliased nodes, so a "billion laughs" document is small in
  memory but explodes in every walk over it (schema validation, JSON export);
  nothing in signpost's formats needs them;
- nesting deeper than MAX_YAML_DEPTH is refused before it is composed
  (PyYAML's composer and constructor recurse, the C one on the C stack);
- files bigger than the caps below are refused unread;
- NUL bytes are refused (they end strings in C tools and hide text).
"""

from __future__ import annotations

import yaml

MAX_PAGE_BYTES = 1_000_000       # a Markdown page or service file
MAX_YAML_BYTES = 200_000         # front matter or a .meta.yml
MAX_CATALOG_BYTES = 5_000_000    # one PO file
MAX_CSV_BYTES = 20_000_000       # a spreadsheet for `signpost import`
MAX_CSV_CELL = 20_000            # characters in one spreadsheet cell
MAX_YAML_DEPTH = 20

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENING = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
            yaml.FlowSequenceStartToken)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def yaml_structure_problem(text: str) -> tuple[str, int, str] | None:
    """(what, 0-based line, fix) when YAML text uses anchors/aliases or nests too deep; None when fine.

    Scanning tokens is iterative and cheap; it runs before the recursive composer.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        return (f"the metadata is larger than {MAX_YAML_BYTES // 1000} KB", 0,
                "keep the front matter short; long text belongs in the page body")
    depth = 0
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                return (f"YAML anchors and aliases (`{sign}{token.value}`) are not allowed", token.start_mark.line,
                        "write the value out in full where it is needed")
            if isinstance(token, _OPENING):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return (f"the metadata is nested more than {MAX_YAML_DEPTH} levels deep", token.start_mark.line,
                            "flatten the structure; no signpost field nests this deep")
            elif isinstance(token, _CLOSING):
                depth -= 1
    except yaml.YAMLError:
        return None  # the parser reports the syntax error itself, with its line
    return None


def nul_line(text: str) -> int | None:
    """The 1-based line of the first NUL character, or None."""
    position = text.find("\x00")
    return None if position < 0 else text.count("\n", 0, position) + 1


def size_problem(size: int, limit: int, what: str) -> str | None:
    """A sentence when `size` bytes is over `limit`, else None."""
    if size <= limit:
        return None
    return f"the {what} is {size // 1000} KB, over the limit of {limit // 1000} KB; it was not read"
