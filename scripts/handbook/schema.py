"""JSON Schemas of every kind of YAML file, generated from the models, for editors.

An editor with a YAML language server (VS Code, JetBrains, Neovim, …) reads the first line of a
source file, `# yaml-language-server: $schema=…`, and then completes field names, explains them
and underlines an unknown key or a wrong value while a person types. The schemas are committed
under `schemas/`; `handbook schemas` writes them again after a change to the models.
"""

from __future__ import annotations

import json
import posixpath
from typing import TYPE_CHECKING, Any

from handbook.kinds import COLLECTIONS, DOCUMENTS

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import BaseModel

SCHEMAS_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="


def schema_file(kind: str) -> str:
    """Where a kind's schema lives, relative to the handbook's root: `schemas/role.schema.json`."""
    return f"{SCHEMAS_DIR}/{kind}.schema.json"


def models() -> dict[str, type[BaseModel]]:
    """Every kind of YAML file and its model, in the registry's order."""
    return {
        **{document.kind: document.model for document in DOCUMENTS},
        **{collection.kind: collection.model for collection in COLLECTIONS},
    }


def _closed(node: Any) -> Any:
    """A mapping keyed by ids (`boundaries:`, `contacts:`) refuses a key that is not an id, as the
    model does: pydantic says which keys match, not that no other key may stand there."""
    if isinstance(node, dict):
        out = {key: _closed(value) for key, value in node.items()}
        if "patternProperties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


def render_schema(model: type[BaseModel]) -> str:
    """One model's schema as JSON text: sorted keys, two-space indents, a final newline."""
    schema = _closed(model.model_json_schema())
    schema["$schema"] = DIALECT
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_schemas() -> dict[str, str]:
    """Every schema file (relative path → text), as `handbook schemas` writes them."""
    return {schema_file(kind): render_schema(model) for kind, model in models().items()}


def write_schemas(root: Path) -> list[str]:
    """Write every schema whose text changed; the names written."""
    written = []
    for name, text in render_schemas().items():
        path = root / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(name)
    return written


def kind_of_file(name: str) -> str | None:
    """The kind of a source file (relative to the root), or None when it is no source file."""
    for document in DOCUMENTS:
        if name == document.file:
            return document.kind
    folder, _, file = name.rpartition("/")
    for collection in COLLECTIONS:
        if folder == collection.folder and file.endswith(".yml"):
            return collection.kind
    return None


def schema_line(name: str, kind: str | None = None) -> str:
    """The first line of a source file: where an editor finds its schema, relative to the file."""
    kind = kind or kind_of_file(name)
    if kind is None:
        raise ValueError(f"{name} is not a source file of the handbook")
    here = posixpath.dirname(name) or "."
    return SCHEMA_LINE_PREFIX + posixpath.relpath(schema_file(kind), here)
