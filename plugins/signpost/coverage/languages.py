"""Languages of the site and whether a page is fully translated in each. MkDocs-free.

The translations feature owns both facts (`signpost.engine.mkdocs.project.load_settings`,
`signpost.translations.status.page_status`); this module only asks it, lazily, and
degrades to "unknown" when it cannot answer (then no language gap is reported,
and the report says why), so coverage never breaks because translations changed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

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

    def __init__(self, root: Path, languages: list[str] | None = None, default_language: str | None = None,
                 model=None):
        self.root = Path(root)
        self.model = model
        self.settings = _settings(self.root)
        self.default_language = default_language or getattr(self.settings, "default_language", DEFAULT_LANGUAGE)
        self.languages = languages or list(getattr(self.settings, "languages", None) or [self.default_language])
        self.available = self.settings is not None
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
        if language == self.default_language or not self.available:
            return page.title
        try:
            from signpost.translations.catalogs import catalog_path, load_page_catalog
        except ImportError:
            return page.title
        catalog = load_page_catalog(catalog_path(self.root / self.settings.translations_dir, language, page.path),
                                    language)
        return catalog.translate(page.title) or page.title

    def _compute(self, page, language: str) -> PageTranslation:
        if not self.available:
            return PageTranslation(Translation.UNKNOWN)
        try:
            from signpost.translations.status import page_status
        except ImportError:
            return PageTranslation(Translation.UNKNOWN)
        if self.model is None:
            return PageTranslation(Translation.UNKNOWN)
        status = page_status(self.root / self.settings.translations_dir, language, page.path, self.model,
                             self.settings)
        if status.complete:
            state = Translation.COMPLETE
        elif status.has_translation:
            state = Translation.PARTIAL
        else:
            state = Translation.MISSING
        return PageTranslation(state, status.translated, status.total, status.catalog)


def site_languages(root: Path) -> tuple[list[str], str]:
    """The languages the site is built in (default first) and the default, from mkdocs.yml."""
    settings = _settings(Path(root))
    if settings is None:
        return [DEFAULT_LANGUAGE], DEFAULT_LANGUAGE
    languages = list(settings.languages)
    default = settings.default_language
    return [default] + [lang for lang in languages if lang != default], default


def _settings(root: Path):
    try:
        from signpost.engine.mkdocs.project import load_settings
    except ImportError:
        return None
    try:
        return load_settings(root)
    except Exception:  # a broken mkdocs.yml is reported by the translations feature, not here
        return None
