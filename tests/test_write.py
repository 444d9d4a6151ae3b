"""Writing the generated folder: deterministic, incremental, and never over someone's files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from handbook.build import generate, generate_cached
from handbook.write import ForeignFolder, OutputCollision, write_tree
from minihandbook import FILES
from minihandbook import write_tree as write_sources

if TYPE_CHECKING:
    from pathlib import Path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_two_runs_give_identical_bytes(mini: Path, tmp_path: Path) -> None:
    generate(mini, tmp_path / "one")
    generate(mini, tmp_path / "two")
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")


def test_second_run_rewrites_nothing_and_an_edit_rewrites_only_its_pages(mini: Path) -> None:
    out = mini / "generated"
    first = generate(mini, out)
    assert first.report.written > 0
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}
    again = generate(mini, out)
    assert (again.report.written, again.report.removed) == (0, 0)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.md")} == mtimes
    write_sources(
        mini, {"content/checklists/first.yml": FILES["content/checklists/first.yml"].replace("Datum", "Dag")}
    )
    edited = generate(mini, out)
    # The checklist's page and PDF in both languages, and the two booklets that print it.
    assert edited.report.written == 6
    changed = sorted(
        p.relative_to(out).as_posix() for p in out.rglob("*.md") if p.stat().st_mtime_ns != mtimes.get(p)
    )
    assert changed == ["checklists/first.en.md", "checklists/first.nl.md"]


def test_removed_source_removes_its_pages(mini: Path) -> None:
    out = mini / "generated"
    generate(mini, out)
    write_sources(
        mini,
        {
            "content/checklists/first.yml": None,
            "content/modules/intro.yml": FILES["content/modules/intro.yml"].replace(
                "checklists: [first]", "checklists: []"
            ),
        },
    )
    report = generate(mini, out).report
    assert report.removed == 4  # its page and its PDF, in both languages
    assert not (out / "checklists" / "first.nl.md").exists()


def test_cached_generation_skips_work_when_nothing_changed(mini: Path) -> None:
    out = mini / "generated"
    first = generate_cached(mini, out)
    assert generate_cached(mini, out) is first


def test_refuses_a_folder_with_files_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Mine\n")
    with pytest.raises(ForeignFolder):
        write_tree(tmp_path / "docs", {"index.nl.md": b"x"})
    assert (tmp_path / "docs" / "index.md").read_text() == "# Mine\n"


def test_hand_written_page_may_not_overwrite_a_generated_one(mini: Path) -> None:
    write_sources(mini, {"content/pages/glossary.nl.md": "# Mijn woordenlijst\n"})
    with pytest.raises(
        OutputCollision,
        match=r"content/pages/glossary.nl.md: would overwrite the generated page glossary.nl.md",
    ):
        generate(mini, mini / "generated")
