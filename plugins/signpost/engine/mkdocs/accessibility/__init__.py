"""MkDocs plugin signpost/accessibility (entry point in pyproject.toml)."""
