"""Phone numbers in text: find them, say whether they take calls or only texts, and link them.

Engine-free: plain functions over strings. The Markdown step that applies them to every
page lives with the engine (`signpost.engine.mkdocs.phone_links`).

The markup (`signpost.phones.markup`) is not re-exported here: it renders with
`signpost.templating`, whose `phone_links` filter uses the finder, so importing it
from this package would make a circle (templating -> phones -> markup -> templating).
"""

from signpost.phones.finder import PhoneMention, find_phones

__all__ = ["PhoneMention", "find_phones"]
