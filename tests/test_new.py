"""`handbook new KIND ID` writes a commented file that validates as it stands."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
import yaml

from handbook.build import load_valid
from handbook.cli import main
from handbook.load import load_handbook
from handbook.schema import schema_line
from minihandbook import FILES, write_tree

if TYPE_CHECKING:
    from pathlib import Path

KINDS = {
    "role": "roles/x-test.yml",
    "module": "content/modules/x-test.yml",
    "checklist": "content/checklists/x-test.yml",
    "escalation": "content/escalation/x-test.yml",
}


def _new(root: Path, kind: str, item_id: str) -> int:
    return main(["--root", str(root), "new", kind, item_id])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_file_is_valid_and_commented(mini: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(mini, kind, "x-test") == 0
    name = KINDS[kind]
    assert f"wrote {name}" in capsys.readouterr().err
    text = (mini / name).read_text(encoding="utf-8")
    assert text.split("\n", 1)[0] == schema_line(name)
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    # Every field written is explained by a comment just above it.
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):
            assert lines[index - 1].startswith("#"), f"{line!r} has no comment"
    # Dutch placeholder texts, as the mini handbook's source language is Dutch.
    assert "Schrijf hier" in text
    handbook, _ = load_valid(mini)
    assert "x-test" in handbook.collections()[kind]


def test_every_kind_together_still_validates(mini: Path) -> None:
    for kind in ("role", "escalation", "module", "checklist"):
        assert _new(mini, kind, "x-test") == 0
        load_valid(mini)
    role = load_valid(mini)[0].roles["x-test"]
    assert role.boundaries["housing"].stance == "refers"
    assert role.boundaries["housing"].to == "professional"
    assert role.boundaries["leisure"].to == "buddy"
    assert all(boundary.stance != "does" for boundary in role.boundaries.values())


def test_existing_file_is_refused(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (mini / "roles/buddy.yml").read_text(encoding="utf-8")
    assert _new(mini, "role", "buddy") == 1
    assert "roles/buddy.yml already exists" in capsys.readouterr().err
    assert (mini / "roles/buddy.yml").read_text(encoding="utf-8") == before
    assert _new(mini, "module", "x-test") == 0
    assert _new(mini, "module", "x-test") == 1
    assert "content/modules/x-test.yml already exists" in capsys.readouterr().err


@pytest.mark.parametrize("item_id", ["X-test", "x_test", "x.y", "é", "x--y", "x-", "a" * 65, "../x", ""])
def test_invalid_id_is_refused(mini: Path, item_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(mini, "checklist", item_id) == 1
    err = capsys.readouterr().err
    assert "is not a valid id" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in (mini / "content/checklists").iterdir()) == ["first.yml"]


def test_unknown_kind_is_refused(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(mini, "glossary", "x-test") == 1
    assert "is not a kind 'handbook new' writes" in capsys.readouterr().err


def test_english_placeholders_when_the_source_language_is_not_dutch(mini: Path) -> None:
    settings = re.sub(r"(?m)^default_language: .*\n", "", FILES["handbook.yml"]) + "default_language: en\n"
    write_tree(mini, {"handbook.yml": settings})
    assert _new(mini, "escalation", "x-test") == 0
    text = (mini / KINDS["escalation"]).read_text(encoding="utf-8")
    assert "title: New escalation path" in text
    assert "Schrijf" not in text
    _, problems = load_handbook(mini)
    assert problems == []


def test_a_broken_handbook_is_reported_not_written_into(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(mini, {"content/topics.yml": "topics: nothing\n"})
    assert _new(mini, "role", "x-test") == 1
    assert "content/topics.yml" in capsys.readouterr().err
    assert not (mini / KINDS["role"]).exists()
