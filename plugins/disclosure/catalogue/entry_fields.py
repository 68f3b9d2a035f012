"""The one list of entry fields: read by the validator, the schema test, the exports and the importer.

Each field says its YAML key, its Chinese label, whether it is required, how its value is read
(`kind`, dispatched in catalogue/entries.py), its column in catalogue.csv / catalogue.xlsx (None when
it is not a column there) and the other Chinese names it goes by in CMS exports (import headers) and
when an editor types a Chinese key by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntryField:
    key: str
    label: str  # 中文名称
    kind: str  # text | index | category | date | choice | keywords | body | url | attachments | report | interprets
    required: bool = False
    column: str | None = None  # header in catalogue.csv / catalogue.xlsx
    synonyms: tuple[str, ...] = ()  # other header names in CMS exports, best first


ENTRY_FIELDS: tuple[EntryField, ...] = (
    EntryField("index", "索引号", "index", True, "索引号", ("索引编号", "索 引 号")),
    EntryField("title", "名称", "text", True, "名称", ("信息名称", "标题", "文件名称", "文件标题", "题名", "名 称")),
    EntryField("category", "分类", "category", True, "分类", ("主题分类", "信息分类", "所属分类", "分类名称", "栏目", "所属栏目")),
    EntryField("publisher", "发布机构", "text", True, "发布机构", ("发文机关", "发文单位", "发布单位", "公开主体", "信息来源")),
    EntryField("date", "生成日期", "date", True, "生成日期", ("成文日期", "发布日期", "发文日期", "印发日期", "日期")),
    EntryField("doc_number", "文号", "text", False, "文号", ("发文字号", "发文文号", "文件编号")),
    EntryField("validity", "有效性", "choice", False, "有效性", ("效力状态", "时效性", "是否有效")),
    EntryField("keywords", "主题词", "keywords", False, "主题词", ("关键词", "关键字")),
    EntryField("summary", "内容概述", "text", False, "内容概述", ("摘要", "内容摘要", "概述", "简介")),
    EntryField("body", "正文", "body", False, None, ("正文内容", "内容", "文章内容", "全文")),
    EntryField("link", "原文链接", "url", False, None, ("链接", "网址", "原文地址", "链接地址", "URL")),
    EntryField("attachments", "附件", "attachments"),
    EntryField("published", "上网公开日期", "date", False, None, ("公开日期", "上网日期", "发布时间", "发布日期")),
    EntryField("valid_until", "有效期至", "date", False, None, ("有效期", "失效日期")),
    EntryField("report", "年度报告", "report"),
    EntryField("interprets", "解读对象", "interprets", False, "解读对象", ("解读对象索引号", "被解读文件索引号")),
)

BY_KEY: dict[str, EntryField] = {f.key: f for f in ENTRY_FIELDS}
ENTRY_KEYS: list[str] = [f.key for f in ENTRY_FIELDS]
ENTRY_REQUIRED: list[str] = [f.key for f in ENTRY_FIELDS if f.required]
CONTENT_KEYS = ("body", "link", "attachments")  # an entry needs at least one of them
EXPORT_COLUMNS: list[tuple[str, str]] = [(f.key, f.column) for f in ENTRY_FIELDS if f.column] + [("url", "网址")]

# Chinese names editors type instead of the English keys (a hint in "unknown key" messages).
CHINESE_KEYS: dict[str, str] = {
    **{name: f.key for f in ENTRY_FIELDS for name in (f.label, *f.synonyms) if not name.isascii()},
    "文件": "file", "编号": "id", "子分类": "children", "更新周期": "update_within",
}


def text_of(entry, key: str) -> str:
    """A field of an `Entry` as searchable text: "" when absent, keywords joined by spaces."""
    value = getattr(entry, key)
    if isinstance(value, tuple):
        return " ".join(value)
    return "" if value is None else str(value)
