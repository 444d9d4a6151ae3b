"""The one exception tree of the handbook: problems a person can act on, reported together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the sources, in compiler style so editors can jump to it."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        if self.field:
            return f"{where} {self.field}: {self.message}"
        return f"{where}: {self.message}"


def warning_text(problem: Problem) -> str:
    """A problem that does not stop the build, said as compilers say a warning."""
    where = f"{problem.file}:{problem.line}:{problem.column}"
    field = f" {problem.field}:" if problem.field else ":"
    return f"{where}{field} warning: {problem.message}"


class HandbookError(Exception):
    """Base of every error the handbook reports to a person (the CLI maps it to exit 1)."""


class ValidationFailed(HandbookError):
    """The sources have one or more problems; all of them are listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        super().__init__("\n".join([*lines, f"{count} {noun} found; nothing was built."]))


class BuildFailed(HandbookError):
    """The site generator (MkDocs) or a tool it runs failed; the previous site is untouched."""
