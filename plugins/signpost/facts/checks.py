"""Checks of facts on the content model (the build and `signpost check` run the same). MkDocs-free.

- the registry: schema, review dates (an overdue fact fails like a page), topics;
- references in pages and services: each must name a fact (with a "did you mean");
- phone numbers: a real-looking number outside the registry and Ofcom's drama
  ranges is an error; a text line must be able to receive texts;
- "Get help now": every sensitive page and the home page gets one (the block
  is added by the build; here we check the registry can fill it).
"""

from __future__ import annotations

import re
from dataclasses import replace

from signpost.facts import phones
from signpost.facts.consistency import consistency_findings
from signpost.facts.references import _CODE_SPAN, REFERENCE, reference_findings, references_in
from signpost.facts.registry_checks import expiry_findings, topic_findings
from signpost.findings import Finding, error
from signpost.model.facts import CHECK
from signpost.today import today

_LINK_TARGET = re.compile(r"\]\([^)]*\)|<[a-z]+:[^>]*>")


def check_model(model) -> list[Finding]:
    registry = model.facts
    findings = list(registry.findings)  # the registry file's own (schema, YAML)
    findings += expiry_findings(registry, today())
    findings += topic_findings(registry, model.registry.topics)
    fact_numbers = _fact_numbers(registry)
    for page in model.pages.values():
        findings += reference_findings(page.body, registry, page.file, page.body_line)
        findings += _number_findings(page.body, page.file, page.body_line, fact_numbers)
        for key in ("title", "description"):
            if REFERENCE.search(getattr(page, key) or ""):
                findings.append(error(page.file, f"`{key}` contains a fact reference", line=page.line_of(key),
                                      field=key, hint="write the value in the page body, not in the title or "
                                                      "description (they are shown as plain text)", check=CHECK))
    for service in model.services.values():
        findings += _service_findings(service, registry, fact_numbers)
    if not any(fact.kind == "emergency" for fact in registry.facts.values()) and registry.facts:
        findings.append(error(registry.file, "no `emergency` fact: Get help now needs 999", field="facts",
                              hint="add an `emergency` fact with `values: {phone: \"999\"}`", check=CHECK))
    findings += consistency_findings(model, registry)
    return findings


def _fact_numbers(registry) -> dict[str, str]:
    """National digits -> fact key, for every phone-like value in the registry."""
    numbers = {}
    for fact in registry.facts.values():
        for name, value in fact.values.items():
            if name in ("phone", "text") or name.endswith(("-phone", "-text")):
                numbers[phones.national_digits(value)] = f"{fact.id}.{name}"
    return numbers


def _number_findings(text: str, file: str, first_line: int, fact_numbers: dict[str, str]) -> list[Finding]:
    """An error for each real-looking phone number written in a text (outside code and references)."""
    findings = []
    offsets = [0]
    masked = _mask(text)
    for index, char in enumerate(masked):
        if char == "\n":
            offsets.append(index + 1)
    for number in phones.find_numbers(masked):
        if number.drama:
            continue
        line = first_line + sum(1 for start in offsets[1:] if start <= number.start)
        key = fact_numbers.get(number.digits)
        if key:
            findings.append(error(file, f"the real number {number.raw.strip()} is typed into the page", line=line,
                                  field="phone", hint=f"write {{{{ fact.{key} }}}} instead, so it is kept "
                                                      "true in one place", check=CHECK))
        else:
            findings.append(error(file, f"{number.raw.strip()} looks like a real phone number", line=line,
                                  field="phone", hint="a real national number must be a fact in data/facts.yml "
                                                      "with its source; a made-up local number must be in "
                                                      f"Ofcom's drama ranges ({phones.DRAMA_RANGES_TEXT})",
                                  check=CHECK))
    return findings


def _service_findings(service, registry, fact_numbers) -> list[Finding]:
    findings = reference_findings(service.body, registry, service.file, service.body_line)
    findings += _number_findings(service.body, service.file, service.body_line, fact_numbers)
    line = service.key_lines.get("phones")
    for phone in service.phones:
        digits = phones.national_digits(phone.number)
        if not phones.is_drama(phone.number) and digits not in fact_numbers:
            findings.append(error(service.file, f"phone {phone.number} is not in Ofcom's drama ranges "
                                                "and is not a fact", line=line, field="phones",
                                  hint=f"use a drama number ({phones.DRAMA_RANGES_TEXT}) or, for a real "
                                       "national helpline, add it to data/facts.yml with its source",
                                  check=CHECK))
        if phone.kind in ("text", "sms") and not phones.can_receive_texts(phone.number):
            findings.append(error(service.file, f"the text line {phone.number} cannot receive texts",
                                  line=line, field="phones",
                                  hint="landlines and 0808 freephone numbers cannot receive texts: use a mobile "
                                       "number from the drama range 07700 900000 to 900999", check=CHECK))
    for key in ("alert", "eligibility", "fees_description", "confidential_note"):
        value = getattr(service, key, "") or ""
        findings += [_with_line(f, service.key_lines.get(key), key) for f in reference_findings(value, registry,
                                                                                                  service.file)]
        findings += [_with_line(f, service.key_lines.get(key), key)
                     for f in _number_findings(value, service.file, 1, fact_numbers)]
    return findings


def _with_line(finding: Finding, line, field) -> Finding:
    return replace(finding, line=line, field=field)


def _mask(text: str) -> str:
    """The text with code, references and link targets blanked (same length, same lines)."""

    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))
    out, in_fence = [], False
    for line in text.split("\n"):
        if re.match(r"^\s{0,3}(```|~~~)", line):
            in_fence = not in_fence
            out.append(" " * len(line))
            continue
        if in_fence:
            out.append(" " * len(line))
            continue
        line = _CODE_SPAN.sub(blank, line)
        line = REFERENCE.sub(blank, line)
        line = _LINK_TARGET.sub(blank, line)
        out.append(line)
    return "\n".join(out)


__all__ = ["check_model", "references_in"]
