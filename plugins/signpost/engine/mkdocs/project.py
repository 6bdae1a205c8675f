"""The project's settings read from `mkdocs.yml` with MkDocs' own `load_config`.

The CLI (`signpost translations extract|status`, `signpost check`) must see
the project exactly as the build does: same Markdown extensions (MkDocs' own
built-ins included), same languages, same folders, `!ENV` tags resolved. So
it asks MkDocs to read and validate the file instead of re-implementing the
reader, and hands the core a plain `signpost.settings.Settings`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from signpost.engine.mkdocs.markdown_messages import MarkdownBlockReader
from signpost.settings import CONFIG_FILE, Settings

#: MkDocs always adds these Markdown extensions (config_options.MarkdownExtensions builtins).
MKDOCS_BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]


def load_settings(root: Path | str = ".") -> Settings:
    """Settings of the project whose `mkdocs.yml` is in `root` (defaults when there is none or it is invalid)."""
    root = Path(root).resolve()
    return _load(str(root), _mtime(root / CONFIG_FILE))


def settings_from_config(config: MkDocsConfig) -> Settings:
    """Settings of a running build, from its validated MkDocs config."""
    root = Path(config.config_file_path).resolve().parent
    settings = _defaults(root)
    settings.content_dir = Path(config.docs_dir)
    # Plugins may append extension objects (signpost/translations does): only the configured names count.
    extensions = [name for name in config.markdown_extensions if isinstance(name, str)]
    settings.extensions = extensions
    settings.extension_configs = {name: dict(options) for name, options in (config.mdx_configs or {}).items()
                                  if name in extensions}
    settings.block_reader = MarkdownBlockReader(settings.extensions, settings.extension_configs)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        languages = list(i18n.config.languages)
        settings.languages = [str(lang.locale) for lang in languages if lang.build is not False]
        defaults = [str(lang.locale) for lang in languages if lang.default]
        settings.default_language = defaults[0] if defaults else (settings.languages or ["en"])[0]
    content = config.plugins.get("signpost/content")
    if content is not None:
        settings.data_dir = root / str(content.config.data_dir)
    translations = config.plugins.get("signpost/translations")
    if translations is not None:
        settings.translations_dir = root / str(translations.config.translations_dir)
    settings.locale_lines = _locale_lines(Path(config.config_file_path))
    return settings


def plugin_options(config_file: Path | str, name: str) -> dict:
    """The validated options of plugin `name` in `config_file` (empty when it or the plugin is missing)."""
    path = Path(config_file)
    if not path.is_file():
        return {}
    try:
        config = load_config(config_file=str(path))
    except (ConfigurationError, Abort, OSError, ValueError):
        return {}
    plugin = config.plugins.get(name)
    return dict(plugin.config) if plugin is not None else {}


@lru_cache(maxsize=8)
def _load(root: str, _mtime_key: float) -> Settings:
    base = Path(root)
    path = base / CONFIG_FILE
    if not path.is_file():
        return _defaults(base)
    try:
        config = load_config(config_file=str(path))
    except (ConfigurationError, Abort, OSError, ValueError):
        # The build reports a broken mkdocs.yml itself; the commands keep working with defaults.
        return _defaults(base)
    return settings_from_config(config)


def _defaults(root: Path) -> Settings:
    settings = Settings(root=root, content_dir=root / "content", data_dir=root / "data",
                        translations_dir=root / "translations", extensions=list(MKDOCS_BUILTIN_EXTENSIONS))
    settings.block_reader = MarkdownBlockReader(settings.extensions, {})
    settings.is_language_copy = is_suffix_translation
    return settings


def is_suffix_translation(path: str) -> bool:
    """`page.pl.md`: a translated copy in mkdocs-static-i18n's `docs_structure: suffix` layout.

    signpost keeps translations in translations/*.po, so such files are never pages of their own.
    """
    stem = path.rsplit("/", 1)[-1][:-3]
    return "." in stem


def _locale_lines(path: Path) -> dict[str, int]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return {match.group(1): number for number, line in enumerate(text.splitlines(), start=1)
            if (match := re.match(r"^\s*-?\s*locale:\s*['\"]?([\w-]+)", line))}


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
