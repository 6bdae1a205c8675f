"""Shared fixtures: `fixture_site` builds a small real site in a temporary folder."""

from __future__ import annotations

import pytest

from sitebuilder import FixtureSite


@pytest.fixture
def fixture_site(tmp_path):
    """A fixture project with the real registries; English only unless `languages` is changed."""
    return FixtureSite(tmp_path / "project")
