"""Characters that XML 1.0 (feed.xml, the parts of an .xlsx) cannot carry, and UTF-8 cannot encode.

One rule for validation (refused with a position), the feed and the exports (dropped, as a last
defence): C0 controls except Tab, LF and CR; U+FFFE and U+FFFF; lone surrogates."""

from __future__ import annotations

import re

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def first_forbidden(text: str) -> int | None:
    """Offset of the first forbidden character, or None."""
    match = FORBIDDEN.search(text)
    return match.start() if match else None


def strip_forbidden(text: str) -> str:
    return FORBIDDEN.sub("", text) if FORBIDDEN.search(text) else text


def describe(char: str) -> str:
    """`U+0001` for a character that cannot be shown."""
    return f"U+{ord(char):04X}"
