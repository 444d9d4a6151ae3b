"""Shared fixtures: a mini handbook in a temporary folder, and the repository's root."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from minihandbook import REPO, make_handbook

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small valid handbook using the shipped templates."""
    return make_handbook(tmp_path / "hb")


@pytest.fixture
def repo() -> Path:
    return REPO
