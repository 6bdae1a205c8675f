"""The project's settings as the core needs them: folders, languages, how Markdown is read.

The engine adapter (`signpost.engine.mkdocs.project`) fills this from the
engine's own configuration (MkDocs' `load_config` on `mkdocs.yml`); the core
only ever sees this plain object. Engine-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from babel import Locale, UnknownLocaleError

from signpost.findings import Finding, error

CONFIG_FILE = "mkdocs.yml"


@dataclass
class Settings:
    """Languages, Markdown set-up and folders of a project, as the build uses them."""

    root: Path
    default_language: str = "en"
    languages: list[str] = field(default_factory=lambda: ["en"])
    #: Markdown extension names and their options, as plain data (for display and cache keys).
    extensions: list = field(default_factory=list)
    extension_configs: dict = field(default_factory=dict)
    content_dir: Path = Path("content")
    data_dir: Path = Path("data")
    translations_dir: Path = Path("translations")
    #: Line of each `locale:` in the engine's config file, for findings.
    locale_lines: dict[str, int] = field(default_factory=dict)
    #: Reads a Markdown body into its translatable blocks exactly as the build renders it
    #: (`body -> list[BlockMessage]`); given by the engine adapter, hashable (used in cache keys).
    block_reader: Callable | None = None
    #: Tells a content-relative path that is another language's copy of a page in the engine's own
    #: source layout (`path -> bool`); given by the engine adapter. Such files are never pages here
    #: (translations live in translations/*.po), so the content model skips them. None: there are none.
    is_language_copy: Callable[[str], bool] | None = None

    @property
    def target_languages(self) -> list[str]:
        """Languages that are translated into (every language but the source)."""
        return [language for language in self.languages if language != self.default_language]


def unknown_locale_findings(languages: list[str], locale_lines: dict[str, int], config_file: str = CONFIG_FILE
                            ) -> list[Finding]:
    """A finding for each configured locale babel does not know."""
    findings = []
    for language in languages:
        if not known_locale(language):
            findings.append(error(
                config_file, f"unknown locale `{language}` in the i18n languages", line=locale_lines.get(language),
                field="plugins.i18n.languages.locale",
                hint="use an ISO 639 language code babel knows, such as pl, ro, pa, ur (optionally with a region: pt_BR)",
                check="translations"))
    return findings


def known_locale(language: str) -> bool:
    try:
        Locale.parse(language.replace("-", "_"))
        return True
    except (UnknownLocaleError, ValueError, TypeError):
        return False
