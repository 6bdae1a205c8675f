"""Language facts and interface strings, from babel and the interface catalog.

Every string signpost itself adds to a page (notices, labels, buttons, dates)
goes through here, so translators find it in `translations/<lang>/interface.po`
and dates, times and day names follow the page's language. MkDocs-free.

Mark an interface string by calling `interface_text(language, "Exact English text")`
(or `signpost_t("...")` in templates): `signpost translations extract` collects them.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.dates import get_day_names

from signpost.plurals import plural_categories, plural_forms_header, plural_index  # noqa: F401 (re-exported)

# catalogs.py owns the file name and the reader; l10n only asks it (no import back, so no circle).
from signpost.facts.references import resolve as resolve_references
from signpost.model.facts import read_facts
from signpost.translations.catalogs import INTERFACE_CATALOG, load_page_catalog
_translations_dir = Path("translations")


def set_translations_dir(path: Path | str) -> None:
    """Where the PO catalogs live (the translations plugin sets it from mkdocs.yml)."""
    global _translations_dir
    _translations_dir = Path(path)


def translations_dir() -> Path:
    """Where the PO catalogs live (for features that look up page catalogs, such as directory lists)."""
    return _translations_dir


@lru_cache(maxsize=64)  # asked for every page; babel parses the locale again on each call
def direction(language: str) -> str:
    """`rtl` or `ltr`, from babel's locale data."""
    return "rtl" if Locale.parse(language).character_order == "right-to-left" else "ltr"


def format_date(day: dt.date, language: str) -> str:
    """A date as people write it in `language` (Polish: 1 października 2026)."""
    # Plain `en` is US English in babel ("October 1, 2026"); the site is British ("1 October 2026").
    return babel_format_date(day, format="long", locale="en_GB" if language == "en" else language)


def format_time(moment: dt.time, language: str) -> str:
    return babel_format_time(moment, format="short", locale="en_GB" if language == "en" else language)


@lru_cache(maxsize=256)  # 7 days x the site's languages; babel looks the locale up again on each call
def day_name(weekday: int, language: str) -> str:
    """Day name in `language`; weekday 0 is Monday (as `date.weekday()`)."""
    return get_day_names("wide", locale=language)[weekday]


def interface_text(language: str, message: str, **values: object) -> str:
    """The interface string `message` in `language` (English when not translated), formatted with values."""
    translated = _interface_translation(language, message) or message
    if "{{" in translated:  # {{ fact.x }}: the registry's value, as plain text (signpost.facts)
        translate = (lambda text: text) if language == "en" else (lambda text: interface_text(language, text))
        translated = resolve_references(translated, read_facts(_translations_dir.parent / "data"),
                                        translate=translate, markdown=False)
    return translated.format(**values) if values else translated


def _interface_translation(language: str, key: str) -> str | None:
    """The checked translation of one interface message, or None.

    Only checked translations: not fuzzy, same placeholders and numbers (a malformed file gives
    none). A lookup in the cached catalog: copying its messages into a new dict on every call
    cost 1.8 s of a synthetic build's profile (the theme asks for thousands of strings).
    """
    return load_page_catalog(_interface_catalog_path(_translations_dir, language), language).translate(key)


@lru_cache(maxsize=64)  # the theme asks for thousands of strings per language pass
def _interface_catalog_path(translations_dir: Path, language: str) -> Path:
    return translations_dir / language / INTERFACE_CATALOG


def interface_findings(language: str) -> list:
    """Problems of the interface catalog of `language` (malformed file, broken translations)."""
    return load_page_catalog(_translations_dir / language / INTERFACE_CATALOG, language).findings


# Plural forms and context ------------------------------------------------------------------------

def interface_ngettext(language: str, singular: str, plural: str, count: int, **values: object) -> str:
    """`{count} services` in the form `language` needs for `count` (CLDR rules: Polish 1, 2, 5 and 22 differ).

    `count` is also offered to the string as `{count}`. English when not translated.
    """
    forms = _interface_plurals(str(_translations_dir), language).get(_key(None, singular))
    if forms:
        template = forms[min(plural_index(language, count), len(forms) - 1)]
    else:
        template = singular if plural_index("en", count) == 0 else plural
    return template.format(**{"count": count, **values})


def interface_pgettext(language: str, context: str, message: str, **values: object) -> str:
    """`message` in the sense `context` gives it (`msgctxt`): one English word, two translations."""
    translated = _interface_translation(language, _key(context, message)) or message
    return translated.format(**values) if values else translated


def plural_templates(language: str, singular: str, plural: str) -> dict[str, str]:
    """Each CLDR plural category of `language` with its string, for scripts that count in the browser.

    The browser's `Intl.PluralRules(language).select(n)` names the category; `other` is always there.
    """
    forms = _interface_plurals(str(_translations_dir), language).get(_key(None, singular))
    categories = plural_categories(language) if forms else plural_categories("en")
    strings = forms or (singular, plural)
    result = {category: strings[min(index, len(strings) - 1)] for index, category in enumerate(categories)}
    result.setdefault("other", strings[-1])
    return result


def _key(context: str | None, message: str) -> str:
    """gettext's own key for a message with context: `context\\x04message`."""
    return f"{context}\x04{message}" if context else message


def _interface_plurals(translations_dir: str, language: str) -> dict[str, tuple[str, ...]]:
    catalog = load_page_catalog(Path(translations_dir) / language / INTERFACE_CATALOG, language)
    return catalog.plurals
