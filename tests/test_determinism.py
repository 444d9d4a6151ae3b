"""Two clean builds of the same sources give byte-identical sites, PDFs and all."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from minihandbook import make_handbook, run

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.e2e


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    trees = []
    for name in ("first", "second"):
        root = make_handbook(tmp_path / name)
        result = run(root, "handbook.cli", "--root", str(root), "build")
        assert result.returncode == 0, result.stderr
        trees.append(_tree(root / "site"))
    first, second = trees
    assert sorted(first) == sorted(second)
    assert any(name.endswith(".pdf") for name in first)
    assert any(name.endswith("sitemap.xml.gz") for name in first)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
