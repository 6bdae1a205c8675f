"""Settings of the signpost/translations plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class TranslationsConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Settings for catalogs
    # `<translations_dir>/<lang>/<page>.po` and `<lang>/interface.po`, relative to mkdocs.yml.
    translations_dir = opt.Type(str, default="translations")

    # Settings for fallback
    # Untranslated blocks are shown in English marked `lang="en" dir="ltr"`;
    # a page with any such block shows a notice linking to the English page.
    fallback_notice = opt.Type(bool, default=True)

    # Settings for search engines and site search
    # Leave pages with no translation out of hreflang alternates and the sitemap.
    prune_alternates = opt.Type(bool, default=True)
    # One search index per language, so /pl/ finds Polish pages only.
    search_per_language = opt.Type(bool, default=True)

    # Settings for fonts
    # System font stacks for Gurmukhi and Urdu (no third-party request).
    stylesheet = opt.Type(str, default="assets/signpost/i18n.css")
