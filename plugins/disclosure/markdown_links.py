"""Link targets an editor wrote in a Markdown file, with their exact line and column.

Code never holds links: fenced and indented code blocks, code spans, HTML comments and YAML front
matter are blanked out first (offsets kept), then inline links and images `[x](url)`, reference
definitions `[id]: url` and URL attributes of raw HTML (`<a href="…">`, via html_attrs) are read.
Only decisions about positions rest on this scan; what the page links to is read from the rendered
HTML (xrefs.resolve_index_hrefs)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .html_attrs import line_col, line_starts, url_attributes

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
CONTAINER = re.compile(r"^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|!!!|\?\?\?|===|\[\^[^\]]+\]:)")
INLINE = re.compile(r"\]\([ \t]*(?:\n[ \t]*)?(?:<(?P<angle>[^>\n]*)>|(?P<bare>(?:[^\s()]|\([^\s()]*\))+))")
DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:\n[ \t]*)?(?:<(?P<angle>[^>\n]*)>|(?P<bare>\S+))", re.MULTILINE)
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
BACKTICKS = re.compile(r"(?<!\\)`+")
URL_ATTRIBUTE_HINT = re.compile(r"\b(?:href|src|action|data|poster|background|cite|longdesc|manifest|codebase|ping)\s*=",
                                re.IGNORECASE)  # most bodies hold no raw HTML link: skip the (pure Python) tokenizer


@dataclass(frozen=True)
class SourceLink:
    target: str  # as written (inside any <…>); entities decoded for raw HTML
    line: int  # 1-based, of the target's first character
    col: int
    html: bool = False  # from a raw HTML attribute


def source_links(markdown: str) -> list[SourceLink]:
    text = blank_code(markdown)
    found: list[tuple[int, str, bool]] = []
    for pattern in (INLINE, DEFINITION):
        for match in pattern.finditer(text):
            group = "angle" if match["angle"] is not None else "bare"
            found.append((match.start(group), match[group], False))
    if "<" in text and URL_ATTRIBUTE_HINT.search(text):  # no tag, no attribute: the hint's scan tries every character
        found += [(a.start, a.value, True) for a in url_attributes(text) if a.tag not in ("script", "style")]
    starts = line_starts(text) if found else []
    return [SourceLink(target, *line_col(text, offset, starts), html=raw) for offset, target, raw in sorted(found)]


def blank_code(markdown: str) -> str:
    """`markdown` with front matter, code blocks, code spans and comments replaced by spaces."""
    lines = markdown.split("\n")
    _blank_front_matter(lines)
    _blank_code_blocks(lines)
    text = "\n".join(lines)
    text = COMMENT.sub(_spaces, text)
    return _blank_code_spans(text)


def _spaces(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _blank(line: str) -> str:
    return " " * len(line)


def _blank_front_matter(lines: list[str]) -> None:
    if not lines or lines[0].rstrip() != "---":
        return
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            for number in range(end + 1):
                lines[number] = _blank(lines[number])
            return


def _blank_code_blocks(lines: list[str]) -> None:
    fence: str | None = None  # the opening fence while inside a fenced block
    in_container = False  # after a list item, admonition, tab or footnote: indented lines are its content
    previous_blank, previous_code = True, False
    for number, line in enumerate(lines):
        if fence is not None:
            if re.match(r"^[ \t>]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", line):
                fence = None
            lines[number] = _blank(line)
            continue
        if (opening := FENCE.match(line)) and not (opening[1][0] == "`" and "`" in line[opening.end():]):
            fence = opening[1]
            lines[number] = _blank(line)
            continue
        blank = not line.strip()
        indented = line.startswith(("    ", "\t"))
        if indented and not blank and (previous_code or (previous_blank and not in_container)):
            lines[number] = _blank(line)
            previous_code, previous_blank = True, False
            continue
        if not blank and not indented:
            in_container = bool(CONTAINER.match(line))
        previous_blank, previous_code = blank, previous_code and blank


def _blank_code_spans(text: str) -> str:
    """A run of n backticks opens a code span closed by the next run of exactly n backticks in the same
    paragraph (per-length lists and bisect: hostile input with many runs stays fast)."""
    if "`" not in text:  # BACKTICKS starts with a lookbehind: its scan tries every character
        return text
    runs = [(match.start(), match.end()) for match in BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return text
    by_length: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(number)
    breaks = [match.start() for match in re.finditer(r"\n[ \t]*\n", text)]
    chars, number = list(text), 0
    while number < len(runs):
        start, end = runs[number]
        same = by_length[end - start]
        later = bisect.bisect_right(same, number)
        closing = same[later] if later < len(same) else None
        if closing is None or _break_between(breaks, end, runs[closing][0]):
            number += 1
            continue
        for position in range(start, runs[closing][1]):
            if chars[position] != "\n":
                chars[position] = " "
        number = closing + 1
    return "".join(chars)


def _break_between(breaks: list[int], start: int, end: int) -> bool:
    """Whether a blank line lies between two offsets."""
    found = bisect.bisect_left(breaks, start)
    return found < len(breaks) and breaks[found] < end
