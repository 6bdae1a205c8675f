"""MkDocs adapter for signpost/coverage (placeholder until its issue lands)."""

from mkdocs.plugins import BasePlugin

from signpost.coverage.config import CoverageConfig


class CoveragePlugin(BasePlugin[CoverageConfig]):
    pass
