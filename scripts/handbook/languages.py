"""Add a language to a handbook: its entry in handbook.yml and its PO catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError

from handbook.errors import HandbookError
from handbook.yamlsrc import load_yaml

if TYPE_CHECKING:
    from pathlib import Path


def describe(code: str) -> tuple[str, str]:
    """A language's own name for itself and its writing direction, from the CLDR data in Babel."""
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as error:
        raise HandbookError(
            f"'{code}' is not a language code Babel knows (like 'tr', 'fa' or 'pt-BR')"
        ) from error
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:], "rtl" if locale.text_direction == "rtl" else "ltr"


def add_language_entry(root: Path, code: str) -> str:
    """Insert the language into handbook.yml's `languages:` list, keeping the file's comments."""
    path = root / "handbook.yml"
    source, _ = load_yaml(path, "handbook.yml")
    if (
        source is None
        or not isinstance(source.data, dict)
        or not isinstance(source.data.get("languages"), list)
    ):
        raise HandbookError("handbook.yml: no languages list to add to; run 'handbook validate' first")
    known = [entry.get("code") for entry in source.data["languages"] if isinstance(entry, dict)]
    if code in known:
        raise HandbookError(f"handbook.yml: language '{code}' is configured already")
    name, direction = describe(code)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = source.keys[("languages",)][0]  # 1-based line of `languages:`
    end = start
    # The list ends where the next line at the top level (a key or a comment) begins.
    for index in range(start, len(lines)):
        text = lines[index]
        if text.strip() and not text.startswith((" ", "\t", "-")):
            break
        if text.strip():
            end = index + 1
    # An item's mapping starts two columns after its dash: "  - code: nl" → the dash is at column 3.
    indent = " " * (source.values[("languages", 0)][1] - 3)
    entry = [f"{indent}- code: {code}\n", f"{indent}  name: {name}\n"]
    if direction == "rtl":
        entry.append(f"{indent}  dir: rtl\n")
    lines[end:end] = entry
    path.write_text("".join(lines), encoding="utf-8")
    return name
