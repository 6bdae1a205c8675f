"""MkDocs plugin signpost/freshness (entry point in pyproject.toml)."""
