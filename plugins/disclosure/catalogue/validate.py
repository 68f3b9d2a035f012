"""directory.yml (format v1) → a Catalogue, or every problem found in it."""

from __future__ import annotations

import re

from ..problems import FILE_LEVEL, Problem, ProblemsError
from . import fields
from .load import LoadError, Mapping, Sequence, load_yaml
from .model import VALIDITY_LABELS, Agency, Attachment, Catalogue, Category, Entry, Pos

TOP_KEYS = ["version", "agency", "categories", "entries"]
AGENCY_KEYS = ["name", "code", "address", "phone", "postcode", "icp", "police_record", "site_code"]
CATEGORY_KEYS = ["id", "title", "children"]
ENTRY_KEYS = [
    "index", "title", "category", "publisher", "date", "doc_number", "validity", "keywords",
    "summary", "body", "link", "attachments", "published", "valid_until", "report",
]
ENTRY_REQUIRED = ["index", "title", "category", "publisher", "date"]
ATTACHMENT_KEYS = ["title", "file"]
CATEGORY_ID = re.compile(r"^[a-z0-9-]+$")
AGENCY_CODE = re.compile(r"^[0-9A-Za-z]+$")
INDEX = re.compile(r"^(?P<code>[0-9A-Za-z]+)/(?P<year>\d{4})-(?P<seq>\d+)$")


def load_catalogue(path: str, display: str, docs_dir: str) -> Catalogue:
    """Read and validate the catalogue at `path`; `display` is how messages name the file."""
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError as error:
        raise ProblemsError([Problem(display, 1, 1, FILE_LEVEL, f"无法读取目录文件：{error.strerror}")]) from None
    validator = _Validator(display, docs_dir)
    try:
        root = load_yaml(data, display, validator.problems)
    except LoadError as error:
        raise ProblemsError(error.problems) from None
    return validator.catalogue(root)


class _Validator:
    def __init__(self, file: str, docs_dir: str) -> None:
        self.file = file
        self.docs_dir = docs_dir
        self.problems: list[Problem] = []

    def report(self, where: Pos, path: str, message: str) -> None:
        self.problems.append(Problem(where.file, where.line, where.col, path, message))

    def catalogue(self, root: object) -> Catalogue:
        top = fields.mapping_at(root, Pos(self.file, 1, 1), FILE_LEVEL, self.report)
        if top is None:
            raise ProblemsError(self.problems)
        fields.check_keys(top, TOP_KEYS, ["agency", "categories", "entries"], "", self.report)
        version = fields.text(top, "version", "", self.report)
        if version is not None and version != "1":
            self.report(top.value_pos["version"], "version", f"不支持的格式版本 \"{version}\"：目前只支持 1")
        agency = self.agency(top)
        categories = self.categories(top.get("categories"), top.value_pos.get("categories", top.pos))
        by_category = {c.id: c for root in categories for c in root.walk()}
        entries = self.entries(top, agency, by_category)
        if self.problems:
            raise ProblemsError(self.problems)
        assert agency is not None
        entries.sort(key=lambda e: (e.date, e.index), reverse=True)
        return Catalogue(
            source=self.file, agency=agency, categories=tuple(categories), entries=tuple(entries),
            by_index={e.index: e for e in entries}, by_category=by_category,
        )

    def agency(self, top: Mapping) -> Agency | None:
        if "agency" not in top:
            return None
        node = fields.mapping_at(top["agency"], top.value_pos["agency"], "agency", self.report)
        if node is None:
            return None
        fields.check_keys(node, AGENCY_KEYS, ["name", "code"], "agency", self.report)
        values = {key: fields.text(node, key, "agency", self.report) for key in AGENCY_KEYS}
        code = values["code"]
        if code is not None and not AGENCY_CODE.match(code):
            self.report(node.value_pos["code"], "agency.code", f"机构代码 \"{code}\" 只能由字母和数字组成")
            return None
        if values["name"] is None or code is None:
            return None
        return Agency(**values)  # type: ignore[arg-type]

    def categories(self, value: object, where: Pos, path: str = "categories", parent: str | None = None,
                   seen: dict[str, Pos] | None = None) -> list[Category]:
        seen = {} if seen is None else seen
        items = fields.sequence_at(value, where, path, self.report) if value is not None else None
        result: list[Category] = []
        for i, item in enumerate(items or []):
            category = self.category(item, items.item_pos[i], f"{path}[{i}]", parent, seen)  # type: ignore[union-attr]
            if category is not None:
                result.append(category)
        return result

    def category(self, item: object, where: Pos, path: str, parent: str | None, seen: dict[str, Pos]) -> Category | None:
        node = fields.mapping_at(item, where, path, self.report)
        if node is None:
            return None
        fields.check_keys(node, CATEGORY_KEYS, ["id", "title"], path, self.report)
        category_id = fields.text(node, "id", path, self.report)
        title = fields.text(node, "title", path, self.report)
        if category_id is not None:
            id_pos = node.value_pos["id"]
            if not CATEGORY_ID.match(category_id):
                self.report(id_pos, f"{path}.id", f"分类编号 \"{category_id}\" 只能用小写字母、数字和“-”（它会出现在网址里）")
                category_id = None
            elif category_id in seen:
                self.report(id_pos, f"{path}.id", f"分类编号 \"{category_id}\" 重复（第 {seen[category_id].line} 行已使用）：编号在整棵分类树中必须唯一")
                category_id = None
            else:
                seen[category_id] = id_pos
        children = self.categories(node.get("children"), node.value_pos.get("children", node.pos),
                                   f"{path}.children", category_id, seen)
        if category_id is None or title is None:
            return None
        return Category(category_id, title, parent, tuple(children), node.key_pos["id"])

    def entries(self, top: Mapping, agency: Agency | None, by_category: dict[str, Category]) -> list[Entry]:
        if top.get("entries") is None:
            return []
        items = fields.sequence_at(top["entries"], top.value_pos["entries"], "entries", self.report)
        result: list[Entry] = []
        first_seen: dict[str, Pos] = {}
        for i, item in enumerate(items or []):
            entry = self.entry(item, items.item_pos[i], f"entries[{i}]", agency, by_category)  # type: ignore[union-attr]
            index = item.get("index") if isinstance(item, Mapping) else None
            if not isinstance(index, str):
                continue
            if index in first_seen:
                message = f"索引号 \"{index}\" 重复（第 {first_seen[index].line} 行已使用）：每个条目的索引号必须唯一"
                self.report(item.value_pos["index"], f"entries[{i}].index", message)
            elif entry is not None:
                result.append(entry)
            first_seen.setdefault(index, item.value_pos["index"])
        return result

    def entry(self, item: object, where: Pos, path: str, agency: Agency | None,
              by_category: dict[str, Category]) -> Entry | None:
        node = fields.mapping_at(item, where, path, self.report)
        if node is None:
            return None
        before = len(self.problems)
        fields.check_keys(node, ENTRY_KEYS, ENTRY_REQUIRED, path, self.report)
        values = {
            "index": self.index(node, path, agency),
            "title": fields.text(node, "title", path, self.report),
            "category": self.category_ref(node, path, by_category),
            "publisher": fields.text(node, "publisher", path, self.report),
            "date": fields.date(node, "date", path, self.report),
            "doc_number": fields.text(node, "doc_number", path, self.report),
            "validity": fields.choice(node, "validity", VALIDITY_LABELS, path, self.report),
            "keywords": fields.text_list(node, "keywords", path, self.report),
            "summary": fields.text(node, "summary", path, self.report),
            "body": self.body(node, path),
            "link": fields.url(node, "link", path, self.report),
            "attachments": self.attachments(node, path),
            "published": fields.date(node, "published", path, self.report),
            "valid_until": fields.date(node, "valid_until", path, self.report),
            "report": self.report_file(node, path),
        }
        if not any(node.get(key) for key in ("body", "link", "attachments")):
            self.report(node.pos, path, "条目至少要有 body（正文）、link（链接）或 attachments（附件）之一")
        if len(self.problems) > before:
            return None
        return Entry(pos=node.pos, field_pos=dict(node.value_pos), **values)  # type: ignore[arg-type]

    def index(self, node: Mapping, path: str, agency: Agency | None) -> str | None:
        value = fields.text(node, "index", path, self.report)
        if value is None:
            return None
        match = INDEX.match(value)
        where = node.value_pos["index"]
        if not match:
            self.report(where, f"{path}.index", f"索引号 \"{value}\" 格式不对：应为“机构代码/年份-序号”，如 {agency.code if agency else '11440100MB2C00000X'}/2021-00001")
            return None
        if agency is not None and match["code"] != agency.code:
            self.report(where, f"{path}.index", f"索引号 \"{value}\" 的机构代码应与 agency.code 一致：{agency.code}")
            return None
        return value

    def category_ref(self, node: Mapping, path: str, by_category: dict[str, Category]) -> str | None:
        value = fields.text(node, "category", path, self.report)
        if value is None or value in by_category:
            return value
        ids = list(by_category)
        options = ", ".join(ids) if len(ids) <= 15 else ", ".join(ids[:15]) + " …"
        self.report(node.value_pos["category"], f"{path}.category",
                    f"未知分类 \"{value}\"，可选值：{options}{fields.did_you_mean(value, ids)}")
        return None

    def body(self, node: Mapping, path: str) -> str | None:
        found = fields.content_file(node, "body", path, self.docs_dir, self.report)
        if found is None:
            return None
        if not found[0].endswith(".md"):
            self.report(node.value_pos["body"], f"{path}.body", f"正文 \"{found[0]}\" 应是 Markdown 文件（.md）；其他文件请放在 attachments 里")
            return None
        return found[0]

    def report_file(self, node: Mapping, path: str) -> str | None:
        """`report:` names an annual report's data; its own problems (sums included) are collected too."""
        from ..reports.field import check_report_field
        found = fields.content_file(node, "report", path, self.docs_dir, self.report)
        if found is None:
            return None
        problems = check_report_field(self.docs_dir, found[0], node.value_pos["report"], f"{path}.report")
        self.problems += problems
        return None if problems else found[0]

    def attachments(self, node: Mapping, path: str) -> tuple[Attachment, ...]:
        if node.get("attachments") is None:
            return ()
        items = fields.sequence_at(node["attachments"], node.value_pos["attachments"], f"{path}.attachments", self.report)
        result = []
        for i, item in enumerate(items or []):
            item_path = f"{path}.attachments[{i}]"
            mapping = fields.mapping_at(item, items.item_pos[i], item_path, self.report)  # type: ignore[union-attr]
            if mapping is None:
                continue
            fields.check_keys(mapping, ATTACHMENT_KEYS, ["file"], item_path, self.report)
            title = fields.text(mapping, "title", item_path, self.report)
            found = fields.content_file(mapping, "file", item_path, self.docs_dir, self.report)
            if found is not None:
                file, size = found
                result.append(Attachment(title or file.rsplit("/", 1)[-1], file, size, mapping.value_pos["file"]))
        return tuple(result)
