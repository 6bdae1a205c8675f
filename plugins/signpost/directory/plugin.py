"""MkDocs adapter for signpost/directory (placeholder until its issue lands)."""

from mkdocs.plugins import BasePlugin

from signpost.directory.config import DirectoryConfig


class DirectoryPlugin(BasePlugin[DirectoryConfig]):
    pass
