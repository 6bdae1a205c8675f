"""Translation integrity: a translation keeps every fact of its source message.

Like Sphinx's check for dropped references, but for what matters on an advice
site: a wrong helpline number in Urdu is worse than no translation. A
translation must keep the same link targets, email addresses, phone numbers
and numbers as its English message, and its Markdown must still parse to the
same links, images and code. Digits may be written in the language's own
script (Urdu ۱۳ for 13); their values must match.

Markup is compared as Sphinx compares references: both texts are parsed
(Markdown with attribute lists, raw HTML included) and the translation must
produce exactly the source's elements, with the same attributes and the same
link and image targets; only text (and `alt`/`title` wording) may change. A
Markdown attribute list `{...}` the English lacks is refused before parsing,
and so is HTML hidden behind entities (`&lt;img ...&gt;`). This applies to
interface strings too (interface.po): a translated button label is a place
for words, not for markup. Interface strings are also Python format strings,
so a stray `{` or a field the English lacks (`{date.__class__}`) is refused
before `str.format` could trip over it. MkDocs-free.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from collections import Counter
from functools import lru_cache
from html.parser import HTMLParser
from typing import NamedTuple

from signpost.facts.references import keys_in
from signpost.translations.attribute_lists import attribute_lists
from signpost.markup import render_inline

# Each pattern stops where another match could start (a target holds no `](`, an autolink no `<`,
# an address starts where its run of address characters does): on a hostile translation
# (`](a` written 8,000 times) each start read on to the end, and the check took seconds per KB.
_LINK_TARGET = re.compile(r"\]\(\s*<?((?:[^)\s>\]]|\](?!\())+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_TARGET = re.compile(r"\]\[([^\]]+)\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:|tel:)[^<>\s]+)>")
_BARE_URL = re.compile(r"(?<![(<\w])https?://[^\s)<>\]]+")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK phone numbers as people write them: 0113 496 0123, 020 7946 0123, 07700 900123, +44 113 496 0123.
_PHONE = re.compile(r"(?:\+\s?\d{1,3}[\s-]?|\b0)\d{2,4}(?:[\s-]?\d{2,4}){1,3}\b")
_NUMBER = re.compile(r"\d+")
_MARKUP = re.compile(r"[\[\]*_`<>#!|\\&{]|^\s*(?:[-+=]|\d+[.)])(?:\s|$)", re.M)
_HTML_TAG = re.compile(r"<\s*/?\s*([a-z][a-z0-9-]*)(?=[\s>/])")
# NUL and other C0 controls, and the direction overrides that reorder text (U+202D, U+202E).
# Marks translators need (RLM U+200F, ALM U+061C, isolates) are not in it.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202d\u202e]")
_FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")  # interface strings: `Last reviewed {date}.`
_ANY_DIGIT = re.compile(r"\d")  # a decimal digit of any script (`str.isdecimal`)
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit of another script (Urdu ۱, Gurmukhi ੧)


def integrity_problems(msgid: str, msgstr: str, *, markdown: bool = True) -> list[str]:
    """What the translation `msgstr` lost or changed from `msgid` (empty when it keeps every fact).

    `markdown=False` for interface strings, which are not Markdown blocks.
    """
    if len(msgstr) > _longest_translation(msgid):
        # Far longer than any language needs: refused before it is parsed. Python-Markdown reads some
        # text in time that grows with the square of its length (`[a` written 30,000 times took it
        # minutes), and the page would render the same text again.
        return [f"the translation is {len(msgstr):,} characters long, the English {len(msgid):,}: "
                "a translation is at most four times the English and 400 characters more"]
    source, target = _english_facts(msgid), _facts(msgstr)
    problems = []
    hidden = target.hidden - source.hidden
    if hidden:
        problems.append("the translation has invisible control characters ("
                        + ", ".join(f"U+{ord(ch):04X}" for ch in sorted(hidden)) + ") that the English does not have")
    for kind, label in (("links", "link target"), ("emails", "email address"), ("phones", "phone number"),
                        ("numbers", "number")):
        english, translated = getattr(source, kind), getattr(target, kind)
        if english is translated or dict.__eq__(english, translated):
            continue  # the same (no count is zero, so the dicts' equality is the counts'): most messages
        missing, extra = english - translated, translated - english
        if missing:
            problems.append(f"{label} {_list(missing)} is missing or changed")
        if extra and not missing:
            problems.append(f"{label} {_list(extra)} is not in the English text")
    if source.references != target.references:
        problems.append(f"fact references {_list(Counter(source.references))} must stay as they are "
                        f"(found {_list(Counter(target.references)) or 'none'})")
    fields, translated_fields = source.fields, target.fields
    if fields != translated_fields:
        problems.append(f"placeholders {_list(Counter(fields))} must stay as they are (found {_list(Counter(translated_fields)) or 'none'})")
    if not markdown:
        problems += format_problems(msgid, msgstr)
    problems += markup_problems(msgid, msgstr, blocks=markdown)
    return problems


def _longest_translation(msgid: str) -> int:
    return 4 * len(msgid) + 400


def forget_worked_out_facts() -> None:
    """Empty the caches of this module's checks (facts, references, rendered messages): a few MB at
    400 pages x 5 languages. For the parallel build's warm-up, which checks every catalog before it
    forks the workers; the workers read the checked catalogs (cached on the files), not these."""
    for cached in (_english_facts, _references, _rendered_shape, _rendered):
        cached.cache_clear()


def format_problems(msgid: str, msgstr: str) -> list[str]:
    """An interface string is `str.format`-ed: the translation must parse and use only the English's fields."""
    source = _format_fields(msgid)
    if source is None:
        return []  # the English is not a format string (literal braces): nothing is formatted
    target = _format_fields(msgstr)
    if target is None:
        return ["the translation has a stray `{` or `}` (write the placeholders exactly as in the English)"]
    extra = target - source
    if extra:
        return [f"the translation uses placeholders the English does not have: {_list(Counter(extra))}"]
    return []


def _format_fields(text: str) -> set[str] | None:
    try:
        return {"{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                for _, name, spec, conversion in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def markup_problems(msgid: str, msgstr: str, *, blocks: bool = True) -> list[str]:
    """Markup the translation adds, drops or changes; with `blocks`, also Markdown that no longer parses the same.

    `blocks=False` for interface strings: they are not Markdown blocks, so
    blank lines and block structure are not compared, but markup still is.
    """
    if blocks and msgstr.strip().count("\n\n") != msgid.strip().count("\n\n"):
        # A page message is one block, so a blank line would split it.
        return ["the translation has a blank line: one message is one block (paragraph, heading, list item)"]
    if not (_MARKUP.search(msgid) or _MARKUP.search(msgstr)):
        # Plain sentences on both sides (most messages): nothing to parse, and no `{` for an
        # attribute list, no `<` or `&` for HTML (all three are in _MARKUP).
        return []
    added_lists = _attribute_lists(msgstr) - _attribute_lists(msgid)
    if added_lists:
        return [f"the translation adds a Markdown attribute list {_list(added_lists)} that the English does not have"]
    added_html = _tag_names(html.unescape(msgstr)) - _tag_names(html.unescape(msgid))
    if added_html:
        return [f"the translation adds HTML ({', '.join(f'<{tag}>' for tag in sorted(added_html))}) "
                "that the English does not have"]
    lead = "its Markdown does not parse like the English" if blocks else "the translation's markup differs from the English"
    problems = _reference_problems(_references(msgid), _references(msgstr), lead)
    if problems or not blocks:
        return problems
    source, target = _rendered_shape(msgid), _rendered_shape(msgstr)
    if source != target:
        differences = [f"{tag}: {source.get(tag, 0)} in English, {target.get(tag, 0)} translated"
                       for tag in sorted(set(source) | set(target)) if source.get(tag, 0) != target.get(tag, 0)]
        return ["its Markdown does not parse like the English (" + "; ".join(differences) + ")"]
    return []


# Text whose wording is translated: compared by presence, not value.
_WORDING_ATTRIBUTES = frozenset({"alt", "title", "aria-label"})
def _attribute_lists(text: str) -> Counter:
    """`{#id}`, `{: .class}`, `{onclick=x}`: every `{...}` that is not a plain `{placeholder}`."""
    return Counter(" ".join(found.split()) for found in attribute_lists(text))


def _tag_names(text: str) -> set[str]:
    return set(_HTML_TAG.findall(text.lower()))


def _reference_problems(source: Counter, target: Counter, lead: str) -> list[str]:
    if source == target:
        return []
    missing, extra = source - target, target - source
    parts = []
    if extra:
        parts.append("adds " + ", ".join(_describe(ref) for ref in sorted(extra)))
    if missing:
        parts.append("drops or changes " + ", ".join(_describe(ref) for ref in sorted(missing)))
    return [f"{lead}: " + "; ".join(parts)
            + " (keep the same links, images and formatting; translate only the words)"]


def _describe(reference: tuple) -> str:
    tag, attributes = reference
    shown = " ".join(f"{name}" + ("" if value is None else f'="{value}"') for name, value in attributes)
    return f"`<{tag}{' ' + shown if shown else ''}>`"


@lru_cache(maxsize=4096)
def _references(text: str) -> Counter:
    """Every element the text renders to, with its attributes (wording attributes by name only)."""
    collector = _ElementCollector()
    collector.feed(_rendered(text))
    collector.close()
    return Counter(collector.elements)


class _ElementCollector(HTMLParser):
    """The standard library's HTML tokenizer: start tags with their attributes, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        kept = tuple(sorted((name.lower(), None if name.lower() in _WORDING_ATTRIBUTES else value)
                            for name, value in attrs))
        self.elements.append((tag.lower(), kept))

    handle_startendtag = handle_starttag


@lru_cache(maxsize=16384)
def _english_facts(msgid: str) -> _Facts:
    """The facts of an English message, worked out once: every language's catalog repeats its msgids.

    The result is shared between calls, so nothing may change it (the checks only compare).
    Sized for a large site's distinct messages (a few hundred bytes each): the catalogs are
    read language after language in the same order, and a cache smaller than one language's
    messages would evict each msgid just before the next language asks for it.
    """
    return _facts(msgid)


class _Facts(NamedTuple):
    """What a text must keep: link targets, emails, phones, numbers, fact references, placeholders,
    invisible controls. Empty parts are shared constants: most messages have none of them."""

    links: Counter
    emails: Counter
    phones: Counter
    numbers: Counter
    references: tuple[str, ...]
    fields: frozenset[str]
    hidden: frozenset[str]


_NONE_COUNTED: Counter = Counter()  # the shared empty count (never changed: the checks only subtract)
_NO_NAMES: frozenset[str] = frozenset()  # an empty frozenset is a new object each time in CPython 3.11


def _counted(items: list[str]) -> Counter:
    return Counter(items) if items else _NONE_COUNTED


def _names(items: list[str]) -> frozenset[str]:
    return frozenset(items) if items else _NO_NAMES


def _facts(text: str) -> _Facts:
    links, rest = _NONE_COUNTED, text
    if "](" in text or "][" in text or "<" in text or "http" in text:  # what each link pattern needs
        links = _counted(_LINK_TARGET.findall(text) + _REFERENCE_TARGET.findall(text) + _AUTOLINK.findall(text)
                         + _BARE_URL.findall(text))
        rest = _LINK_TARGET.sub("]", _AUTOLINK.sub(" ", _BARE_URL.sub(" ", text)))
    emails = phones = numbers = _NONE_COUNTED
    if "@" in rest:  # no address without an @ (most messages): two searches saved
        emails = _counted([e.lower() for e in _EMAIL.findall(rest)])
        rest = _EMAIL.sub(" ", rest)
    if _ANY_DIGIT.search(rest):  # no digit in any script: no phone number, no number
        normalised = _western_digits(_FIELD.sub(" ", rest))
        phones = _counted([re.sub(r"\D", "", p) for p in _PHONE.findall(normalised)])
        rest = _PHONE.sub(" ", normalised)
        numbers = _counted([n.lstrip("0") or "0" for n in _NUMBER.findall(rest)])
    return _Facts(links, emails, phones, numbers, tuple(keys_in(text)) if "{{" in text else (),
                  _names(_FIELD.findall(text)) if "{" in text else _NO_NAMES, _names(_HIDDEN.findall(text)))


def _western_digits(text: str) -> str:
    """Digits of any script as 0-9, so Urdu ۱۳ and Gurmukhi ੧੩ compare equal to 13.

    The regular expression finds them in C: `\\d` on text is exactly `str.isdecimal` (both are
    Unicode category Nd), which a loop over every character in Python took a second to ask.
    """
    if text.isascii():
        return text  # most English and Polish sentences: nothing to convert
    return _NON_ASCII_DIGIT.sub(lambda digit: str(unicodedata.decimal(digit.group())), text)


@lru_cache(maxsize=4096)
def _rendered_shape(text: str) -> Counter:
    """How many links, images, code spans and emphasis an inline Markdown text renders to, and leftovers."""
    rendered = _rendered(text)
    shape = Counter(re.findall(r"<(a|img|code|strong|em)\b", rendered))
    body = re.sub(r"<code>.*?</code>", "", rendered, flags=re.S)
    plain = re.sub(r"<[^>]+>", "", body)
    if re.search(r"\]\(|\[[^\][]*\]\(|\*\*|(?<!\w)__", plain):
        shape["unparsed link or emphasis markers"] += 1
    for block in re.findall(r"<(p|h[1-6]|ul|ol|blockquote|pre|table|hr)\b", rendered):
        shape[f"<{block}> blocks"] += 1
    return shape


@lru_cache(maxsize=8192)
def _rendered(text: str) -> str:
    """The inline Markdown rendered once, for both the reference and the shape comparison."""
    return render_inline(text)


def _list(items: Counter) -> str:
    return ", ".join(f"`{item}`" for item in sorted(items))
