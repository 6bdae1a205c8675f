"""Phone numbers: links with E.164 targets, Ofcom's drama ranges, and real-looking numbers in text.

The site may show two kinds of number: real national numbers, only as facts with
a source (data/facts.yml), and made-up local numbers, only from the ranges Ofcom
keeps for drama, which never reach a real person. `phonenumbers` (Google's
libphonenumber) finds and parses numbers; it calls the 07700 900xxx drama range
invalid (no operator holds it), so drama numbers are recognised here first, by
their national prefix, and formatted as E.164 all the same. MkDocs-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberMatcher, shortnumberinfo

REGION = "GB"
# Ofcom's numbers for TV, radio and film (national significant number prefixes, 1000 numbers each).
DRAMA_PREFIXES = {
    "1134960": "0113 496 0000 to 0999 (Leeds)",
    "2079460": "020 7946 0000 to 0999 (London)",
    "1614960": "0161 496 0000 to 0999 (Manchester)",
    "8081570": "0808 157 0000 to 0999 (freephone)",
    "7700900": "07700 900000 to 900999 (mobile, can receive texts)",
}
DRAMA_RANGES_TEXT = "0113 496 0xxx, 020 7946 0xxx, 0161 496 0xxx, 0808 157 0xxx or 07700 900xxx"
# Numbers everyone knows and pages write in sentences ("call 999"): allowed as plain text.
UNIVERSAL_SHORT_NUMBERS = {"999", "112", "111", "101", "105", "119"}
_HARMONISED_116 = re.compile(r"^116\s?\d{3}$")  # European helplines (Samaritans 116 123): real, must be facts


@dataclass(frozen=True)
class FoundNumber:
    """A phone number written in a text."""

    raw: str
    start: int
    digits: str  # the national number as dialled in the UK, digits only (08001111)
    drama: bool


def tel_href(number: str) -> str:
    """The `tel:` target of a number: E.164 (+448001111), or the digits of a short number (116123)."""
    digits = re.sub(r"[^\d+]", "", number)
    if len(digits) <= 6 and not digits.startswith("+"):
        return f"tel:{digits}"
    try:
        parsed = phonenumbers.parse(number, REGION)
    except phonenumbers.NumberParseException:
        return f"tel:{digits}"
    if shortnumberinfo.is_valid_short_number(parsed) and not phonenumbers.is_valid_number(parsed):
        return f"tel:{digits}"
    # Drama numbers (07700 900xxx) are "invalid" to libphonenumber but format correctly as E.164.
    return "tel:" + phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


def sms_href(number: str) -> str:
    return "sms:" + tel_href(number)[len("tel:"):]


def is_drama(number: str) -> bool:
    """True for numbers in Ofcom's drama ranges."""
    try:
        parsed = phonenumbers.parse(number, REGION)
    except phonenumbers.NumberParseException:
        return False
    nsn = phonenumbers.national_significant_number(parsed)
    return len(nsn) == 10 and nsn[:7] in DRAMA_PREFIXES


def can_receive_texts(number: str) -> bool:
    """Mobile numbers (07...) and short codes can receive texts; landlines and 0808 freephone cannot."""
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+44"):
        digits = "0" + digits[2:]
    return digits.startswith("07") or (len(digits) <= 6 and not digits.startswith("0"))


def national_digits(number: str) -> str:
    """The number as dialled in the UK, digits only: `0800 1111` and `+44 800 1111` both give 08001111."""
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+44"):
        return "0" + digits[2:]
    return digits


def find_numbers(text: str) -> list[FoundNumber]:
    """UK phone numbers written in `text` (not years or ages), with where they start."""
    found = []
    for match in PhoneNumberMatcher(text, REGION, leniency=phonenumbers.Leniency.POSSIBLE):
        raw = match.raw_string
        nsn = phonenumbers.national_significant_number(match.number)
        if _HARMONISED_116.match(raw.strip()):
            found.append(FoundNumber(raw, match.start, re.sub(r"\D", "", raw), False))
            continue
        if not raw.lstrip("(").startswith(("0", "+")) or len(nsn) < 7:
            continue  # years, ages, amounts: not numbers people dial
        found.append(FoundNumber(raw, match.start, "0" + nsn, len(nsn) == 10 and nsn[:7] in DRAMA_PREFIXES))
    return found
