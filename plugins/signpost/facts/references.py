"""`{{ fact.childline.phone }}`: finding, checking and filling in fact references. MkDocs-free.

A reference is resolved on the raw Markdown before it is rendered, so the value
becomes ordinary Markdown (a phone number a `tel:` link) in every language.
Translations keep the reference itself (the integrity check compares them), so
a number is written once, in data/facts.yml. `{{ fact.x.phone | plain }}` gives
the bare value (inside link text or a heading). References in code are not
touched, so docs can show the syntax.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from signpost.facts import phones
from signpost.findings import Finding, error
from signpost.model.facts import CHECK, FactRegistry

# Loose on purpose, so that near misses (`{{ facts.x }}`, `{{ fact.x | link }}`) are reported, not shown raw.
REFERENCE = re.compile(r"\{\{\s*(facts?)\.([^\s|{}]+)\s*(?:\|\s*([^\s{}]*)\s*)?\}\}")
FILTERS = ("plain",)
_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LETTER = re.compile(r"[^\W\d_]")
# Worded values that are names, not words to translate (an address, a keyword to text, an Act's title).
UNTRANSLATED_VALUES = ("address", "keyword", "law")


@dataclass(frozen=True)
class Reference:
    """One reference as written: its key, optional filter, and line."""

    key: str
    filter: str | None
    line: int
    raw: str
    prefix: str = "fact"


def references_in(text: str, first_line: int = 1) -> list[Reference]:
    """Every reference in a Markdown text outside code, with its line."""
    found = []
    for offset, line in _lines_outside_code(text):
        for match in REFERENCE.finditer(_blank_code_spans(line)):
            found.append(Reference(match.group(2), match.group(3) or None, first_line + offset, match.group(0),
                                   match.group(1)))
    return found


def keys_in(text: str) -> list[str]:
    """The keys referenced in one message (for the translation integrity check)."""
    return sorted(match.group(2) for match in REFERENCE.finditer(text))


def only_references(text: str) -> bool:
    """True when a text is nothing but references (a table cell `{{ fact.centre.hours }}`): not a message."""
    return bool(REFERENCE.search(text)) and not _LETTER.search(REFERENCE.sub(" ", text))


def reference_findings(text: str, registry: FactRegistry, file: str, first_line: int = 1) -> list[Finding]:
    """An error for each reference that is malformed or names no fact, with a "did you mean"."""
    findings = []
    for reference in references_in(text, first_line):
        findings.extend(check_reference(reference, registry, file))
    return findings


def check_reference(reference: Reference, registry: FactRegistry, file: str) -> list[Finding]:
    findings = []
    if reference.prefix != "fact":
        findings.append(error(file, f"`{reference.raw}` should start with `fact.`", line=reference.line,
                              field="fact", hint=f"write {{{{ fact.{reference.key} }}}}", check=CHECK))
    if reference.filter is not None and reference.filter not in FILTERS:
        findings.append(error(file, f"`{reference.raw}`: unknown filter `{reference.filter}`", line=reference.line,
                              field="fact", hint="the only filter is `| plain` (the value without a link)",
                              check=CHECK))
    fact, _name, provided = registry.lookup(reference.key)
    if fact is None and provided is None:
        close = difflib.get_close_matches(reference.key, registry.keys(), n=1, cutoff=0.6)
        hint = f"did you mean `{{{{ fact.{close[0]} }}}}`?" if close else \
            f"facts are listed in {registry.file} (`signpost report facts` shows every key)"
        findings.append(error(file, f"unknown fact `{reference.key}`", line=reference.line, field="fact",
                              hint=hint, check=CHECK))
    return findings


def resolve(text: str, registry: FactRegistry, *, translate: Callable[[str], str] | None = None,
            markdown: bool = True) -> str:
    """`text` with every known reference replaced by its value (unknown ones stay, and are findings).

    `translate` turns a worded value (opening hours) into the page's language.
    With `markdown=False` values are plain text (interface strings, titles).
    """
    if "{{" not in text:
        return text
    out, in_fence = [], None
    for line in text.split("\n"):
        fence = _FENCE.match(line)
        if fence:
            marker = fence.group(1)[0] * 3
            in_fence = None if in_fence == marker else (in_fence or marker)
            out.append(line)
            continue
        out.append(line if in_fence else _resolve_line(line, registry, translate, markdown))
    return "\n".join(out)


def render_value(registry: FactRegistry, key: str, *, translate: Callable[[str], str] | None = None,
                 markdown: bool = True, plain: bool = False) -> str | None:
    """The value of `key` as it should appear on a page, or None for an unknown key."""
    fact, name, provided = registry.lookup(key)
    if provided is not None:
        value, kind = provided.value, provided.render
    elif fact is not None:
        value, kind = fact.values[name], value_kind(name)
    else:
        return None
    if kind == "text" and translate and fact is not None and is_translatable_value(name, value):
        value = translate(value)
    if plain or not markdown:
        return value
    if kind == "phone":
        return f"[{value}]({phones.tel_href(value)})"
    if kind == "sms":
        return f"[{value}]({phones.sms_href(value)})"
    if kind == "email":
        return f"[{value}](mailto:{value})"
    if kind == "url":
        host = urlsplit(value).netloc.removeprefix("www.")
        return f"[{host}]({value})"
    return value


def is_translatable_value(name: str, value: str) -> bool:
    """Worded values (opening hours, "up to £1,200 a year") are translated in interface.po."""
    return value_kind(name) == "text" and bool(_LETTER.search(value)) and \
        not any(name == word or name.endswith("-" + word) for word in UNTRANSLATED_VALUES)


def value_kind(name: str) -> str:
    """How a value is shown, from its name: phone, sms, email, url or text."""
    if name == "phone" or name.endswith("-phone"):
        return "phone"
    if name == "text" or name.endswith("-text"):
        return "sms"
    if name == "email" or name.endswith("-email"):
        return "email"
    if name == "url" or name.endswith("-url"):
        return "url"
    return "text"


def _resolve_line(line: str, registry: FactRegistry, translate, markdown: bool) -> str:
    spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(line)]

    def replace(match: re.Match) -> str:
        if match.group(1) != "fact" or any(start <= match.start() < end for start, end in spans):
            return match.group(0)
        if match.group(3) and match.group(3) not in FILTERS:
            return match.group(0)
        value = render_value(registry, match.group(2), translate=translate, markdown=markdown,
                             plain=match.group(3) == "plain")
        return match.group(0) if value is None else value

    return REFERENCE.sub(replace, line)


def _lines_outside_code(text: str):
    in_fence = None
    for offset, line in enumerate(text.split("\n")):
        fence = _FENCE.match(line)
        if fence:
            marker = fence.group(1)[0] * 3
            in_fence = None if in_fence == marker else (in_fence or marker)
            continue
        if not in_fence:
            yield offset, line


def _blank_code_spans(line: str) -> str:
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
