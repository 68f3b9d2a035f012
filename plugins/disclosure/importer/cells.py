"""One cell of a CMS export → the value of an entry field, or a Chinese message saying why not."""

from __future__ import annotations

import datetime
import re
from typing import Any

from ..catalogue.model import VALIDITY_LABELS

SPACES = " \t\r\n\u3000\xa0\ufeff\u200b"
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_KEYWORD_SPLIT = re.compile(r"[、，,；;\s\u3000]+")
_VALIDITY = {  # how CMS exports write 有效性
    "有效": "in_force", "现行有效": "in_force", "是": "in_force", "生效": "in_force",
    "失效": "expired", "已失效": "expired", "否": "expired", "有效期届满": "expired", "届满失效": "expired",
    "废止": "repealed", "已废止": "repealed", "宣布废止": "repealed", "明令废止": "repealed",
}
EXCEL_EPOCH = datetime.date(1899, 12, 30)


class CellError(ValueError):
    """The cell cannot be taken; str(error) is the Chinese message."""


def text(value: Any) -> str | None:
    """Trimmed text (full-width and no-break spaces too), inner line breaks and runs of spaces as one space."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    cleaned = re.sub(r"[\s\u3000\xa0]+", " ", str(value)).strip(SPACES)
    return cleaned or None


def long_text(value: Any) -> str | None:
    """Like `text`, but line breaks kept (summaries may have paragraphs)."""
    if value is None:
        return None
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", line).strip(SPACES) for line in str(value).splitlines()]
    cleaned = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", cleaned) or None


def date(value: Any) -> datetime.date | None:
    """2021-03-05, 2021/3/5, 2021年3月5日, 2021.03.05, 20210305, an Excel date cell or serial number."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if raw is None:
        return None
    found = _DATE.match(raw) or _COMPACT_DATE.match(raw)
    if found:
        try:
            return datetime.date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            raise CellError(f"日期 \"{raw}\" 不存在：请写一个真实的日期") from None
    if re.fullmatch(r"\d{5}(\.\d+)?", raw) and 20000 < float(raw) < 80000:  # an Excel serial date written as a number
        return EXCEL_EPOCH + datetime.timedelta(days=int(float(raw)))
    raise CellError(f"无法识别的日期 \"{raw}\"：请写成 2021-03-05、2021/3/5 或 2021年3月5日")


def validity(value: Any) -> str | None:
    raw = text(value)
    if raw is None:
        return None
    if raw in VALIDITY_LABELS:
        return raw
    if raw in _VALIDITY:
        return _VALIDITY[raw]
    accepted = "、".join(dict.fromkeys(_VALIDITY))
    raise CellError(f"无法识别的有效性 \"{raw}\"：可写 {accepted}（或 in_force、expired、repealed），也可以留空")


def keywords(value: Any) -> tuple[str, ...]:
    raw = text(value)
    if raw is None:
        return ()
    return tuple(dict.fromkeys(word for word in _KEYWORD_SPLIT.split(raw) if word))


def link(value: Any) -> str | None:
    """An http(s) address, or None (a relative CMS address cannot be followed from the new site)."""
    raw = text(value)
    if raw is None:
        return None
    raw = raw.replace(" ", "%20")
    return raw if re.match(r"^https?://[^/\s]+", raw, re.IGNORECASE) else None
