"""The content model as the commands read it: with the project's settings from its `mkdocs.yml`.

Apart from `_common` because this loads MkDocs (through the engine adapter), which
`signpost check` on a built project never needs in its own process.
"""

from __future__ import annotations

from pathlib import Path

from signpost.engine.mkdocs.project import load_settings
from signpost.model import load_content_model


def load_project_model(content: Path, data: Path):
    """The content model with the project's settings, read from the `mkdocs.yml` beside `content`.

    The commands are where core and engine meet: the engine adapter reads the
    engine's configuration, the core gets plain settings.
    """
    settings = load_settings(Path(content).resolve().parent)
    return load_content_model(content, data, settings=settings)
