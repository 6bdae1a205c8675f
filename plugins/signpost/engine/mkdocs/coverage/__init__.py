"""MkDocs plugin signpost/coverage (entry point in pyproject.toml)."""
