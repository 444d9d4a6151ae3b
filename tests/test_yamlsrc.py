"""Reading YAML with the position of every key and value."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handbook.yamlsrc import format_loc, load_yaml, parse_yaml

if TYPE_CHECKING:
    from pathlib import Path


def test_positions_of_keys_and_list_items() -> None:
    source, problems = parse_yaml("a:\n  b: 1\n  items:\n    - x\n    - y\n", "f.yml")
    assert problems == []
    assert source is not None
    assert source.data == {"a": {"b": 1, "items": ["x", "y"]}}
    assert source.position(("a", "b")) == (2, 3)
    assert source.position(("a", "items", 1)) == (5, 7)
    # A missing field points at the nearest part that exists.
    assert source.position(("a", "missing")) == (1, 1)


def test_keys_stay_the_text_that_was_typed() -> None:
    source, _ = parse_yaml("no: 1\n1: 2\n", "f.yml")
    assert source is not None
    assert source.data == {"no": 1, "1": 2}


def test_duplicate_key_is_reported_with_first_line() -> None:
    _, problems = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yml")
    assert [str(p) for p in problems] == ["f.yml:3:1 a: duplicate key 'a' (first at line 1)"]


def test_syntax_error_names_line_and_column() -> None:
    source, problems = parse_yaml("a: [1, 2\nb: 3\n", "f.yml")
    assert source is None
    assert len(problems) == 1
    assert str(problems[0]).startswith("f.yml:2:2: not valid YAML:")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "e.yml").write_text("# only a comment\n")
    source, problems = load_yaml(tmp_path / "e.yml", "e.yml")
    assert source is None
    assert [str(p) for p in problems] == ["e.yml:1:1: the file is empty"]


def test_not_utf8_names_the_byte(tmp_path: Path) -> None:
    (tmp_path / "l.yml").write_bytes(b"a: 1\nb: caf\xe9\n")
    _, problems = load_yaml(tmp_path / "l.yml", "l.yml")
    assert [str(p) for p in problems] == ["l.yml:2:7: not UTF-8 text (byte 0xe9); save it as UTF-8"]


def test_folder_instead_of_file(tmp_path: Path) -> None:
    (tmp_path / "d.yml").mkdir()
    _, problems = load_yaml(tmp_path / "d.yml", "d.yml")
    assert [str(p) for p in problems] == ["d.yml:1:1: expected a file but found a folder"]


def test_format_loc() -> None:
    assert format_loc(("steps", 2, "contact")) == "steps[2].contact"
    assert format_loc(()) == ""
