"""The MkDocs adapter: plugins, config classes, Python-Markdown and Material knowledge.

Everything in signpost that imports `mkdocs`, `material`, `mkdocs_static_i18n`,
`markdown` or `pymdownx` lives in this package (tests/test_architecture.py
checks it). It runs unchanged on ProperDocs, the maintained fork of MkDocs,
which loads the same `mkdocs.plugins` entry points.
"""

# Importing the adapter registers its Markdown renderer with the core (signpost.markup).
from signpost.engine.mkdocs import markdown_messages as _markdown_messages  # noqa: E402,F401
