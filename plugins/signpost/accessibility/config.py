"""Settings of the signpost/accessibility plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class AccessibilityConfig(Config):
    enabled = opt.Type(bool, default=True)
