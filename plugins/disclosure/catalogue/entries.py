"""One `entries:` list (of directory.yml or of an included file) → Entry objects, every problem reported.

Which reader handles a field comes from its `kind` in entry_fields.py; index numbers are checked for
uniqueness across all files through the shared `seen` map, and `interprets:` once every file is read.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from .. import values
from ..problems import Pos
from ..yamlpos import Mapping
from .entry_fields import CHINESE_KEYS, CONTENT_KEYS, ENTRY_FIELDS, ENTRY_KEYS, ENTRY_REQUIRED
from .model import VALIDITY_LABELS, Agency, Attachment, Category, Entry

ATTACHMENT_KEYS = ["title", "file"]
INDEX = re.compile(r"(?P<code>[0-9A-Za-z]+)/(?P<year>[0-9]{4})-(?P<seq>[0-9]+)")  # ASCII only: "２" is no digit here
EXAMPLE_CODE = "11440100MB2C00000X"


class EntryReader:
    """Reads entries for one catalogue; `seen` maps each index number to where it was first written."""

    def __init__(self, report: values.Report, docs_dir: str, agency: Agency | None,
                 by_category: dict[str, Category], warn: values.Report | None = None) -> None:
        self.sink = report
        self.warn = warn or (lambda where, path, message: None)
        self.docs_dir = docs_dir
        self.agency = agency
        self.by_category = by_category
        self.seen: dict[str, Pos] = {}
        self.relations: list[tuple[Entry, str]] = []  # (entry with interprets, its field path)
        self.reported = 0
        self.readers: dict[str, Callable[[Mapping, str, str], Any]] = {
            "text": lambda node, key, path: values.text(node, key, path, self.report),
            "date": lambda node, key, path: values.date(node, key, path, self.report),
            "choice": lambda node, key, path: values.choice(node, key, VALIDITY_LABELS, path, self.report),
            "keywords": lambda node, key, path: values.text_list(node, key, path, self.report),
            "url": lambda node, key, path: values.url(node, key, path, self.report),
            "interprets": lambda node, key, path: values.text(node, key, path, self.report),
            "index": self.index, "category": self.category, "body": self.body,
            "attachments": self.attachments, "report": self.report_file,
        }

    def read_list(self, value: object, where: Pos, path: str = "entries") -> list[Entry]:
        items = values.sequence_at(value, where, path, self.report)
        result: list[Entry] = []
        for i, item in enumerate(items or []):
            entry = self.entry(item, items.item_pos[i], f"{path}[{i}]")  # type: ignore[union-attr]
            index = item.get("index") if isinstance(item, Mapping) else None
            if not isinstance(index, str):
                continue
            where_index = item.value_pos["index"]
            if index in self.seen:
                first = self.seen[index]
                place = f"第 {first.line} 行" if first.file == where_index.file else f"{first.file} 第 {first.line} 行"
                self.report(where_index, f"{path}[{i}].index", f"索引号 \"{index}\" 重复（{place}已使用）：每个条目的索引号必须唯一")
            elif entry is not None:
                result.append(entry)
                if entry.interprets is not None:
                    self.relations.append((entry, f"{path}[{i}].interprets"))
            self.seen.setdefault(index, where_index)
        return result

    def check_relations(self) -> None:
        """`interprets:` must name another entry of the catalogue (in any file)."""
        for entry, path in self.relations:
            target = entry.interprets
            if target == entry.index:
                self.report(entry.pos_of("interprets"), path, "解读对象不能是条目自己：请写被解读文件的索引号")
            elif target not in self.seen:
                self.report(entry.pos_of("interprets"), path,
                            f"未知索引号 \"{target}\"：解读对象必须是目录中已有条目的索引号")

    def entry(self, item: object, where: Pos, path: str) -> Entry | None:
        node = values.mapping_at(item, where, path, self.report)
        if node is None:
            return None
        before = self.reported
        values.check_keys(node, ENTRY_KEYS, ENTRY_REQUIRED, path, self.report, CHINESE_KEYS)
        fields = {f.key: self.readers[f.kind](node, f.key, path) for f in ENTRY_FIELDS}
        self.check_year(fields.get("index"), fields.get("date"), node, path)
        if not any(node.get(key) for key in CONTENT_KEYS):
            self.report(node.pos, path, "条目至少要有 body（正文）、link（链接）或 attachments（附件）之一")
        if self.reported > before:
            return None
        line = node.pos.line
        places = {key: (pos.line - line, pos.col) for key, pos in node.value_pos.items()}
        return Entry(pos=node.pos, field_places=places, **fields)

    def report(self, where: Pos, path: str, message: str) -> None:
        self.reported += 1
        self.sink(where, path, message)

    def index(self, node: Mapping, key: str, path: str) -> str | None:
        value = values.text(node, key, path, self.report)
        if value is None:
            return None
        match = INDEX.fullmatch(value)
        where = node.value_pos[key]
        code = self.agency.code if self.agency else EXAMPLE_CODE
        if not match:
            hint = values.half_width_hint(value) or f"：应为“机构代码/年份-序号”，如 {code}/2021-00001"
            self.report(where, f"{path}.index", f"索引号 \"{value}\" 格式不对{hint}")
            return None
        if self.agency is not None and match["code"] != self.agency.code:
            self.report(where, f"{path}.index", f"索引号 \"{value}\" 的机构代码应与 agency.code 一致：{self.agency.code}")
            return None
        return value

    def check_year(self, index: object, date: object, node: Mapping, path: str) -> None:
        """The year in the index number is the year the document was made: far from `date` is an error
        (1066 for 2021 is a typo), one year apart a warning (a document of 31 December filed in January)."""
        if not isinstance(index, str) or not hasattr(date, "year"):
            return
        year = int(INDEX.fullmatch(index)["year"])  # type: ignore[index]
        gap = abs(year - date.year)  # type: ignore[attr-defined]
        message = f"索引号中的年份 {year} 与生成日期 {date} 的年份 {date.year} 相差 {gap} 年"  # type: ignore[attr-defined]
        if gap >= 2:
            self.report(node.value_pos["index"], f"{path}.index", f"{message}：请核对索引号或日期")
        elif gap == 1:
            self.warn(node.value_pos["index"], f"{path}.index", f"{message}：如是跨年登记可以不改，否则请核对")

    def category(self, node: Mapping, key: str, path: str) -> str | None:
        value = values.text(node, key, path, self.report)
        if value is None or value in self.by_category:
            return value
        ids = list(self.by_category)
        options = ", ".join(ids) if len(ids) <= 15 else ", ".join(ids[:15]) + " …"
        self.report(node.value_pos[key], f"{path}.category",
                    f"未知分类 \"{value}\"，可选值：{options}{values.did_you_mean(value, ids)}")
        return None

    def body(self, node: Mapping, key: str, path: str) -> str | None:
        return self._content_file(node, key, path, ".md", "正文 \"{}\" 应是 Markdown 文件（.md）；其他文件请放在 attachments 里")

    def report_file(self, node: Mapping, key: str, path: str) -> str | None:
        """`report:` names an annual report's data; its contents are checked by the project loader."""
        return self._content_file(node, key, path, (".yml", ".yaml"),
                                  "年度报告数据 \"{}\" 应是 YAML 文件（.yml）；报告的文字部分请写在 body 里")

    def _content_file(self, node: Mapping, key: str, path: str, suffix: str | tuple[str, ...], message: str) -> str | None:
        found = values.content_file(node, key, path, self.docs_dir, self.report)
        if found is None:
            return None
        if not found[0].endswith(suffix):
            self.report(node.value_pos[key], f"{path}.{key}", message.format(found[0]))
            return None
        return found[0]

    def attachments(self, node: Mapping, key: str, path: str) -> tuple[Attachment, ...]:
        if node.get(key) is None:
            return ()
        items = values.sequence_at(node[key], node.value_pos[key], f"{path}.{key}", self.report)
        result = []
        for i, item in enumerate(items or []):
            item_path = f"{path}.{key}[{i}]"
            mapping = values.mapping_at(item, items.item_pos[i], item_path, self.report)  # type: ignore[union-attr]
            if mapping is None:
                continue
            values.check_keys(mapping, ATTACHMENT_KEYS, ["file"], item_path, self.report)
            title = values.text(mapping, "title", item_path, self.report)
            found = values.content_file(mapping, "file", item_path, self.docs_dir, self.report)
            if found is not None:
                file, size = found
                result.append(Attachment(title or file.rsplit("/", 1)[-1], file, size, mapping.value_pos["file"]))
        return tuple(result)
