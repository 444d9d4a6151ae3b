"""Read one YAML file into plain data plus the line and column of every value and key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from handbook.errors import Problem

if TYPE_CHECKING:
    from pathlib import Path

Loc = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass
class Source:
    """A parsed YAML file: its data and where each part of it stands in the file."""

    name: str
    data: Any
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    # Where each scalar value stands in the text (start and end offsets), to rewrite it in place.
    spans: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc) -> Position:
        """Where `loc` is written: its key (`stance:`) for a field, the value for a list item.

        A part that is not in the file (a missing field) points at its nearest enclosing part.
        """
        for end in range(len(loc), -1, -1):
            part = loc[:end]
            if part in self.keys:
                return self.keys[part]
            if part in self.values:
                return self.values[part]
        return (1, 1)

    def problem(self, loc: Loc, message: str, *, label: str = "") -> Problem:
        line, column = self.position(loc)
        return Problem(self.name, line, column, label or format_loc(loc), message)


def format_loc(loc: Loc) -> str:
    """`('items', 2, 'text')` → `items[2].text`: the field path as a reader writes it."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _mark(node: yaml.Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, source: Source, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.source.values[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    line, column = _mark(key_node)
                    self.problems.append(
                        Problem(self.source.name, line, column, format_loc(loc), "a key must be plain text")
                    )
                    continue
                # The raw text of the key: `no:` or `1:` stay the strings a person typed.
                key = str(key_node.value)
                if key in out:
                    line, column = _mark(key_node)
                    self.problems.append(
                        Problem(
                            self.source.name,
                            line,
                            column,
                            format_loc((*loc, key)),
                            f"duplicate key '{key}' (first at line {self.source.keys[(*loc, key)][0]})",
                        )
                    )
                    continue
                self.source.keys[(*loc, key)] = _mark(key_node)
                out[key] = self.build(value_node, (*loc, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        self.source.spans[loc] = (node.start_mark.index, node.end_mark.index)
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError:
            # A date that does not exist (2026-13-01): keep the text; its model says what is wrong.
            if node.tag != "tag:yaml.org,2002:timestamp":
                raise
            return node.value


# libyaml's parser where PyYAML was built with it: the same nodes and positions, several times
# faster. A file it refuses is parsed again by the pure one, whose messages the tests know.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_yaml(text: str, name: str) -> tuple[Source | None, list[Problem]]:
    """Parse YAML text; return the source (None when unreadable) and the problems found."""
    problems: list[Problem] = []
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(part for part in (error.context, error.problem) if part)
        return None, [Problem(name, line, column, "", f"not valid YAML: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(name, 1, 1, "", f"not valid YAML: {error}")]
    source = Source(name=name, data=None)
    if node is None:
        return None, [Problem(name, 1, 1, "", "the file is empty")]
    source.data = _Builder(source, problems).build(node, ())
    return source, problems


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file, or explain why it cannot be read."""
    if path.is_dir():
        return None, [Problem(name, 1, 1, "", "expected a file but found a folder")]
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, 1, 1, "", f"cannot read the file: {error.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                name, line, column, "", f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8"
            )
        ]
    return text.removeprefix("\ufeff"), []


def load_yaml(path: Path, name: str) -> tuple[Source | None, list[Problem]]:
    """Read and parse one YAML file."""
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    return parse_yaml(text, name)
