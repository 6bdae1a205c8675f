"""MkDocs plugin signpost/translations (entry point in pyproject.toml)."""
