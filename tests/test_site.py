"""Properties of the built site of a small handbook: escaping, edit links, fallback markers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from minihandbook import FILES, make_handbook, run

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_handbook(
        tmp_path_factory.mktemp("site") / "hb",
        {
            "handbook.yml": FILES["handbook.yml"].replace(
                "languages:", "repo_url: https://git.example.org/org/handbook\nlanguages:"
            ),
        },
    )
    result = run(root, "handbook.cli", "build")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_edit_link_points_at_the_source_yaml(built: Path) -> None:
    html = _page(built, "roles/buddy")
    assert 'href="https://git.example.org/org/handbook/edit/main/roles/buddy.yml"' in html
    assert 'href="https://git.example.org/org/handbook/edit/main/content/topics.yml"' in _page(
        built, "boundaries"
    )
    assert 'href="https://git.example.org/org/handbook/edit/main/content/pages/about.nl.md"' in _page(
        built, "about"
    )
    # An overview page built from a whole folder has no single file to edit.
    assert "/edit/main/" not in _page(built, "roles")


def test_untranslated_and_outdated_text_is_marked_dutch(built: Path) -> None:
    html = _page(built, "en/roles/buddy")
    assert (
        '<span lang="nl" dir="auto" class="hb-missing">Je verwijst door naar de professional.</span>' in html
    )
    assert '<div class="hb-outdated" dir="auto" lang="nl">' in html
    assert '<h2 id="tasks">Tasks' in html
