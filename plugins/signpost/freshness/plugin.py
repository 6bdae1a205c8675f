"""MkDocs adapter for signpost/freshness (placeholder until its issue lands)."""

from mkdocs.plugins import BasePlugin

from signpost.freshness.config import FreshnessConfig


class FreshnessPlugin(BasePlugin[FreshnessConfig]):
    pass
