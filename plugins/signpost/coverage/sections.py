"""Required sections: some kinds of page (charter, equal-opportunities statement, complaints)
must contain named sections, marked by an id on a heading (`## Our aims {#aims}`). The rules
(`data/sections.yml`) are read by the content model (`signpost.model.sections`, `model.sections`).

The id survives translation (translators keep `{#aims}`), so the same marker is found in the
Markdown source and in the rendered HTML of every language. MkDocs-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from signpost.findings import Finding, error
from signpost.model.sections import CHECK, PageTypeSections, RequiredSection, SectionRules

# An ATX heading with an attr_list at its end: `## Title {#id .class key=value}` or `{: #id }`.
_HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.*?)[ \t]*\{:?(?P<attrs>[^{}]*)\}[ \t]*#*[ \t]*$")
_ID = re.compile(r"(?:^|\s)#(?P<id>[A-Za-z][\w-]*)")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Marker:
    """A section marker found in a page: the id on a heading, and where."""

    id: str
    line: int
    heading: str


def find_markers(body: str, body_line: int = 1) -> list[Marker]:
    """Every heading id in a Markdown body (outside code blocks), with its line in the file."""
    markers: list[Marker] = []
    fence: str | None = None
    for offset, line in enumerate(body.splitlines()):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        heading = _HEADING.match(line)
        if heading:
            for found in _ID.finditer(heading.group("attrs")):
                markers.append(Marker(found.group("id"), body_line + offset, heading.group("text").strip()))
    return markers


def check_page_sections(pages: Iterable[Any], rules: SectionRules) -> list[Finding]:
    """Missing required sections, and section markers on the wrong kind of page."""
    findings: list[Finding] = []
    for page in pages:
        markers = find_markers(page.body, page.body_line)
        required = rules.types.get(page.type)
        found = {marker.id for marker in markers}
        if required is not None:
            for section in required.sections:
                if section.id not in found:
                    findings.append(_missing(page, required, section))
        for marker in markers:
            owner = rules.owner_of(marker.id)
            if owner is not None and owner.type != page.type:
                findings.append(error(
                    page.file, f"the section `{marker.id}` belongs on a {owner.name} (type `{owner.type}`), "
                    f"but this page is of type `{page.type}`", line=marker.line, field="type", check=CHECK,
                    hint=f"remove `{{#{marker.id}}}` from the heading \"{marker.heading}\", "
                         f"or set `type: {owner.type}` if this page is the {owner.name}"))
        findings += _duplicates(page, markers, rules)
    return findings


def ids_in(tree) -> set[str]:
    """Every `id` of a parsed page (a selectolax tree or node)."""
    return {node.attributes.get("id") or "" for node in tree.css("[id]")}


def missing_ids(ids_on_page: set[str], section_ids: Iterable[str]) -> list[str]:
    """The section ids that no element of the rendered page carries (`ids_on_page`: every `id` it has)."""
    return [sid for sid in section_ids if sid not in ids_on_page]


def _missing(page, required: PageTypeSections, section: RequiredSection) -> Finding:
    where = f" (standard {required.source})" if required.source else ""
    return error(
        page.file, f"the {required.name} has no section `{section.id}`: {section.title}{where}",
        line=page.line_of("type") or page.body_line, field=f"sections.{section.id}", check=CHECK,
        hint=f"add the section with its id on the heading, e.g. `## {section.title} {{#{section.id}}}` "
             f"(the sections of each page type are listed in data/sections.yml)")


def _duplicates(page, markers: list[Marker], rules: SectionRules) -> list[Finding]:
    findings = []
    first: dict[str, int] = {}
    for marker in markers:
        if marker.id in first and rules.owner_of(marker.id) is not None:
            findings.append(error(page.file, f"the section `{marker.id}` is marked twice (first on line "
                                  f"{first[marker.id]})", line=marker.line, field=f"sections.{marker.id}",
                                  check=CHECK, hint="keep the id on one heading only"))
        first.setdefault(marker.id, marker.line)
    return findings
