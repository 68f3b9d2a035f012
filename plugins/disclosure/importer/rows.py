"""Rows of a table → entry drafts; every cell that cannot be taken is a `RowProblem`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..catalogue.entries import INDEX
from ..catalogue.entry_fields import BY_KEY
from ..catalogue.model import Agency
from . import cells
from .body import to_markdown
from .categories import CategoryFinder
from .tables import Table


@dataclass(frozen=True)
class RowProblem:
    where: str  # <file>:<row> or <file>:<sheet>:<row>
    column: str  # the header as written in the file
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.column}: {self.message}"


@dataclass
class Draft:
    where: str
    values: dict[str, Any] = field(default_factory=dict)  # entry field → clean value (body: Markdown text)

    @property
    def index(self) -> str:
        return self.values["index"]

    @property
    def year(self) -> str:
        return self.index.rsplit("/", 1)[1].split("-", 1)[0]


class RowReader:
    def __init__(self, agency: Agency, finder: CategoryFinder) -> None:
        self.agency = agency
        self.converters: dict[str, Callable[[Any], Any]] = {
            "index": self.index, "category": finder.find, "date": cells.date, "choice": cells.validity,
            "keywords": cells.keywords, "url": cells.text, "body": cells.long_text, "interprets": cells.text,
            "text": cells.text,
        }

    def read(self, table: Table, columns: dict[str, int], number: int, row: list[Any]) -> tuple[Draft | None, list[RowProblem]]:
        draft, problems = Draft(table.where(number)), []
        for key, position in columns.items():
            column = table.headers[position].strip()
            raw = row[position] if position < len(row) else None
            try:
                value = self.converters[BY_KEY[key].kind](raw) if key != "summary" else cells.long_text(raw)
            except cells.CellError as error:
                problems.append(RowProblem(draft.where, column, str(error)))
                continue
            if value is None and BY_KEY[key].required:
                problems.append(RowProblem(draft.where, column, f"{BY_KEY[key].label}不能为空"))
            elif value not in (None, ()):
                draft.values[key] = value
        problems += self._content(draft, table, columns)
        return (None if problems else draft), problems

    def index(self, value: Any) -> str | None:
        raw = cells.text(value)
        if raw is None:
            return None
        raw = raw.replace("／", "/").replace("－", "-").replace(" ", "")
        match = INDEX.match(raw)
        if not match:
            raise cells.CellError(f"索引号 \"{raw}\" 格式不对：应为“机构代码/年份-序号”，如 {self.agency.code}/2021-00001")
        if match["code"] != self.agency.code:
            raise cells.CellError(f"索引号 \"{raw}\" 的机构代码与 directory.yml 中的 agency.code（{self.agency.code}）不一致")
        return raw

    def _content(self, draft: Draft, table: Table, columns: dict[str, int]) -> list[RowProblem]:
        """A row needs 正文 or an http(s) 原文链接; the body becomes Markdown (relative links against the link)."""
        link = cells.link(draft.values.pop("link", None))
        if link:
            draft.values["link"] = link
        if "body" in draft.values:
            draft.values["body"] = to_markdown(draft.values["body"], link)
        if "body" in draft.values or link:
            return []
        names = "、".join(table.headers[columns[k]].strip() for k in ("body", "link") if k in columns) or "正文或原文链接"
        return [RowProblem(draft.where, names, "条目需要正文，或以 http:// 或 https:// 开头的原文链接（网址）")]
