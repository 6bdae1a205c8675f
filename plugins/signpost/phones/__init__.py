"""Phone numbers in text: find them, say whether they take calls or only texts, and link them.

Engine-free: plain functions over strings. The Markdown step that applies them to every
page lives with the engine (`signpost.engine.mkdocs.phone_links`).
"""

from signpost.phones.finder import PhoneMention, find_phones
from signpost.phones.markup import link_phones, phone_link_html

__all__ = ["PhoneMention", "find_phones", "link_phones", "phone_link_html"]
