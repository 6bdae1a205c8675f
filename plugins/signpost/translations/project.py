"""What the translation commands need to know about the site, read from mkdocs.yml without MkDocs.

The CLI (`signpost translations extract|status`) and the status API must
extract messages exactly as the build does: same Markdown extensions, same
languages, same catalog folder. This reads them from `mkdocs.yml` with a YAML
loader that tolerates MkDocs' tags (`!ENV`, `!!python/name`). MkDocs-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from signpost.findings import Finding, error

#: MkDocs always adds these Markdown extensions (config_options.MarkdownExtensions builtins).
MKDOCS_BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]
CONFIG_FILE = "mkdocs.yml"


@dataclass
class TranslationSettings:
    """Languages, Markdown set-up and folders of a project, as the build uses them."""

    root: Path
    default_language: str = "en"
    languages: list[str] = field(default_factory=lambda: ["en"])
    extensions: list = field(default_factory=lambda: list(MKDOCS_BUILTIN_EXTENSIONS))
    extension_configs: dict = field(default_factory=dict)
    content_dir: Path = Path("content")
    translations_dir: Path = Path("translations")
    locale_lines: dict[str, int] = field(default_factory=dict)

    @property
    def target_languages(self) -> list[str]:
        """Languages that are translated into (every language but the source)."""
        return [language for language in self.languages if language != self.default_language]


def load_settings(root: Path | str = ".") -> TranslationSettings:
    """Settings of the project whose `mkdocs.yml` is in `root` (defaults when there is none)."""
    root = Path(root).resolve()
    return _load(str(root), _mtime(root / CONFIG_FILE))


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


@lru_cache(maxsize=8)
def _load(root: str, _mtime_key: float) -> TranslationSettings:
    base = Path(root)
    settings = TranslationSettings(root=base, content_dir=base / "content", translations_dir=base / "translations")
    path = base / CONFIG_FILE
    if not path.is_file():
        return settings
    text = path.read_text(encoding="utf-8")
    try:
        config = yaml.load(text, Loader=_TolerantLoader) or {}
    except yaml.YAMLError:
        return settings
    settings.content_dir = base / str(config.get("docs_dir") or "docs")
    extensions, extension_configs = _markdown_extensions(config.get("markdown_extensions") or [])
    settings.extensions = MKDOCS_BUILTIN_EXTENSIONS + [e for e in extensions if e not in MKDOCS_BUILTIN_EXTENSIONS]
    settings.extension_configs = extension_configs
    for plugin in config.get("plugins") or []:
        if not isinstance(plugin, dict):
            continue
        if "i18n" in plugin:
            languages = (plugin["i18n"] or {}).get("languages") or []
            settings.languages = [str(lang.get("locale")) for lang in languages
                                  if isinstance(lang, dict) and lang.get("build", True) is not False]
            defaults = [str(lang.get("locale")) for lang in languages if isinstance(lang, dict) and lang.get("default")]
            settings.default_language = defaults[0] if defaults else (settings.languages or ["en"])[0]
        if "signpost/translations" in plugin:
            options = plugin["signpost/translations"] or {}
            settings.translations_dir = base / str(options.get("translations_dir") or "translations")
    settings.locale_lines = {match.group(1): number for number, line in enumerate(text.splitlines(), start=1)
                             if (match := re.match(r"^\s*-?\s*locale:\s*['\"]?([\w-]+)", line))}
    return settings


def _markdown_extensions(entries: list) -> tuple[list[str], dict]:
    names, configs = [], {}
    for entry in entries:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            for name, options in entry.items():
                names.append(name)
                if isinstance(options, dict):
                    # `!!python/name:` values were read as None: let the extension use its default.
                    configs[name] = {key: value for key, value in options.items() if value is not None}
    return names, configs


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping `!ENV` and `!!python/...` tags as plain values."""


_TolerantLoader.add_multi_constructor(
    "!", lambda loader, suffix, node: loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode)
    else loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node))
_TolerantLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
