"""Compiled Jinja templates, kept in memory for the rest of the process.

A Jinja environment compiles each template it loads, and a new environment starts again from
nothing: MkDocs makes one per language it builds (mkdocs-static-i18n builds each language in
turn), and the generator makes one to check the templates and another to render them. Compiling
the theme's templates over again was a tenth of a clean build. A `CompiledTemplates` given to
each of those environments as its bytecode cache compiles a template once; Jinja checks the
template's source against the one it was compiled from, so an edited template is compiled again
(`mkdocs serve`).

One cache serves environments of one configuration only (the theme's, or the generator's): the
same source compiles differently with other settings, such as `trim_blocks`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import BytecodeCache

if TYPE_CHECKING:
    from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode of every template compiled so far, by template file."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja when the source has changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()

    def __len__(self) -> int:
        return len(self._code)
