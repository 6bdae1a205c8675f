"""Languages of the site and whether a page is fully translated in each. MkDocs-free.

The project's settings (from the model) give the languages; the translations feature
(`signpost.translations.status.page_status`) says how much of a page is translated.
A broken translations feature fails loudly rather than turning into "unknown".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from signpost.settings import Settings
from signpost.translations.catalogs import Catalogs, page_catalog
from signpost.translations.status import page_status

DEFAULT_LANGUAGE = "en"


class Translation(str, enum.Enum):
    """How much of a page a reader sees in a language."""

    COMPLETE = "complete"     # every message translated (the source language is always complete)
    PARTIAL = "partial"       # some messages translated, the rest falls back to English
    MISSING = "missing"       # nothing translated
    UNKNOWN = "unknown"       # the translations feature cannot tell


@dataclass(frozen=True)
class PageTranslation:
    state: Translation
    translated: int = 0
    total: int = 0
    catalog: str = ""  # the PO file a translator edits

    @property
    def percent(self) -> int:
        return round(100 * self.translated / self.total) if self.total else 0


class TranslationStatus:
    """Answers "is this page fully translated in this language?" for one project."""

    def __init__(self, settings: Settings, languages: list[str] | None = None, default_language: str | None = None,
                 model=None):
        self.settings = settings
        self.model = model
        self.default_language = default_language or settings.default_language
        self.languages = languages or list(settings.languages or [self.default_language])
        self.available = model is not None
        self._cache: dict[tuple[str, str], PageTranslation] = {}

    def of(self, page, language: str) -> PageTranslation:
        if language == self.default_language:
            return PageTranslation(Translation.COMPLETE)
        key = (page.path, language)
        if key not in self._cache:
            self._cache[key] = self._compute(page, language)
        return self._cache[key]

    def title(self, page, language: str) -> str:
        """The page's title as readers see it in `language` (English until it is translated)."""
        if language == self.default_language:
            return page.title
        catalog = page_catalog(Catalogs(self.settings.translations_dir), language, page.path)
        return catalog.translate(page.title) or page.title

    def _compute(self, page, language: str) -> PageTranslation:
        if self.model is None:
            return PageTranslation(Translation.UNKNOWN)
        status = page_status(self.settings.translations_dir, language, page.path, self.model, self.settings)
        if status.complete:
            state = Translation.COMPLETE
        elif status.has_translation:
            state = Translation.PARTIAL
        else:
            state = Translation.MISSING
        return PageTranslation(state, status.translated, status.total, status.catalog)


def site_languages(settings: Settings) -> tuple[list[str], str]:
    """The languages the site is built in (default first) and the default."""
    default = settings.default_language
    return [default] + [lang for lang in settings.languages if lang != default], default
