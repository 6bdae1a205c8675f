"""MkDocs plugin signpost/directory (entry point in pyproject.toml)."""
