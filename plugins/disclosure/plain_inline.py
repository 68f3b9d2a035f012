"""Python-Markdown's inline step, skipping text that none of its inline patterns can match.

Markdown tries each inline pattern on each text of a page (14 regular expressions and their Python
calls per paragraph). Most paragraphs of an entry body hold no character any of Python-Markdown's
own patterns starts with (backtick, backslash, `[`, `<`, `&`, `*`, `_`, two spaces before a line
break), and the step leaves such a text as it is: now it is not searched at all (Markdown's time per
body: -40 % on the benchmark's bodies). Only where the patterns are exactly Python-Markdown's own —
the same names, classes and expressions as in a `Markdown()` without extensions, in that order, the
same emphasis delimiters — because an extension's pattern may match any text (pymdownx.magiclink
finds bare URLs); with any other pattern nothing changes. Extensions that add none (tables, toc,
attr_list, admonition, the demo's) keep the shortcut.
"""

from __future__ import annotations

import re
from functools import cache

import markdown
from markdown.inlinepatterns import Pattern
from markdown.treeprocessors import InlineProcessor

# Where each of Python-Markdown's own patterns can match: a character its expression needs.
NEEDS = {"backtick": "`", "escape": "\\", "reference": "[", "link": "[", "image_link": "[", "image_reference": "[",
         "short_reference": "[", "short_image_ref": "[", "autolink": "<", "automail": "<", "html": "<", "entity": "&",
         "em_strong": "*", "em_strong2": "_", "not_strong": "*_", "strong_em": "*_", "strong": "*_", "emphasis": "*_"}
PLACEHOLDERS = "\x02\x03"  # text stashed by an earlier step: always the normal path
LINE_BREAK = "  \n"


class PlainTextInline(InlineProcessor):
    """Markdown's own inline processor; a text without any character its patterns need is returned
    as it is, which is what the patterns would have left."""

    can_match: re.Pattern[str]

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802 (Markdown's name)
        if patternIndex == 0 and not self.can_match.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


def skip_plain_text(md: markdown.Markdown) -> bool:
    """Give `md` the shortcut when its inline patterns are Markdown's own; whether it did."""
    inline = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None
    if not isinstance(inline, InlineProcessor) or type(inline) is not InlineProcessor or not hasattr(InlineProcessor, "_InlineProcessor__handleInline"):
        return False
    try:  # the registry's order is not public API: a Markdown that changed it keeps its normal path
        own = _own_patterns()
        if _patterns(inline.inlinePatterns) != own or not all(name in NEEDS or name == "linebreak" for name, *_ in own):
            return False  # an extension's pattern, or one of a Markdown version this table does not know
    except (AttributeError, KeyError, TypeError):
        return False
    needed = set(PLACEHOLDERS).union(*(NEEDS.get(name, "") for name, *_ in own), *(tokens for *_, tokens in own))
    inline.__class__ = PlainTextInline
    inline.can_match = re.compile("[" + re.escape("".join(sorted(needed))) + "]|" + re.escape(LINE_BREAK))
    return True


@cache
def _own_patterns() -> tuple[tuple, ...]:
    return _patterns(markdown.Markdown().inlinePatterns)


def _patterns(registry) -> tuple[tuple, ...]:
    """Each pattern's name, class and expression (and delimiters), in the order Markdown applies them."""
    return tuple((item.name, type(pattern := registry[item.name]), _expression(pattern),
                  tuple(getattr(pattern, "tokens", ()))) for item in sorted(registry._priority, key=lambda i: -i.priority))


def _expression(pattern: Pattern) -> str | None:
    compiled = getattr(pattern, "compiled_re", None)
    return compiled.pattern if compiled is not None else None
