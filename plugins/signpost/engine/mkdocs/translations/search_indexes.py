"""One search index per language, each written as soon as its language's pass ends.

mkdocs-static-i18n keeps every pass's search entries to the end of the
build (its `search_entries`) and then has Material's search plugin write
them all as one index, which this build replaces with one index per
language (`output.split_search_index`). Kept to the end, a worker with three
languages held all three languages' entries, and Material's one index of
them, at the moment its memory peaked. Here a translated language's index is
written when its pass ends and its entries are dropped; at the end only the
default language's are left, for Material and for the default index.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs_static_i18n.reconfigure import LUNR_LANGUAGES

from signpost.engine.mkdocs.support import build_languages
from signpost.translations import output


def write_finished_language(config: MkDocsConfig, language: str, default: str) -> None:
    """At the end of `language`'s pass (a translated one): its index written, its entries dropped."""
    i18n, search = _plugins(config)
    if search is None or language == default or not getattr(i18n, "search_entries", None):
        return
    prefix = f"{language}/"
    own, others = [], []
    for entry in i18n.search_entries:
        (own if str(entry.get("location", "")).startswith(prefix) else others).append(entry)
    i18n.search_entries[:] = others
    _write(config, search, own, [language], default)


def write_default_and_unwritten(config: MkDocsConfig, default: str, written: set[str]) -> None:
    """At the end of the build: the default language's index, and any language not written at its pass's end."""
    i18n, search = _plugins(config)
    if search is None or not getattr(i18n, "search_entries", None):
        return
    languages = [language for language in build_languages(config) if language not in written]
    _write(config, search, i18n.search_entries, languages, default)


def _plugins(config: MkDocsConfig):
    return config.plugins.get("i18n"), config.plugins.get("search") or config.plugins.get("material/search")


def _write(config: MkDocsConfig, search, entries: list[dict], languages: list[str], default: str) -> None:
    base = {key: search.config[key] for key in ("separator", "fields") if key in search.config}

    def language_config(language: str) -> dict:
        if language == "en":
            return {"lang": ["en"], "pipeline": list(search.config.get("pipeline") or ["stopWordFilter"])}
        if language in LUNR_LANGUAGES:
            return {"lang": [language], "pipeline": ["stopWordFilter"]}
        # No lunr support (pl, pa, ur): no trimmer or stemmer, which would cut non-Latin words apart.
        return {"lang": ["en"], "pipeline": []}

    site = Path(config.site_dir)
    for language, text in output.split_search_index(entries, languages, default, base, language_config):
        folder = site / "search" if language == default else site / language / "search"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "search_index.json").write_text(text, encoding="utf-8")
