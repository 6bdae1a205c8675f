"""The few MkDocs facts every signpost plugin needs, in one place.

Only the plugin adapters import this module, so moving to another engine
(ProperDocs, or another generator) means rewriting this file and the
`plugin.py` files, never the model or the checks.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

DEFAULT_LANGUAGE = "en"


def current_language(config: MkDocsConfig) -> str:
    """The language being built (the file's own language is not it for fallback pages)."""
    i18n = config.plugins.get("i18n")
    language = getattr(i18n, "current_language", None) if i18n else None
    return language or DEFAULT_LANGUAGE


def default_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "default_language", None) or DEFAULT_LANGUAGE


def build_languages(config: MkDocsConfig) -> list[str]:
    """Every language the build writes, the default first."""
    i18n = config.plugins.get("i18n")
    if not i18n:
        return [DEFAULT_LANGUAGE]
    return list(i18n.build_languages)


def is_inner_language_build(config: MkDocsConfig) -> bool:
    """True inside the extra per-language builds mkdocs-static-i18n starts."""
    i18n = config.plugins.get("i18n")
    return bool(i18n and getattr(i18n, "building", False))


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def page_source_path(page) -> str:
    """Content-relative source path (`charter/index.md`) of a page, fallback pages included."""
    return page.file.src_uri


def content_model(config: MkDocsConfig):
    """The validated content model loaded by the signpost/content plugin."""
    plugin = config.plugins.get("signpost/content")
    if plugin is None or plugin.model is None:
        raise RuntimeError("the signpost/content plugin must be listed first in mkdocs.yml plugins")
    return plugin.model
