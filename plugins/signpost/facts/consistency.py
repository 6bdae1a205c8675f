"""Consistency: the same kind of fact stated differently in different places. MkDocs-free.

Warnings (a person decides which is right), for:
- phone numbers attached to the same organisation name on two pages that share none;
- postcodes attached to the same organisation name on two pages (or a page and a
  service) that share none;
- the centre's opening times written out by hand that are not the registry's.
Stating a value through `{{ fact.x }}` can never be inconsistent, so the fix is
always the same: use the fact.
"""

from __future__ import annotations

import re
from collections import defaultdict

from signpost.facts import phones
from signpost.facts.references import REFERENCE
from signpost.findings import Finding, warning
from signpost.model.facts import CHECK

POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
TIME_RANGE = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)\s+to\s+\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)\b", re.I)


def consistency_findings(model, registry) -> list[Finding]:
    first_name = _name_finder(_organisation_names(model, registry))
    numbers: dict[str, dict[str, tuple[set, int]]] = defaultdict(dict)
    postcodes: dict[str, dict[str, tuple[set, int]]] = defaultdict(dict)
    findings: list[Finding] = []
    for file, first_line, text in _texts(model):
        for offset, line in enumerate(text.split("\n")):
            line = REFERENCE.sub(" ", line)
            name = first_name(line)
            if not name:
                continue
            found = {n.digits for n in phones.find_numbers(line)}
            if found:
                numbers[name].setdefault(file, (set(), first_line + offset))[0].update(found)
            codes = set(POSTCODE.findall(line))
            if codes:
                postcodes[name].setdefault(file, (set(), first_line + offset))[0].update(codes)
    for service in model.services.values():
        # An organisation may have several sites, but one named place has one postcode.
        for location in service.locations:
            if location.postal_code and location.name:
                postcodes[location.name].setdefault(service.file, (set(), service.key_lines.get("locations")))[0] \
                    .add(location.postal_code)
    findings += _disagreements(numbers, "phone number", lambda v: v)
    findings += _disagreements(postcodes, "postcode", lambda v: v)
    findings += _opening_time_findings(model, registry)
    return findings


def _disagreements(by_name, kind: str, show) -> list[Finding]:
    findings = []
    for name, places in sorted(by_name.items()):
        files = sorted(places)
        for index, file in enumerate(files):
            values, line = places[file]
            for other in files[:index]:
                other_values, other_line = places[other]
                if values and other_values and not values & other_values:
                    findings.append(warning(file, f"{name}: {kind} {', '.join(sorted(map(show, values)))} here, "
                                                  f"but {', '.join(sorted(map(show, other_values)))} in {other}"
                                                  + (f" (line {other_line})" if other_line else ""),
                                            line=line, field=kind.replace(" ", "_"),
                                            hint="find out which is right and state it once, as a fact "
                                                 "(data/facts.yml) that both places reference", check=CHECK))
                    break
    return findings


def _opening_time_findings(model, registry) -> list[Finding]:
    centre = next((f for f in registry.facts.values() if f.kind == "centre"), None)
    if centre is None:
        return []
    known = {_normal(v) for v in centre.values.values()}
    markers = [centre.name, *(_place_names(centre))]
    findings = []
    # The pages that state the centre's times (contact, home) are checked line by line;
    # elsewhere only lines that name the centre or its building.
    timetable_pages = {page.file for page in model.pages.values() if "contact" in page.topics or page.type == "home"}
    for file, first_line, text in _texts(model):
        for offset, line in enumerate(text.split("\n")):
            if file not in timetable_pages and not any(marker in line for marker in markers):
                continue
            for stated in TIME_RANGE.findall(REFERENCE.sub(" ", line)):
                if _normal(stated) not in known:
                    findings.append(warning(file, f"opening time `{stated}` for {centre.name} is not one of "
                                                  "the centre's times in data/facts.yml", line=first_line + offset,
                                            field="opening_times",
                                            hint="use {{ fact.centre.<day> }} so every page shows the same times",
                                            check=CHECK))
    return findings


def _place_names(centre) -> list[str]:
    address = centre.values.get("address", "")
    return [address.split(",")[0]] if address else []


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace(".00", "").replace(":00", "")).strip()


def _texts(model):
    for page in model.pages.values():
        yield page.file, page.body_line, page.body
    for service in model.services.values():
        yield service.file, service.body_line, service.body


def _organisation_names(model, registry) -> list[str]:
    names = {fact.name for fact in registry.facts.values() if fact.kind in ("helpline", "centre", "service")}
    for service in model.services.values():
        if service.organization and service.organization.name:
            names.add(_base(service.organization.name))
        names.add(service.name)
        names.update(location.name for location in service.locations if location.name)
    return sorted((n for n in names if len(n) > 3), key=len, reverse=True)


def _base(name: str) -> str:
    return re.sub(r"\s*\(fictional[^)]*\)", "", name).strip()


def _name_finder(names: list[str]):
    """`first_name(line)`: the name found first in the line, the longest of those found there first.

    Each line used to be searched for every name (hundreds: every service,
    organisation and place), most of a 400-page site's facts check. A name can
    only be found where its first four letters are (every name is longer than
    three letters), so only the names whose first four letters the line holds
    are searched for, in the same order, with the same result.
    """
    ranks_by_start: dict[str, list[int]] = defaultdict(list)
    for rank, name in enumerate(names):  # longest first, so "Riverside Youth Advice" wins over "Riverside"
        ranks_by_start[name[:4]].append(rank)
    starts = ranks_by_start.keys()

    def first_name(line: str) -> str | None:
        held = starts & {line[at:at + 4] for at in range(len(line) - 3)}
        best = None
        for rank in sorted(rank for start in held for rank in ranks_by_start[start]):
            at = line.find(names[rank])
            if at >= 0 and (best is None or at < best[0]):
                best = (at, names[rank])
        return best[1] if best else None

    return first_name
