"""`[text](index:<index number>)` links in Markdown: found with their positions, resolved to entry URLs."""

from __future__ import annotations

import re
from typing import Callable, Iterator

from .catalogue.model import Catalogue
from .problems import Problem

# Inline links `](index:X)` / `](<index:X>)` and reference definitions `[id]: index:X`.
INDEX_LINK = re.compile(r"(?P<lead>\]\(\s*<?|^[ ]{0,3}\[[^\]]+\]:[ \t]*<?)index:(?P<index>[^\s)>\"']+)", re.MULTILINE)


def find_index_links(markdown: str) -> Iterator[tuple[str, int, int, re.Match[str]]]:
    """(index number, line, col of `index:`, match) for each `index:` link; line and col are 1-based."""
    for match in INDEX_LINK.finditer(markdown):
        start = match.start("index") - len("index:")
        line = markdown.count("\n", 0, start) + 1
        col = start - (markdown.rfind("\n", 0, start) + 1) + 1
        yield match["index"], line, col, match


def check_index_links(markdown: str, file: str, catalogue: Catalogue) -> list[Problem]:
    return [
        _unknown(index, file, line, col)
        for index, line, col, _ in find_index_links(markdown)
        if index not in catalogue.by_index
    ]


def resolve_index_links(markdown: str, file: str, catalogue: Catalogue, url_of: Callable[[str], str],
                        problems: list[Problem], line_offset: int = 0) -> str:
    """Replace `index:X` targets by `url_of(X)`; unknown numbers are appended to `problems`.

    `line_offset` is the number of lines (front matter) MkDocs stripped before `markdown`.
    """
    if "index:" not in markdown:
        return markdown
    unknown = {index: (line + line_offset, col) for index, line, col, _ in find_index_links(markdown) if index not in catalogue.by_index}
    problems.extend(_unknown(index, file, line, col) for index, (line, col) in unknown.items())

    def replace(match: re.Match[str]) -> str:
        index = match["index"]
        target = url_of(index) if index in catalogue.by_index else f"index:{index}"
        return match["lead"] + target

    return INDEX_LINK.sub(replace, markdown)


def _unknown(index: str, file: str, line: int, col: int) -> Problem:
    return Problem(file, line, col, f"index:{index}", f"未知索引号 \"{index}\"：目录中没有这个条目，请核对 directory.yml 中的 index")


def front_matter_lines(source: str, markdown: str) -> int:
    """How many lines of `source` precede `markdown` (MkDocs strips YAML front matter first)."""
    if source.startswith(markdown):
        return 0
    start = source.find(markdown[:200])
    return source.count("\n", 0, start) if start > 0 else 0
