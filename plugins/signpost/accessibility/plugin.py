"""MkDocs adapter for signpost/accessibility (placeholder until its issue lands)."""

from mkdocs.plugins import BasePlugin

from signpost.accessibility.config import AccessibilityConfig


class AccessibilityPlugin(BasePlugin[AccessibilityConfig]):
    pass
