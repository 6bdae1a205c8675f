"""The registry of MkDocs-free checks that run on the content model.

The build (through the plugins) and `signpost check` run the same checks, so
an editor's pre-commit run shows the same findings as CI. A feature adds its
check by listing `module:function` here; each takes a ContentModel and returns
a list of Findings.
"""

from __future__ import annotations

import importlib

MODEL_CHECKS: list[str] = [
    "signpost.freshness.checks:check_model",
    "signpost.coverage.checks:check_model",
    "signpost.directory.checks:check_model",
    "signpost.translations.checks:check_model",
    "signpost.facts.checks:check_model",
    "signpost.safety.checks:check_model",
]


def model_checks():
    checks = []
    for spec in MODEL_CHECKS:
        module, function = spec.split(":")
        checks.append(getattr(importlib.import_module(module), function))
    return checks
