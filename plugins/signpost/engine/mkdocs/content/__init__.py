"""MkDocs plugin signpost/content (entry point in pyproject.toml)."""
