"""Words the static checks look for, per site language. MkDocs-free.

Vague link text ("click here", "read more") tells a screen-reader user, who
often lists the links of a page on their own, nothing about where a link
goes. Each language lists its own vague phrases; a page is checked against
its language and English (fallback text on translated pages is English).
Add a language by adding its list here (and a test).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

VAGUE_LINK_TEXT: dict[str, tuple[str, ...]] = {
    "en": (
        "click here", "click", "here", "read more", "more", "more info", "more information",
        "find out more", "learn more", "see more", "link", "this link", "this page", "page",
        "go", "go here", "continue", "details", "info", "website", "this website",
    ),
    "pl": (
        "kliknij tutaj", "kliknij tu", "kliknij", "tutaj", "tu", "więcej", "czytaj więcej",
        "przeczytaj więcej", "dowiedz się więcej", "zobacz więcej", "link", "ten link",
        "szczegóły", "strona", "ta strona", "informacje",
    ),
    "ro": (
        "click aici", "faceți clic aici", "fă clic aici", "apasă aici", "apăsați aici", "aici",
        "mai mult", "mai multe", "citește mai mult", "citiți mai mult", "află mai multe",
        "aflați mai multe", "detalii", "link", "acest link", "pagina", "această pagină",
    ),
    "pa": (
        "ਇੱਥੇ ਕਲਿੱਕ ਕਰੋ", "ਇੱਥੇ ਕਲਿਕ ਕਰੋ", "ਕਲਿੱਕ ਕਰੋ", "ਇੱਥੇ", "ਇਥੇ", "ਹੋਰ", "ਹੋਰ ਪੜ੍ਹੋ",
        "ਹੋਰ ਜਾਣੋ", "ਹੋਰ ਜਾਣਕਾਰੀ", "ਲਿੰਕ", "ਵੇਰਵੇ",
    ),
    "ur": (
        "یہاں کلک کریں", "کلک کریں", "یہاں", "مزید", "مزید پڑھیں", "مزید جانیں",
        "مزید معلومات", "لنک", "یہ لنک", "تفصیلات",
    ),
}

# Document formats a link must name, with the words readers know them by.
DOCUMENT_FORMATS: dict[str, tuple[str, ...]] = {
    "pdf": ("pdf",),
    "doc": ("doc", "word"),
    "docx": ("docx", "doc", "word"),
    "odt": ("odt", "opendocument"),
    "rtf": ("rtf", "rich text"),
    "xls": ("xls", "excel", "spreadsheet"),
    "xlsx": ("xlsx", "xls", "excel", "spreadsheet"),
    "ods": ("ods", "opendocument", "spreadsheet"),
    "csv": ("csv",),
    "ppt": ("ppt", "powerpoint"),
    "pptx": ("pptx", "ppt", "powerpoint"),
    "odp": ("odp", "opendocument"),
    "zip": ("zip",),
    "epub": ("epub",),
}

# "120 KB", "1.5MB", "2,3 MB", "300 kB", "12 bytes" (digits of any script).
FILE_SIZE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:[kKmMgG]i?[bB]|bytes?|bajt\w*|octeți)", re.UNICODE)

IMAGE_FILE_NAME = re.compile(
    r"^[\w\-. ]+\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?|ico)$|^(?:img|image|dsc|pxl|photo|screenshot)[_\- ]?\d+$",
    re.IGNORECASE,
)

_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=8192)  # link texts recur on many pages and in every language left untranslated
def normalise(text: str) -> str:
    """Lower case, punctuation and repeated spaces removed: "Read more…" -> "read more"."""
    text = unicodedata.normalize("NFC", text).casefold()
    return _PUNCTUATION.sub(" ", text).strip()


_VAGUE_BY_LANGUAGE: dict[str, frozenset[str]] = {
    language: frozenset(normalise(phrase) for phrase in phrases)
    for language, phrases in VAGUE_LINK_TEXT.items()
}


def vague_phrases(language: str) -> frozenset[str]:
    """Vague phrases for a page in `language` (its own list plus English)."""
    return _VAGUE_BY_LANGUAGE.get(language, frozenset()) | _VAGUE_BY_LANGUAGE["en"]
