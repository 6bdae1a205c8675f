"""Find UK phone numbers in running text, as written, with their E.164 form and their kind.

`phonenumbers` (Google's libphonenumber) does the finding; hand-written here is only what it
cannot know: Ofcom's drama ranges (07700 900xxx, used in the sample content) are not "valid"
numbers to it, and whether a number is for calls or only for texts depends on the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import shortnumberinfo

REGION = "GB"

# Words that say how a number is used, in every language the site is translated into. The
# nearest one before the number (in the same paragraph, list item or table row) decides;
# translations often keep the English word ("SMS"), so all lists apply to every language.
TEXT_WORDS = (
    "text", "texts", "texting", "sms", "txt",                      # en
    "ٹیکسٹ", "ایس ایم ایس", "میسج", "پیغام",                        # ur
    "ਟੈਕਸਟ", "ਐਸਐਮਐਸ", "ਸੁਨੇਹਾ", "ਮੈਸੇਜ",                          # pa
    "esemes", "wiadomość", "napisz",                               # pl
    "mesaj", "scrie",                                              # ro
)
CALL_WORDS = (
    "phone", "call", "ring", "tel", "telephone", "dial", "helpline", "freephone",
    "فون", "کال", "ٹیلیفون",
    "ਫ਼ੋਨ", "ਫੋਨ", "ਕਾਲ",
    "zadzwoń", "dzwoń", "telefon",
    "sună", "suna", "apel", "apelează",
)
# Short numbers (999, NHS 111, 116 123) are linked only after a word that makes them a number
# to call, so that "999" in "£999" or a year-like figure is left alone.
_SHORT = re.compile(r"(?<![\d£$€.,])(999|112|111|101|105|116 ?\d{3})(?![\d.,]\d)")
_SHORT_CUE = re.compile(r"(?:" + "|".join(map(re.escape, CALL_WORDS + ("nhs",))) + r")[^.!?\d]{0,30}$",
                        re.IGNORECASE)
# Urdu and Panjabi put the verb after the number ("999 پر کال کریں": "call on 999").
_SHORT_CUE_AFTER = re.compile(r"^[^.!?\d۔।]{0,12}(?:" + "|".join(map(re.escape, CALL_WORDS)) + ")", re.IGNORECASE)
_UK_WRITTEN = re.compile(r"^(?:\+44\s?\(?0?\)?\s?|0)\d[\d\s-]{8,12}$")
_WORD = re.compile(r"\w+", re.UNICODE)
# The same class as libphonenumber's digits (`\d` on str: Unicode decimal digits, Urdu's ۰-۹ too).
_DIGIT = re.compile(r"\d")
# An address written out as text ("example.org/01134960303", "tel:+1900...", a@b): digits in it
# are part of the address (or someone's markup shown as text), never a number to call.
_ADDRESS = re.compile(r"\S*(?:://|www\.|@|\w\.[a-z]{2,}/|\b(?:tel|sms|callto|mailto):)\S*", re.IGNORECASE)


@dataclass(frozen=True)
class PhoneMention:
    """A number found in a text: where, as written, as E.164, and whether it takes calls."""

    start: int
    end: int
    text: str
    e164: str
    text_only: bool

    @property
    def href(self) -> str:
        return f"sms:{self.e164}" if self.text_only else f"tel:{self.e164}"


def find_phones(text: str, context_before: str = "") -> list[PhoneMention]:
    """Every phone number in `text`, in order. `context_before` is the text of the same block
    (paragraph, list item, table row) before `text`: it can hold the word that says "text".

    Most texts of a page hold no digit at all: libphonenumber's matcher and the short numbers both
    need one (`\\d`, any script's digits), so such a text is answered at once (half the time of a build's
    phone finding went to texts without a digit).
    """
    if not _DIGIT.search(text):
        return []
    numbers, addresses = _numbers_in(text)
    found = [PhoneMention(start, end, raw, e164, _is_text_only(context_before + text[:start]))
             for start, end, raw, e164 in numbers]
    for match in _SHORT.finditer(text):
        if any(m.start <= match.start() < m.end for m in found) or _inside(addresses, match.start(), match.end()):
            continue
        number = match.group(1)
        if not (_SHORT_CUE.search(context_before + text[:match.start()])
                or _SHORT_CUE_AFTER.match(text[match.end():])):
            continue
        if not shortnumberinfo.is_valid_short_number_for_region(phonenumbers.parse(number, REGION), REGION):
            continue
        found.append(PhoneMention(match.start(), match.end(), number, number.replace(" ", ""),
                                  _is_text_only(context_before + text[:match.start()])))
    return sorted(found, key=lambda mention: mention.start)


@lru_cache(maxsize=4096)  # recent texts only: a bound that keeps the worker small
def _numbers_in(text: str) -> tuple[tuple[tuple[int, int, str, str], ...], tuple[tuple[int, int], ...]]:
    """libphonenumber's real numbers of a text outside addresses (start, end, as written, E.164), and
    the text's addresses. The text alone decides them (the words around only say call or text): the
    same opening hours and dates recur in many services, pages and every language left untranslated."""
    addresses = tuple((m.start(), m.end()) for m in _ADDRESS.finditer(text))
    numbers = []
    for match in phonenumbers.PhoneNumberMatcher(text, REGION, leniency=phonenumbers.Leniency.POSSIBLE):
        if not _is_real_number(match.raw_string, match.number) or _inside(addresses, match.start, match.end):
            continue
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        numbers.append((match.start, match.end, match.raw_string, e164))
    return tuple(numbers), addresses


def _inside(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _is_real_number(raw: str, number: phonenumbers.PhoneNumber) -> bool:
    # POSSIBLE leniency also matches dates and amounts ("12 01 2026"): keep valid numbers, and
    # numbers written the UK way (0... or +44...) with a full national number (Ofcom drama ranges).
    if phonenumbers.is_valid_number(number):
        return True
    return bool(_UK_WRITTEN.match(raw.strip())) and len(str(number.national_number)) == 10


def _is_text_only(before: str) -> bool:
    """True when the nearest how-to-use word before the number is a texting word."""
    words = [w.lower() for w in _WORD.findall(before)]
    lowered = before.lower()
    for word in reversed(words):
        if word in TEXT_WORDS:
            return True
        if word in CALL_WORDS:
            return False
    # Several-word terms ("ایس ایم ایس") and words \w splits oddly (combining marks).
    positions = [(lowered.rfind(w), True) for w in TEXT_WORDS] + [(lowered.rfind(w), False) for w in CALL_WORDS]
    best = max(positions, key=lambda p: p[0])
    return best[0] >= 0 and best[1]
