"""MkDocs adapter for signpost/translations (placeholder until its issue lands)."""

from mkdocs.plugins import BasePlugin

from signpost.translations.config import TranslationsConfig


class TranslationsPlugin(BasePlugin[TranslationsConfig]):
    pass
