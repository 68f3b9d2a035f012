"""Header names → entry fields, from the registry's labels and synonyms (catalogue/entry_fields.py)."""

from __future__ import annotations

import re
from typing import Any

from ..catalogue.entry_fields import ENTRY_FIELDS, EntryField

IMPORTED = [f for f in ENTRY_FIELDS if f.kind not in ("attachments", "report")]
REQUIRED = [f for f in IMPORTED if f.required]
_NOISE = re.compile(r"[\s\u3000\xa0*＊:：]|[（(][^）)]*[）)]$")  # spaces, required marks, "（必填）"


def normalize(header: Any) -> str:
    return _NOISE.sub("", str(header or "")).strip().lower()


def names(field: EntryField) -> list[str]:
    return [normalize(name) for name in (field.label, *field.synonyms)]


def is_header(cells: list[Any]) -> bool:
    """A row is the header row when it names at least three required columns."""
    found = {normalize(c) for c in cells}
    return sum(1 for f in REQUIRED if found & set(names(f))) >= 3


def map_columns(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """({field key: column position}, headers left unused). For each field in registry order the
    best-ranked header still free is taken (成文日期 → date and 发布日期 → published when both exist)."""
    normalized = [normalize(h) for h in headers]
    taken: dict[str, int] = {}
    used: set[int] = set()
    for field in IMPORTED:
        for name in names(field):
            position = next((i for i, h in enumerate(normalized) if h == name and i not in used), None)
            if position is not None:
                taken[field.key] = position
                used.add(position)
                break
    unused = [h for i, h in enumerate(headers) if i not in used and h.strip()]
    return taken, unused


def missing_required(taken: dict[str, int]) -> list[str]:
    """"名称（或 信息名称、标题…）" for every required field without a column."""
    return [f"{f.label}（或 {'、'.join(f.synonyms[:4])}）" for f in REQUIRED if f.key not in taken]
