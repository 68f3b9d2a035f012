"""Python-Markdown's HTML for the simplest lists, tables, bold text and cross-references of an entry body.

Besides paragraphs and headings, bodies that editors write or `disclosure import` converts from a
CMS hold numbered and bulleted lists of one line per item, tables of plain cells, **bold** words
(clause numbers, the labels of a notice), links to other entries and line breaks.
`plain_paragraphs.plain_body` makes these directly too, each only in its simplest form (`EXTRAS`):
- "lists": a block whose every line is an item of one kind ("1. " or "- ", "* ", "+ " at the line's
  start, then text that could start a paragraph line), not right after another list block (Markdown
  would join the two into one loose list);
- "tables" (with Markdown's tables extension): a block of at least three lines, each starting and
  ending with "|", with as many cells (at least two) on each, a separator row of "-" only (no
  alignment), cells without markup but bold text;
- "strong": "**text**", the text without "*", line breaks or whitespace at either end;
- "links": cross-references, `[label](index:<index number>)`, and web addresses, `[label](https://…)`
  of letters, digits and `._~:/?#=%+-` only, the label plain text without whitespace at either end
  (MkDocs leaves a URL with a scheme as it is; the plugin resolves `index:` on the HTML);
- "breaks": two spaces at the end of a paragraph's line (`<br>` in a CMS body: the signature block of
  a notice, the agency's name over the date).
Anything else in such a block makes it None: Markdown's normal path. `plain_paragraphs.supported`
checks each kind against the Markdown itself once per process.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .plain_inline import LINE_BREAK  # Markdown's line break: two spaces at a line's end

EXTRAS = frozenset({"lists", "tables", "strong", "links", "breaks"})
LINE_ENDS = re.compile("(?<=[^ \n]) +\n")  # spaces ending a line of text (a line of spaces only stays)
ITEM = re.compile(r"(\d+\.|[-*+]) +(.*)")  # OListProcessor's and UListProcessor's item at a line's start
STRONG_TEXT = re.compile(r"[^\s*](?:[^*\n]*[^\s*])?")  # between "**" and "**"
LINK = re.compile(r"\[([^\s\[\]](?:[^\[\]\n]*[^\s\[\]])?)\]"  # a cross-reference (xrefs.py) or a web address
                  r"\((index:[0-9A-Za-z/-]+|https?://[0-9A-Za-z._~:/?#=%+-]+)\)")
SEPARATOR = re.compile(r" *-+ *")


def inline(text: str, markup: Callable[[str], object], extras: frozenset[str]) -> str | None:
    """The HTML of `text` as Markdown's inline step makes it, when its only markup is bold text, links
    and line breaks (as far as `extras` allows them); None when `markup(text)` finds anything else."""
    if not ("*" in text and "strong" in extras) and not ("](" in text and "links" in extras) \
            and not (LINE_BREAK in text and "breaks" in extras):
        return None if markup(text) else text
    pieces = LINK.split(text) if "links" in extras else [text]  # text, then a link's label and href, text, …
    bare, made = [], []
    for at in range(0, len(pieces), 3):
        if (strong := _strong(pieces[at], extras)) is None:
            return None
        bare.append(strong[0])
        made.append(strong[1])
        if at + 2 < len(pieces):
            bare.append(pieces[at + 1])
            made.append(f'<a href="{pieces[at + 2]}">{pieces[at + 1]}</a>')
    bare_text, html = "".join(bare), "".join(made)
    if "breaks" in extras:  # never inside a label or bold text: neither holds a line's end
        bare_text = LINE_ENDS.sub("\n", bare_text) if " \n" in bare_text else bare_text  # its lookbehind tries every character
        html = html.replace(LINE_BREAK, "<br />\n")
    # a "_" next to a link or bold text (to Markdown a placeholder, no letter) could open emphasis
    return None if "_" in bare_text or markup(bare_text) else html


def _strong(text: str, extras: frozenset[str]) -> tuple[str, str] | None:
    """`text` without and with its bold text's markup; None when a "**" has no partner or bad text."""
    if "*" not in text or "strong" not in extras:
        return text, text
    parts = text.split("**")
    if len(parts) % 2 == 0 or not all(STRONG_TEXT.fullmatch(inner) for inner in parts[1::2]):
        return None
    return "".join(parts), "".join(f"<strong>{part}</strong>" if at % 2 else part for at, part in enumerate(parts))


def list_html(block: str, line_markup: Callable[[str], object], extras: frozenset[str]) -> str | None:
    """A tight list of one-line items, each item's text as a paragraph line may be."""
    lines = block.split("\n")
    items = [item for line in lines if (item := ITEM.fullmatch(line)) is not None]
    if "lists" not in extras or len(items) != len(lines) or len({item[1][-1] == "." for item in items}) != 1:
        return None
    texts = [text for item in items if (text := inline(item[2], line_markup, extras)) is not None and text.strip()]
    if len(texts) != len(items):
        return None
    tag = "ol" if items[0][1].endswith(".") else "ul"
    return "\n".join([f"<{tag}>", *(f"<li>{text.lstrip()}</li>" for text in texts), f"</{tag}>"])


def table_html(block: str, cell_markup: Callable[[str], object], extras: frozenset[str]) -> str | None:
    """A table with a header row, a separator row without alignment and body rows of plain cells."""
    rows = block.split("\n")
    if "tables" not in extras or len(rows) < 3 or not all(len(row) > 1 and row[0] == row[-1] == "|" for row in rows):
        return None
    cells = [row[1:-1].split("|") for row in rows]
    if len(cells[0]) < 2 or any(len(row) != len(cells[0]) for row in cells):
        return None
    if not all(SEPARATOR.fullmatch(cell) for cell in cells[1]):
        return None
    made = [[inline(cell.strip(" "), cell_markup, extras) for cell in row] for row in (cells[0], *cells[2:])]
    if any(cell is None for row in made for cell in row):
        return None
    head, *body = (["<tr>", *(f"<{tag}>{cell}</{tag}>" for cell in row), "</tr>"]
                   for tag, row in zip(["th"] + ["td"] * (len(made) - 1), made))
    return "\n".join(["<table>", "<thead>", *head, "</thead>", "<tbody>", *(line for row in body for line in row),
                      "</tbody>", "</table>"])
