"""Where something was written (`Pos`) and what is wrong there (`Problem`, printed as
`<file>:<line>:<col>: <field path>: <message>`). The neutral layer under catalogue/ and reports/."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import NamedTuple

from mkdocs.exceptions import PluginError

FILE_LEVEL = "文件"  # field path used when a problem concerns the whole file
# Line breaks and other controls in editors' text: printed raw they would start a new line, which a CI
# log reads as a command (GitHub's "::warning file=…::"), or hide what follows.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def one_line(text: str) -> str:
    """`text` with every control character shown as an escape (`\\n`, `\\x01`, `\\u2028`)."""
    return UNPRINTABLE.sub(lambda match: match[0].encode("unicode_escape").decode("ascii"), text)


class Pos(NamedTuple):
    """A place in a source file; line and col are 1-based. A tuple: a catalogue makes hundreds of
    thousands, one per key and value."""

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
        return one_line(f"{self.file}:{self.line}:{self.col}: {self.path}: {self.message}")

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
