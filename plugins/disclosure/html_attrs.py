"""Attributes of HTML start tags with their exact offsets, from the standard library's HTML tokenizer.

Used on raw HTML in Markdown sources (positions for problems), on rendered pages (rewriting `index:`
links in place) and on templates (where a link was written). Entities in values are decoded."""

from __future__ import annotations

import bisect
import html
from dataclasses import dataclass
from html.parser import HTMLParser, attrfind_tolerant, tagfind_tolerant  # the tokenizer's own patterns

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


class _Collector(HTMLParser):
    def __init__(self, text: str, names: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.names = names
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.found: list[Attribute] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        raw = self.get_starttag_text() or ""
        line, col = self.getpos()
        base = self.line_starts[line - 1] + col
        name_match = tagfind_tolerant.match(raw, 1)
        position = name_match.end() if name_match else len(raw)
        while (match := attrfind_tolerant.match(raw, position)) is not None and match.end() > position:
            name, rest, value = match.group(1, 2, 3)
            position = match.end()
            if name.lower() not in self.names or not rest:
                continue
            quoted = value[:1] in ("'", '"')
            start, end = match.start(3) + quoted, match.end(3) - quoted
            self.found.append(Attribute(tag, name.lower(), html.unescape(raw[start:end]), base + start, base + end, quoted))

    handle_startendtag = handle_starttag


def url_attributes(text: str, names: frozenset[str] = URL_ATTRIBUTES) -> list[Attribute]:
    """Every attribute named in `names` of every start tag in `text`, in document order."""
    collector = _Collector(text, names)
    collector.feed(text)
    collector.close()
    return collector.found


def line_col(text: str, offset: int, line_starts: list[int] | None = None) -> tuple[int, int]:
    """1-based (line, column) of an offset."""
    starts = line_starts if line_starts is not None else [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
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
