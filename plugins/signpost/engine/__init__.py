"""Engine adapters: everything that knows a site generator lives below this package.

The core (`signpost.model`, the feature packages, `signpost.findings`, ...)
never imports from here; the adapters import the core. Moving to another
engine means adding or replacing a sub-package, never editing the core.
"""

import os

#: The site generators signpost builds with. ProperDocs is the maintained fork of MkDocs 1.6:
#: it runs the same `mkdocs.plugins` entry points and reads the same `mkdocs.yml`, so both use
#: the adapter in `signpost.engine.mkdocs`; only the program that runs the build differs.
ENGINES = ("mkdocs", "properdocs")
ENGINE_VARIABLE = "SIGNPOST_ENGINE"


class UnknownEngineError(ValueError):
    """SIGNPOST_ENGINE names an engine signpost does not support."""


def engine_name() -> str:
    """The engine chosen with SIGNPOST_ENGINE (`make site ENGINE=properdocs`), MkDocs by default."""
    name = os.environ.get(ENGINE_VARIABLE, "").strip() or "mkdocs"
    if name not in ENGINES:
        raise UnknownEngineError(f"{ENGINE_VARIABLE}={name!r} is not an engine signpost supports: "
                                 f"use one of {', '.join(ENGINES)}")
    return name


def build_command(python: str) -> list[str]:
    """The command line that starts the chosen engine (`python -m mkdocs` or `python -m properdocs`)."""
    return [python, "-m", engine_name()]
