"""Attributes of HTML start tags with their exact offsets (attributes split by the standard library's
own HTML tokenizer pattern).

Used on raw HTML in Markdown sources (positions for problems), on rendered pages (rewriting `index:`
links in place) and on templates (where a link was written). Entities in values are decoded."""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
# the standard tokenizer's own attribute pattern (private to html.parser, so typeshed leaves it out)
from html.parser import attrfind_tolerant  # type: ignore[attr-defined]

# Attributes whose value is a URL (srcset holds several and is handled by the link checker).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "background", "cite",
                            "xlink:href", "longdesc", "manifest", "codebase", "ping"})


@dataclass(frozen=True)
class Attribute:
    tag: str
    name: str  # lower case
    value: str  # entities decoded
    start: int  # offset of the value as written in the text (after any quote)
    end: int
    quoted: bool


# A start tag: its name, then anything but "<" and ">" outside quotes. Stopping at "<" keeps hostile
# input ("<a href=x" a million times, never closed) linear; a quoted value holding "<" is not a URL anyway.
START_TAG = re.compile(r"<([A-Za-z][^\t\n\r\f />\x00<]*)((?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*)>")

SEPARATOR = re.compile(r"[\s/]*")
NEWLINE = re.compile("\n")


def url_attributes(text: str, names: frozenset[str] = URL_ATTRIBUTES) -> list[Attribute]:
    """Every attribute named in `names` of every start tag in `text`, in document order."""
    found = []
    for tag in START_TAG.finditer(text):
        raw, base = tag[0], tag.start()
        position = SEPARATOR.match(raw, len(tag[1]) + 1).end()  # type: ignore[union-attr]
        while (match := attrfind_tolerant.match(raw, position)) is not None and match.end() > position:
            name, rest, value = match.group(1, 2, 3)
            position = match.end()
            if name.lower() not in names or not rest:
                continue
            quoted = value[:1] in ("'", '"')
            start, end = match.start(3) + quoted, match.end(3) - quoted
            found.append(Attribute(tag[1].lower(), name.lower(), html.unescape(raw[start:end]), base + start, base + end, quoted))
    return found


def line_starts(text: str) -> list[int]:
    """The offset at which each line of `text` starts."""
    return [0, *(newline.end() for newline in NEWLINE.finditer(text))]


def line_col(text: str, offset: int, starts: list[int] | None = None) -> tuple[int, int]:
    """1-based (line, column) of an offset (`starts`: `line_starts(text)`, when already known)."""
    starts = starts if starts is not None else line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def replace_values(text: str, replacements: dict[Attribute, str]) -> str:
    """`text` with the values of the given attributes replaced (the new values are escaped here)."""
    parts, last = [], 0
    for attribute, value in sorted(replacements.items(), key=lambda item: item[0].start):
        escaped = html.escape(value, quote=True)
        parts += [text[last:attribute.start], escaped if attribute.quoted else f'"{escaped}"']
        last = attribute.end
    return "".join(parts) + text[last:]
