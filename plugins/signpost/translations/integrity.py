"""Translation integrity: a translation keeps every fact of its source message.

Like Sphinx's check for dropped references, but for what matters on an advice
site: a wrong helpline number in Urdu is worse than no translation. A
translation must keep the same link targets, email addresses, phone numbers
and numbers as its English message, and its Markdown must still parse to the
same links, images and code. Digits may be written in the language's own
script (Urdu ۱۳ for 13); their values must match. MkDocs-free.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_TARGET = re.compile(r"\]\[([^\]]+)\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:|tel:)[^>\s]+)>")
_BARE_URL = re.compile(r"(?<![(<\w])https?://[^\s)<>\]]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK phone numbers as people write them: 0113 496 0123, 020 7946 0123, 07700 900123, +44 113 496 0123.
_PHONE = re.compile(r"(?:\+\s?\d{1,3}[\s-]?|\b0)\d{2,4}(?:[\s-]?\d{2,4}){1,3}\b")
_NUMBER = re.compile(r"\d+")
_MARKUP = re.compile(r"[\[\]*_`<>#!|\\]|^\s*(?:[-+=]|\d+[.)])(?:\s|$)", re.M)
_HTML_TAG = re.compile(r"<\s*/?\s*([a-z][a-z0-9-]*)(?=[\s>/])")
_FIELD = re.compile(r"\{(\w+)\}")  # interface strings: `Last reviewed {date}.`


def integrity_problems(msgid: str, msgstr: str, *, markdown: bool = True) -> list[str]:
    """What the translation `msgstr` lost or changed from `msgid` (empty when it keeps every fact).

    `markdown=False` for interface strings, which are not Markdown blocks.
    """
    source, target = _facts(msgid), _facts(msgstr)
    problems = []
    for kind, label in (("links", "link target"), ("emails", "email address"), ("phones", "phone number"),
                        ("numbers", "number")):
        missing = source[kind] - target[kind]
        extra = target[kind] - source[kind]
        if missing:
            problems.append(f"{label} {_list(missing)} is missing or changed")
        if extra and not missing:
            problems.append(f"{label} {_list(extra)} is not in the English text")
    from signpost.facts.references import keys_in  # facts helper: {{ fact.x }} must survive translation
    if keys_in(msgid) != keys_in(msgstr):
        problems.append(f"fact references {_list(Counter(keys_in(msgid)))} must stay as they are "
                        f"(found {_list(Counter(keys_in(msgstr))) or 'none'})")
    fields, translated_fields = set(_FIELD.findall(msgid)), set(_FIELD.findall(msgstr))
    if fields != translated_fields:
        problems.append(f"placeholders {_list(Counter(fields))} must stay as they are (found {_list(Counter(translated_fields)) or 'none'})")
    if markdown:
        problems += markup_problems(msgid, msgstr)
    return problems


def markup_problems(msgid: str, msgstr: str) -> list[str]:
    """Markdown that does not parse as the source does (broken links, stray markers, new blocks)."""
    # A page message is one block, so a blank line would split it; an
    # interface string (an email body) may have blank lines: keep the same number.
    if msgstr.strip().count("\n\n") != msgid.strip().count("\n\n"):
        return ["the translation has a blank line: one message is one block (paragraph, heading, list item)"]
    added_html = set(_HTML_TAG.findall(msgstr.lower())) - set(_HTML_TAG.findall(msgid.lower()))
    if added_html:
        return [f"the translation adds HTML ({', '.join(f'<{tag}>' for tag in sorted(added_html))}) "
                "that the English does not have"]
    if not (_MARKUP.search(msgid) or _MARKUP.search(msgstr)):
        return []  # plain sentences on both sides: nothing to parse (most messages; rendering is slow)
    source, target = _rendered_shape(msgid), _rendered_shape(msgstr)
    if source != target:
        differences = [f"{tag}: {source.get(tag, 0)} in English, {target.get(tag, 0)} translated"
                       for tag in sorted(set(source) | set(target)) if source.get(tag, 0) != target.get(tag, 0)]
        return ["its Markdown does not parse like the English (" + "; ".join(differences) + ")"]
    return []


def _facts(text: str) -> dict[str, Counter]:
    links = Counter(_LINK_TARGET.findall(text) + _REFERENCE_TARGET.findall(text) + _AUTOLINK.findall(text)
                    + _BARE_URL.findall(text))
    rest = _LINK_TARGET.sub("]", _AUTOLINK.sub(" ", _BARE_URL.sub(" ", text)))
    emails = Counter(e.lower() for e in _EMAIL.findall(rest))
    rest = _EMAIL.sub(" ", rest)
    normalised = _western_digits(_FIELD.sub(" ", rest))
    phones = Counter(re.sub(r"\D", "", p) for p in _PHONE.findall(normalised))
    rest = _PHONE.sub(" ", normalised)
    numbers = Counter(n.lstrip("0") or "0" for n in _NUMBER.findall(rest))
    return {"links": links, "emails": emails, "phones": phones, "numbers": numbers}


def _western_digits(text: str) -> str:
    """Digits of any script as 0-9, so Urdu ۱۳ and Gurmukhi ੧੩ compare equal to 13."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)


@lru_cache(maxsize=4096)
def _rendered_shape(text: str) -> Counter:
    """How many links, images, code spans and emphasis an inline Markdown text renders to, and leftovers."""
    rendered = _markdown().reset().convert(text)
    shape = Counter(re.findall(r"<(a|img|code|strong|em)\b", rendered))
    body = re.sub(r"<code>.*?</code>", "", rendered, flags=re.S)
    plain = re.sub(r"<[^>]+>", "", body)
    if re.search(r"\]\(|\[[^\]]*\]\(|\*\*|(?<!\w)__", plain):
        shape["unparsed link or emphasis markers"] += 1
    for block in re.findall(r"<(p|h[1-6]|ul|ol|blockquote|pre|table|hr)\b", rendered):
        shape[f"<{block}> blocks"] += 1
    return shape


@lru_cache(maxsize=1)
def _markdown():
    """One reusable converter: building a Markdown instance costs more than converting a sentence."""
    import markdown
    return markdown.Markdown(extensions=["attr_list"])


def _list(items: Counter) -> str:
    return ", ".join(f"`{item}`" for item in sorted(items))
