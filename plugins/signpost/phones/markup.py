"""The HTML of one phone number: a `tel:` link, or a marked, unlinked text-only number.

The number keeps the reader's way of writing it and reads left to right inside right-to-left
text (`dir="ltr"` isolates it: without it Urdu shows "0113 496 0123" as "0123 496 0113").
"""

from __future__ import annotations

from markupsafe import Markup, escape

from signpost.phones.finder import PhoneMention


PHONE_CLASS = "sp-phone"
TEXT_ONLY_CLASS = "sp-phone sp-phone--text-only"


def phone_link_html(mention: PhoneMention) -> Markup:
    """`<a href="tel:...">` for a number that takes calls; a marked, unlinked `<span>` for a text-only
    one (the words before it already say "text"; a call link would only dial a number that cannot answer)."""
    if mention.text_only:
        return Markup('<span class="{cls}" dir="ltr">{text}</span>').format(cls=TEXT_ONLY_CLASS, text=mention.text)
    return Markup('<a class="{cls}" dir="ltr" href="{href}">{text}</a>').format(
        cls=PHONE_CLASS, href=mention.href, text=mention.text)
