"""Load every source file of a handbook into validated models, collecting every problem."""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from handbook import kinds
from handbook.errors import Problem
from handbook.kinds import BY_KIND, COLLECTIONS, DOCUMENTS
from handbook.yamlsrc import Loc, Source, format_loc, load_yaml

if TYPE_CHECKING:
    from pathlib import Path

    from handbook.models import Checklist, Escalation, Module, Role, Settings, SourceRef, Term, Topic

M = TypeVar("M", bound=BaseModel)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Where each kind of file lives is said once, in handbook.kinds; these names are kept for callers.
PAGES_DIR, LOCALES_DIR, TEMPLATES_DIR, ASSETS_DIR = (
    kinds.PAGES_DIR,
    kinds.LOCALES_DIR,
    kinds.TEMPLATES_DIR,
    kinds.ASSETS_DIR,
)


@dataclass
class Handbook:
    """The whole handbook in memory, in the source language, with where each part came from."""

    root: Path
    settings: Settings
    topics: list[Topic]
    roles: dict[str, Role]
    escalations: dict[str, Escalation]
    modules: dict[str, Module]
    checklists: dict[str, Checklist]
    glossary: list[Term]
    sources: list[SourceRef]
    pages: list[str]
    files: dict[str, Source] = field(default_factory=dict)
    # Files that failed to load: checks that need them are skipped, so one typo gives one error.
    broken: set[str] = field(default_factory=set)
    # What validation found worth a look but not worth stopping for (see `handbook validate`).
    warnings: list[Problem] = field(default_factory=list)

    def file_of(self, kind: str, item_id: str) -> str:
        """The source file (relative to root) of one item of a collection kind."""
        return BY_KIND[kind].file(item_id)

    def collections(self) -> dict[str, dict[str, Any]]:
        """Every collection kind's items, by kind: {"role": {"buddy": Role, …}, …}."""
        return {collection.kind: dict(getattr(self, collection.attribute)) for collection in COLLECTIONS}

    def replace(self, **parts: Any) -> Handbook:
        """A copy with some parts replaced (the localised handbook of a language)."""
        return dataclasses.replace(self, **parts)


# --- turning pydantic's errors into messages a person can act on -------------------------------


def _strip_optional(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return _strip_optional(args[0]) if len(args) == 1 else annotation
    if origin is typing.Annotated:
        return _strip_optional(get_args(annotation)[0])
    return annotation


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the part of a file at `loc`, if any."""
    current: Any = model
    for part in loc:
        current = _strip_optional(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
            continue
        origin = get_origin(current)
        if origin is list:
            current = get_args(current)[0]
        elif origin is dict:
            current = get_args(current)[1]
        else:
            return None
    current = _strip_optional(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def _message(error: Any, model: type[BaseModel], loc: Loc) -> str:
    """A readable message for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = sorted(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown field '{loc[-1]}'{hint} (allowed: {', '.join(known)})"
    if kind == "missing":
        return "required field is missing"
    if kind in ("literal_error", "enum"):
        expected = re.sub(r"'", "", str(ctx.get("expected", ""))).replace(" or ", ", ")
        return f"{_short(value)} is not one of {expected}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^(?:material|"):
            return f"{_short(value)} is not an icon name like 'material-account'"
        if pattern.startswith("^\\+?[0-9]"):
            return f"{_short(value)} is not a phone number: digits, spaces and + . / ( ) - only"
        if "svg|png" in pattern:
            return f"{_short(value)} is not a relative path to an .svg, .png, .jpg or .webp file"
        if pattern == "^[A-Za-z0-9_./-]*$":
            return f"{_short(value)} is not a path: letters, digits and _ . / - only"
        if "[a-z]{2,3}" in pattern:
            return f"{_short(value)} is not a language code like 'nl', 'en' or 'pt-BR'"
        if "a-z0-9" in pattern and "@" not in pattern:
            return (
                f"{_short(value)} is not a valid id: use lowercase letters a-z, digits and "
                "hyphens, like 'first-meeting'"
            )
        if "https?" in pattern:
            return (
                f"{_short(value)} is not a web address starting with https:// (with no space, "
                "quote, <, >, {, }, [, ], | or backslash in it)"
            )
        if "@" in pattern:
            return f"{_short(value)} is not an e-mail address"
        return f"{_short(value)} does not have the expected form"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind.startswith("date_"):
        return f"{_short(value)} is not a date like 2026-11-15 (year-month-day)"
    if kind == "string_type":
        return f"expected text, got {_describe(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_short(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_short(value)}"
    if kind == "list_type":
        return f"expected a list, got {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {_describe(value)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{_short(value)} is out of range: {error['msg'].lower()}"
    return str(error["msg"])


def problems_from_validation(source: Source, model: type[BaseModel], error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors():
        raw_loc: tuple[Any, ...] = tuple(item["loc"])
        loc: Loc = tuple(p for p in raw_loc if p != "[key]")
        message = _message(item, model, loc)
        problems.append(source.problem(loc, message))
    return problems


def validate_source(source: Source, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate one parsed file against its model."""
    if not isinstance(source.data, dict):
        return None, [source.problem((), f"expected a mapping of fields, got {_describe(source.data)}")]
    try:
        return model.model_validate(source.data), []
    except ValidationError as error:
        return None, problems_from_validation(source, model, error)


# --- the loader -------------------------------------------------------------------------------


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.files: dict[str, Source] = {}
        self.broken: set[str] = set()

    def load(self, name: str, model: type[M]) -> M | None:
        path = self.root / name
        if not path.exists():
            self.problems.append(Problem(name, 1, 1, "", "file is missing"))
            return None
        source, problems = load_yaml(path, name)
        self.problems.extend(problems)
        if source is None:
            return None
        self.files[name] = source
        value, problems = validate_source(source, model)
        self.problems.extend(problems)
        return value

    def load_folder(self, folder: str, model: type[M]) -> dict[str, M]:
        directory = self.root / folder
        out: dict[str, M] = {}
        if not directory.is_dir():
            self.problems.append(Problem(folder, 1, 1, "", "folder is missing"))
            return out
        for path in sorted(directory.iterdir()):
            if path.name.startswith(".") or path.suffix not in (".yml", ".yaml"):
                continue
            name = f"{folder}/{path.name}"
            if path.suffix == ".yaml":
                self.problems.append(Problem(name, 1, 1, "", "name the file with .yml, not .yaml"))
                continue
            if not ID_PATTERN.match(path.stem):
                self.problems.append(
                    Problem(
                        name,
                        1,
                        1,
                        "",
                        f"the file name '{path.stem}' is not a valid id: use lowercase letters a-z, "
                        "digits and hyphens, like 'first-meeting.yml'",
                    )
                )
                continue
            value = self.load(name, model)
            if value is None:
                self.broken.add(name)
            else:
                out[path.stem] = value
        return out

    def pages(self) -> list[str]:
        directory = self.root / PAGES_DIR
        if not directory.is_dir():
            return []
        return sorted(
            f"{PAGES_DIR}/{p.relative_to(directory).as_posix()}"
            for p in directory.rglob("*")
            if p.is_file() and not p.name.startswith(".")
        )


def load_handbook(root: Path) -> tuple[Handbook | None, list[Problem]]:
    """Read and validate every source file; the handbook is None when a required part failed."""
    loader = _Loader(root)
    documents = {document.kind: loader.load(document.file, document.model) for document in DOCUMENTS}
    collections: dict[str, Any] = {c.attribute: loader.load_folder(c.folder, c.model) for c in COLLECTIONS}
    if any(value is None for value in documents.values()):
        return None, loader.problems
    parts: dict[str, Any] = {
        document.attribute: list(getattr(value, document.field)) if document.field else value
        for document, value in zip(DOCUMENTS, documents.values(), strict=True)
    }
    handbook = Handbook(
        root=root,
        **parts,
        **collections,
        pages=loader.pages(),
        files=loader.files,
        broken=loader.broken,
    )
    return handbook, loader.problems


__all__ = ["Handbook", "format_loc", "load_handbook", "problems_from_validation", "validate_source"]
