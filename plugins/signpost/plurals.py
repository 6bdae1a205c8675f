"""Plural forms from CLDR (babel's locale data): which form a count takes, and the gettext header.

Shared by the interface strings (`signpost.l10n`) and the PO writer
(`signpost.translations.po_format`), so both count the same way. MkDocs-free.
"""

from __future__ import annotations

from babel import Locale
from babel.plural import PluralRule, to_gettext


def plural_categories(language: str) -> tuple[str, ...]:
    """The CLDR plural categories whole numbers fall into, in gettext's order (pl: one, few, many)."""
    return _plural_rule(language)[0]


def plural_index(language: str, count: int) -> int:
    """Which `msgstr[i]` a count takes in `language` (CLDR rules; the last form for anything else)."""
    categories, rule = _plural_rule(language)
    category = rule(count)
    return categories.index(category) if category in categories else len(categories) - 1


def plural_forms_header(language: str) -> str:
    """The gettext `Plural-Forms` header from CLDR's rules for whole numbers.

    babel's own table says `n != 1` for languages it does not list and is not CLDR
    for some it does (Panjabi: 0 is singular in CLDR). CLDR's `other` category is
    kept only when a whole number can reach it (Polish uses it for fractions only,
    so Polish has 3 forms, as Polish PO files always have).
    """
    categories, rule = _plural_rule(language)
    kept = {tag: rule.rules[tag] for tag in categories[:-1]}
    return _simplified(to_gettext(PluralRule(kept)))


def _simplified(expression: str) -> str:
    # babel compiles CLDR's "v = 0" (no decimals) to `(0 == 0)`: always true for whole numbers.
    for always, replacement in ((" && ((0 == 0))", ""), ("((0 == 0)) && ", ""), ("(!((0 == 0))) || ", "")):
        expression = expression.replace(always, replacement)
    return expression


_PLURAL_ORDER = ("zero", "one", "two", "few", "many", "other")
_PLURAL_CACHE: dict[str, tuple] = {}


def _plural_rule(language: str):
    if language not in _PLURAL_CACHE:
        rule = Locale.parse("en" if language == "en" else language).plural_form
        reached = {rule(number) for number in range(0, 1001)}
        categories = tuple(tag for tag in _PLURAL_ORDER if tag in reached)
        _PLURAL_CACHE[language] = (categories, rule)
    return _PLURAL_CACHE[language]
