"""The coverage check as the build and `signpost check` run it (listed in signpost.checks). MkDocs-free."""

from __future__ import annotations

import datetime as dt
import os

from signpost.coverage.matrix import MODE_VARIABLE, Coverage, assess
from signpost.findings import Finding
from signpost.today import today as clock

# The last assessment, with the model it was made from: the five language builds of one
# `mkdocs build` share one content model object, so they share one assessment too.
_LAST: list[tuple[object, tuple, Coverage]] = []


def check_model(model) -> list[Finding]:
    """Every coverage finding: topics, standards, required sections, languages."""
    return coverage_of(model).enforced


def coverage_of(model, languages: list[str] | None = None, default_language: str | None = None,
                today: dt.date | None = None) -> Coverage:
    """The coverage of a content model, computed once per model, languages, day and mode."""
    key = (tuple(languages or ()), default_language, today or clock(), os.environ.get(MODE_VARIABLE, ""))
    if _LAST and _LAST[0][0] is model and _LAST[0][1] == key:
        return _LAST[0][2]
    coverage = assess(model, languages=languages, default_language=default_language, today=key[2])
    _LAST[:] = [(model, key, coverage)]
    return coverage
