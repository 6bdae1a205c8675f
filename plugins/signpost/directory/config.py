"""Settings of the signpost/directory plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class DirectoryConfig(Config):
    enabled = opt.Type(bool, default=True)
