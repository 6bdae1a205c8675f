"""Settings of the signpost/coverage plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CoverageConfig(Config):
    enabled = opt.Type(bool, default=True)
