"""The HTML of one phone number: a `tel:` link, or an `sms:` link marked as text-only.

The number keeps the reader's way of writing it and reads left to right inside right-to-left
text (`dir="ltr"` isolates it: without it Urdu shows "0113 496 0123" as "0123 496 0113").
"""

from __future__ import annotations

from markupsafe import Markup

from signpost.phones.finder import PhoneMention
from signpost.templating import render


PHONE_CLASS = "sp-phone"
TEXT_ONLY_CLASS = "sp-phone sp-phone--text-only"


def phone_link_html(mention: PhoneMention) -> Markup:
    """`<a href="tel:...">` for a number that takes calls; for a text-only one (a text line) an
    `sms:` link marked with its own class, never a call link: that would dial a number that cannot
    answer. Facts (`{{ fact }}` help lines) and service pages write text lines the same way."""
    cls = TEXT_ONLY_CLASS if mention.text_only else PHONE_CLASS
    return render("phone-link.html", cls=cls, href=mention.href, text=mention.text)
