"""Shared fixtures: a mini handbook in a temporary folder, and the repository's root."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from browser import chromium, serve
from minihandbook import REPO, make_handbook, run

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small valid handbook using the shipped templates."""
    return make_handbook(tmp_path / "hb")


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped handbook built once with plain `mkdocs build --strict`, in a copy of the repository."""
    root = tmp_path_factory.mktemp("repo")
    for name in ("handbook.yml", "mkdocs.yml"):
        shutil.copyfile(REPO / name, root / name)
    for name in ("content", "roles", "templates"):
        shutil.copytree(REPO / name, root / name)
    (root / "scripts").mkdir()
    shutil.copyfile(REPO / "scripts" / "mkdocs_hooks.py", root / "scripts" / "mkdocs_hooks.py")
    (root / "generated").mkdir()
    result = run(root, "mkdocs", "build", "--strict", "--site-dir", str(root / "site"))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def base(site: Path) -> Iterator[str]:
    """The shipped site, served on 127.0.0.1."""
    yield from serve(site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """A real Chromium, driven by Playwright."""
    yield from chromium()
