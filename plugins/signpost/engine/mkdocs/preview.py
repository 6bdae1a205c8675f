"""One language in `mkdocs serve`: mkdocs-static-i18n's own `build_only_locale`, set per process.

`build_only_locale` builds one language at the site root, which is what a
preview wants and what a published site must never be (so `mkdocs.yml` keeps
every language). `signpost serve --lang xx` sets `SIGNPOST_PREVIEW_LANGUAGE`;
the content plugin applies it in `on_config` (before static-i18n's own
`on_config`) exactly as static-i18n's config validation applies
`build_only_locale`; `source_language` keeps the language pages are translated from.
"""

from __future__ import annotations

import os

from signpost.engine.mkdocs.support import default_language

PREVIEW_LANGUAGE = "SIGNPOST_PREVIEW_LANGUAGE"
_SOURCE_LANGUAGE = "signpost_source_language"


def apply_preview_language(config) -> str | None:
    """Restrict the build to the preview language; its name, or None when not previewing one."""
    language = os.environ.get(PREVIEW_LANGUAGE)
    i18n = config.plugins.get("i18n")
    if not language or i18n is None:
        return None
    if language not in [lang.locale for lang in i18n.config.languages]:
        return None  # an unknown language previews them all rather than none
    i18n.config.build_only_locale = language
    # static-i18n's "default" is the language built at the site root: the preview language now. The
    # language pages are written in (and translated from) is kept for `source_language`.
    setattr(i18n, _SOURCE_LANGUAGE, next((str(lang.locale) for lang in i18n.config.languages if lang.default), None))
    for lang in i18n.config.languages:
        lang.default = lang.build = lang.locale == language
    # static-i18n sets its current language in its own `on_config` (priority -100), after the signpost
    # plugins have read it in theirs: without this they would build the `ur` preview as English.
    i18n.current_language = language
    return language


def source_language(config) -> str:
    """The language the pages are written in: static-i18n's default, except in a preview of another language.

    In a build both are the same. In `signpost serve --lang ur`, static-i18n's default is `ur` (built at
    the site root), but the pages must still be translated from English into it.
    """
    i18n = config.plugins.get("i18n")
    return getattr(i18n, _SOURCE_LANGUAGE, None) or default_language(config)
