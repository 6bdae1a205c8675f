"""The HTML of one phone number: a `tel:` link, or an `sms:` link marked as text-only.

The number keeps the reader's way of writing it and reads left to right inside right-to-left
text (`dir="ltr"` isolates it: without it Urdu shows "0113 496 0123" as "0123 496 0113").
The markup is `templates/phone-link.html`; `templating.phone_links` (the `phone_links` template
filter) uses the same template for numbers in the text fields templates print.
"""

from __future__ import annotations

from markupsafe import Markup

from signpost.phones.finder import PhoneMention
from signpost.templating import phone_links, render


def phone_link_html(mention: PhoneMention) -> Markup:
    """`<a href="tel:...">` for a number that takes calls; for a text-only one (a text line) an
    `sms:` link marked with its own class, never a call link: that would dial a number that cannot
    answer. Facts (`{{ fact }}` help lines) and service pages write text lines the same way."""
    return render("phone-link.html", mention=mention)


def link_phones(text: str) -> Markup:
    """Plain `text` escaped, with every phone number in it a link as `phone_link_html` makes it."""
    return phone_links(text)
