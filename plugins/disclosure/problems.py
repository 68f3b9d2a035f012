"""Where something was written (`Pos`) and what is wrong there (`Problem`, printed as
`<file>:<line>:<col>: <field path>: <message>`). The neutral layer under catalogue/ and reports/."""

from __future__ import annotations

import os
from dataclasses import dataclass

from mkdocs.exceptions import PluginError

FILE_LEVEL = "文件"  # field path used when a problem concerns the whole file


@dataclass(frozen=True)
class Pos:
    """A place in a source file; line and col are 1-based."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.path}: {self.message}"

    @classmethod
    def at(cls, where: Pos, path: str, message: str) -> Problem:
        return cls(where.file, where.line, where.col, path, message)


class ProblemsError(PluginError):
    """Raised with every problem found; MkDocs prints the message and aborts the build."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))


def display_path(path: str) -> str:
    """The path as an editor would type it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    if relative.startswith(".."):
        return path
    return relative.replace(os.sep, "/")
