"""The committed JSON Schemas are those the models give, and every source file points at its own."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import yaml

from handbook.cli import main
from handbook.load import load_handbook
from handbook.schema import (
    SCHEMA_LINE_PREFIX,
    SCHEMAS_DIR,
    kind_of_file,
    models,
    render_schemas,
    schema_file,
    schema_line,
)
from minihandbook import REPO

if TYPE_CHECKING:
    from pathlib import Path


def _sources(root: Path) -> list[str]:
    """Every YAML source file of a handbook, relative to its root."""
    found = [root / "handbook.yml", *(root / "roles").rglob("*.y*ml"), *(root / "content").rglob("*.y*ml")]
    return sorted(path.relative_to(root).as_posix() for path in found)


def test_committed_schemas_are_current() -> None:
    expected = render_schemas()
    committed = {
        path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((REPO / SCHEMAS_DIR).glob("*.json"))
    }
    assert sorted(committed) == sorted(expected), "run `handbook schemas` and commit schemas/"
    for name, text in expected.items():
        assert committed[name] == text, f"{name} is out of date: run `handbook schemas`"


def test_schema_output_is_deterministic_json() -> None:
    for name, text in render_schemas().items():
        assert text.endswith("}\n") and not text.endswith("\n\n"), name
        data = json.loads(text)
        assert json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == text
        assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert render_schemas() == render_schemas()


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every object schema (a mapping with `properties`) inside a schema."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "properties" in node:
            found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for item in node:
            found += _objects(item)
    return found


def test_every_schema_refuses_unknown_keys() -> None:
    kinds = models()
    assert set(kinds) == {
        "settings",
        "topics",
        "role",
        "escalation",
        "module",
        "checklist",
        "glossary",
        "sources",
    }
    for kind in kinds:
        schema = json.loads(render_schemas()[schema_file(kind)])
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False, kind
        for node in _objects(schema):
            assert node.get("additionalProperties") is False, (kind, node.get("title"))


def test_mapping_by_id_refuses_a_key_that_is_no_id() -> None:
    role = json.loads(render_schemas()[schema_file("role")])
    boundaries = role["properties"]["boundaries"]
    assert "patternProperties" in boundaries
    assert boundaries["additionalProperties"] is False


def test_every_source_file_names_its_schema_on_the_first_line() -> None:
    names = _sources(REPO)
    assert "handbook.yml" in names
    assert "roles/buddy.yml" in names
    assert "content/topics.yml" in names
    for name in names:
        kind = kind_of_file(name)
        assert kind is not None, f"{name} is no kind of source file"
        first = (REPO / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == schema_line(name), f"{name}: first line should be {schema_line(name)!r}"
        target = (REPO / name).parent / first.removeprefix(SCHEMA_LINE_PREFIX)
        assert target.resolve() == (REPO / schema_file(kind)).resolve()
        assert target.is_file(), f"{name} points at {target}, which does not exist"


def test_schema_line_is_relative_to_the_file() -> None:
    assert schema_line("roles/buddy.yml") == "# yaml-language-server: $schema=../schemas/role.schema.json"
    assert schema_line("handbook.yml") == "# yaml-language-server: $schema=schemas/settings.schema.json"
    assert (
        schema_line("content/escalation/no-contact.yml")
        == "# yaml-language-server: $schema=../../schemas/escalation.schema.json"
    )
    assert (
        schema_line("content/topics.yml") == "# yaml-language-server: $schema=../schemas/topics.schema.json"
    )
    assert kind_of_file("content/pages/about.nl.md") is None


def test_every_shipped_file_passes_its_model() -> None:
    """What the schemas say, the models check: the shipped files load without a problem."""
    handbook, problems = load_handbook(REPO)
    assert handbook is not None
    assert problems == []


def test_every_shipped_file_passes_its_schema() -> None:
    """What an editor checks with the `$schema` line: every shipped file passes its schema."""
    import jsonschema  # type: ignore[import-untyped]

    for name in _sources(REPO):
        kind = kind_of_file(name)
        assert kind is not None
        schema = json.loads((REPO / schema_file(kind)).read_text(encoding="utf-8"))
        # An editor's YAML 1.2 reads 2026-11-15 as text; PyYAML reads a date.
        data = json.loads(json.dumps(yaml.safe_load((REPO / name).read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)


def test_schemas_command_writes_and_then_keeps_the_files(tmp_path: Path) -> None:
    assert main(["--root", str(tmp_path), "schemas"]) == 0
    written = {
        path.relative_to(tmp_path).as_posix(): path.read_text(encoding="utf-8")
        for path in (tmp_path / SCHEMAS_DIR).glob("*.json")
    }
    assert written == render_schemas()
    stamp = {path: path.stat().st_mtime_ns for path in (tmp_path / SCHEMAS_DIR).glob("*.json")}
    assert main(["--root", str(tmp_path), "schemas"]) == 0
    assert {path: path.stat().st_mtime_ns for path in stamp} == stamp
