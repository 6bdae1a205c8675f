"""Settings of the signpost/translations plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class TranslationsConfig(Config):
    enabled = opt.Type(bool, default=True)
