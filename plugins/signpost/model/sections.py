"""Required sections of each page type (`data/sections.yml`), read once by the content model.

A charter, an equal-opportunities statement or a complaints page must contain named
sections; this module only reads and checks the rules. The coverage feature
(`signpost.coverage.sections`) checks pages against them. Engine-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from signpost.findings import Finding, error
from signpost.model.frontmatter import parse_yaml_mapping

SECTIONS_FILE = "sections.yml"
CHECK = "coverage"


@dataclass(frozen=True)
class RequiredSection:
    id: str
    title: str


@dataclass(frozen=True)
class PageTypeSections:
    """The sections one kind of page must contain."""

    type: str
    name: str
    source: str = ""
    sections: tuple[RequiredSection, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(section.id for section in self.sections)


@dataclass
class SectionRules:
    """Every page type's required sections, read from `data/sections.yml`."""

    types: dict[str, PageTypeSections] = field(default_factory=dict)
    file: str = f"data/{SECTIONS_FILE}"
    #: Problems with the rules file itself; the coverage check reports them.
    findings: list[Finding] = field(default_factory=list)

    def owner_of(self, section_id: str) -> PageTypeSections | None:
        """The page type a section marker belongs to."""
        return next((t for t in self.types.values() if section_id in t.ids), None)


def load_section_rules(data_dir: Path, display_prefix: str = "data",
                       page_types: Iterable[str] = ()) -> tuple[SectionRules, list[Finding]]:
    """Read `sections.yml`; a missing file means no page type requires sections."""
    display = f"{display_prefix}/{SECTIONS_FILE}"
    rules = SectionRules(file=display)
    path = Path(data_dir) / SECTIONS_FILE
    if not path.is_file():
        return rules, []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        return rules, [error(display, f"cannot read the file: {problem}", hint="save it as UTF-8", check=CHECK)]
    data, lines, findings = parse_yaml_mapping(text, display)
    if data is None:
        return rules, findings
    types = data.get("page_types")
    if not isinstance(types, dict):
        return rules, findings + [error(display, "`page_types` must map each page type to its sections",
                                        line=lines.get("page_types"), field="page_types", check=CHECK,
                                        hint="write `page_types:` then `charter:` with `sections:` below it")]
    known_types = set(page_types)
    seen: dict[str, str] = {}
    for type_name, entry in types.items():
        where = f"page_types.{type_name}"
        if known_types and type_name not in known_types:
            findings.append(error(display, f"unknown page type `{type_name}`", field=where, check=CHECK,
                                  hint="use a page `type` from docs/schema/page.schema.json: "
                                       + ", ".join(sorted(known_types))))
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("sections", []), list):
            findings.append(error(display, f"`{type_name}` needs a `sections` list", field=where, check=CHECK,
                                  hint="list each section as `- id: aims` with a `title:`"))
            continue
        sections = []
        for index, section in enumerate(entry.get("sections") or []):
            section_id = section.get("id") if isinstance(section, dict) else None
            if not isinstance(section_id, str) or not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", section_id):
                findings.append(error(display, f"section {index + 1} of `{type_name}` has no valid `id`",
                                      field=f"{where}.sections[{index}].id", check=CHECK,
                                      hint="ids are lower-case words joined by hyphens, e.g. `our-promises`"))
                continue
            if section_id in seen:
                findings.append(error(display, f"section id `{section_id}` is used by both `{seen[section_id]}` "
                                      f"and `{type_name}`", field=f"{where}.sections[{index}].id", check=CHECK,
                                      hint="a section id must belong to one page type: rename one"))
                continue
            seen[section_id] = type_name
            sections.append(RequiredSection(section_id, str(section.get("title") or section_id)))
        rules.types[type_name] = PageTypeSections(type_name, str(entry.get("name") or type_name),
                                                  str(entry.get("source") or ""), tuple(sections))
    return rules, findings
