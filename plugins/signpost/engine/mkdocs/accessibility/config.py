"""Settings of the signpost/accessibility plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from signpost.engine.mkdocs.material import CONTENT_SELECTOR


class AccessibilityConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Settings for the static checks (every page, every language)
    checks = opt.Type(bool, default=True)
    content_selector = opt.Type(str, default=CONTENT_SELECTOR)

    # Settings for readability (warnings; `readability_exempt` in front matter opts a page out)
    readability = opt.Type(bool, default=True)
    max_sentence_words = opt.Type(int, default=25)
    max_paragraph_sentences = opt.Type(int, default=5)
    min_reading_ease = opt.Type((int, float), default=60)
    min_words_for_reading_ease = opt.Type(int, default=100)

    # Settings for the theme
    exit_url = opt.Type(str, default="https://www.bbc.co.uk/weather")
