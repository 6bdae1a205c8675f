"""Settings of the signpost/freshness plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class FreshnessConfig(Config):
    enabled = opt.Type(bool, default=True)
