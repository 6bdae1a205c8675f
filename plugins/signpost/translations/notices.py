"""What readers are told about a translation: outdated (grace period) or a machine draft.

Both notices are short, in the page's language (interface strings, so
translators find them in `interface.po`), and link to the English page. On a
`sensitive` page each outdated block also links to its own English paragraph
(a URL text fragment, `#:~:text=...`, which Chromium, Firefox and Safari
scroll to and highlight), because there a reader must be able to check the
exact words. HTML comes from Jinja2 templates with autoescape. MkDocs-free.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader

from signpost import l10n
from signpost.translations.grace import GraceTranslator
from signpost.translations.messages import plain_text

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def grace_notice_html(changed_on: dt.date, language: str, english_url: str) -> str:
    """'Updated in English on <date>' above a page that still shows its previous translation."""
    text = l10n.interface_text(language, "This page was updated in English on {date}. Parts of this translation "
                                         "may be out of date.", date=l10n.format_date(changed_on, language))
    return _render("translation-grace-notice.html", language, text, english_url,
                   l10n.interface_text(language, "Read the English page"))


def draft_notice_html(language: str, english_url: str) -> str:
    """The honest label on a page whose translation nobody has checked yet."""
    text = l10n.interface_text(language, "A computer made this translation. A person has not checked it yet, "
                                         "so some words may be wrong.")
    return _render("translation-draft-notice.html", language, text, english_url,
                   l10n.interface_text(language, "Read this page in English"))


def outdated_part_html(changed_on: dt.date, language: str, english_url: str, english_text: str) -> str:
    """After one outdated block of a sensitive page: when it changed, and a link to that English paragraph."""
    text = l10n.interface_text(language, "Updated in English on {date}.", date=l10n.format_date(changed_on, language))
    return _render("translation-outdated-part.html", language, text, english_url + text_fragment(english_text),
                   l10n.interface_text(language, "Read this part in English"))


def page_notices_html(translator: GraceTranslator, language: str, english_url: str) -> str:
    """The notices a translated page needs, in order: outdated first, then machine draft."""
    parts = []
    if translator.english_changed_on:
        parts.append(grace_notice_html(translator.english_changed_on, language, english_url))
    if translator.published_drafts:
        parts.append(draft_notice_html(language, english_url))
    return "".join(parts)


def text_fragment(english_text: str) -> str:
    """`#:~:text=first%20words,last%20words`: the browser scrolls to that paragraph of the English page."""
    words = plain_text(english_text).split()
    if not words:
        return ""

    def encoded(part: list[str]) -> str:
        # Text directives treat `-`, `,` and `&` as syntax: all must be percent-encoded.
        return quote(" ".join(part), safe="").replace("-", "%2D")

    if len(words) <= 8:
        return "#:~:text=" + encoded(words)
    return "#:~:text=" + encoded(words[:4]) + "," + encoded(words[-4:])


def _render(name: str, language: str, text: str, english_url: str, link_text: str) -> str:
    return _environment().get_template(name).render(language=language, direction=l10n.direction(language),
                                                     text=text, english_url=english_url, link_text=link_text)


@lru_cache(maxsize=1)
def _environment():
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
