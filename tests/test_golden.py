"""Golden files: the mini handbook renders to exactly the Markdown checked in under tests/golden/.

After a deliberate change to a template, refresh them with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handbook.build import generate

GOLDEN = Path(__file__).parent / "golden"


def _markdown(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))
    }


def test_rendered_markdown_matches_golden_files(mini: Path) -> None:
    out = mini / "generated"
    generate(mini, out)
    produced = _markdown(out)
    if os.environ.get("UPDATE_GOLDEN"):
        for stale in GOLDEN.rglob("*.md"):
            stale.unlink()
        for name, text in produced.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
        pytest.skip("golden files rewritten")
    expected = _markdown(GOLDEN)
    assert sorted(produced) == sorted(expected)
    for name, text in produced.items():
        assert text == expected[name], f"{name} differs from tests/golden/{name}"
