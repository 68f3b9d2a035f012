"""Compliance rules over the catalogue (`disclosure report`): each broken rule is a Finding."""

from __future__ import annotations

import datetime
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field

from ..catalogue.model import Catalogue, Entry, Pos
from .miswritings import find_miswritings
from .workdays import workdays_between

RULES = {
    "late": "公开不及时", "normative_fields": "规范性文件缺少文号或有效性", "expired_in_force": "超过有效期仍标为有效",
    "empty_category": "必须公开的栏目为空", "duplicate_title": "标题重复", "miswriting": "错别字",
    "dead_link": "失效链接",
}


@dataclass(frozen=True)
class Settings:
    year: int | None = None
    today: datetime.date = field(default_factory=datetime.date.today)
    deadline: int = 20  # working days, 《政府信息公开条例》第二十六条
    normative: tuple[str, ...] = ()  # category ids of normative documents; default: titles with 规范性文件
    mandatory: tuple[str, ...] = ()  # category ids that must not be empty
    miswritings: dict[str, str] = field(default_factory=dict)
    links_result: str | None = None  # JSON written by `disclosure links --format json`


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    index: str | None = None
    pos: Pos | None = None

    @property
    def label(self) -> str:
        return RULES[self.rule]


def check_compliance(catalogue: Catalogue, settings: Settings) -> list[Finding]:
    entries = [e for e in catalogue.entries if settings.year is None or e.year == settings.year]
    entries.sort(key=lambda e: (e.pos.line, e.pos.col))
    findings = [f for entry in entries for f in _late(entry, settings)]
    findings += _normative(catalogue, entries, settings)
    findings += [f for entry in entries for f in _expired(entry, settings)]
    findings += _empty_categories(catalogue, entries, settings)
    findings += _duplicates(entries)
    findings += [f for entry in entries for f in _miswritten(entry, settings)]
    findings += _dead_links(catalogue, settings)
    return findings


def _late(entry: Entry, settings: Settings) -> list[Finding]:
    if entry.published is None or entry.published <= entry.date:
        return []
    days, known = workdays_between(entry.date, entry.published)
    if days <= settings.deadline:
        return []
    note = "" if known else "（节假日数据未覆盖该年份，按周一至周五计算）"
    message = (f"上网公开日期 {entry.published} 比生成日期 {entry.date} 晚 {days} 个工作日{note}："
               f"应在 {settings.deadline} 个工作日内公开（《政府信息公开条例》第二十六条）")
    return [Finding("late", message, entry.index, entry.pos_of("published"))]


def normative_ids(catalogue: Catalogue, settings: Settings) -> set[str]:
    roots = settings.normative or tuple(c.id for c in catalogue.walk_categories() if "规范性文件" in c.title)
    return {i for root in roots if root in catalogue.by_category for i in catalogue.subtree_ids(root)}


def _normative(catalogue: Catalogue, entries: list[Entry], settings: Settings) -> list[Finding]:
    ids = normative_ids(catalogue, settings)
    findings = []
    for entry in (e for e in entries if e.category in ids):
        missing = [label for key, label in (("doc_number", "文号（doc_number）"), ("validity", "有效性（validity）"))
                   if getattr(entry, key) is None]
        if missing:
            message = f"规范性文件“{entry.title}”缺少{'和'.join(missing)}：规范性文件应标明文号和有效性"
            findings.append(Finding("normative_fields", message, entry.index, entry.pos))
    return findings


def _expired(entry: Entry, settings: Settings) -> list[Finding]:
    if entry.validity != "in_force" or entry.valid_until is None or entry.valid_until >= settings.today:
        return []
    message = f"有效期至 {entry.valid_until}，已过期但有效性仍为 in_force（有效）：请改为 expired（失效）或更新有效期"
    return [Finding("expired_in_force", message, entry.index, entry.pos_of("validity"))]


def _empty_categories(catalogue: Catalogue, entries: list[Entry], settings: Settings) -> list[Finding]:
    findings = []
    for category_id in settings.mandatory:
        if category_id not in catalogue.by_category:
            findings.append(Finding("empty_category", f"配置的必须公开栏目 \"{category_id}\" 在分类树中不存在"))
            continue
        subtree = catalogue.subtree_ids(category_id)
        if not any(e.category in subtree for e in entries):
            category = catalogue.by_category[category_id]
            scope = f"{settings.year} 年" if settings.year else "目录中"
            findings.append(Finding("empty_category", f"必须公开的栏目“{category.title}”（{category_id}）{scope}没有任何条目",
                                    None, category.pos))
    return findings


def _duplicates(entries: list[Entry]) -> list[Finding]:
    by_title: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_title["".join(entry.title.split())].append(entry)
    findings = []
    for group in (g for g in by_title.values() if len(g) > 1):
        first = group[0]
        for entry in group[1:]:
            if first.doc_number and entry.doc_number and first.doc_number != entry.doc_number:
                continue  # a document re-issued under a new number (修订) keeps its title
            message = f"标题“{entry.title}”与 {first.index}（第 {first.pos.line} 行）重复：同一文件请勿重复发布，不同文件请区分标题"
            findings.append(Finding("duplicate_title", message, entry.index, entry.pos_of("title")))
    return findings


def _miswritten(entry: Entry, settings: Settings) -> list[Finding]:
    findings = []
    for key, label in (("title", "标题"), ("summary", "内容概述")):
        text = getattr(entry, key) or ""
        for wrong, right in find_miswritings(text, settings.miswritings):
            findings.append(Finding("miswriting", f"{label}中的“{wrong}”应为“{right}”", entry.index, entry.pos_of(key)))
    return findings


def _dead_links(catalogue: Catalogue, settings: Settings) -> list[Finding]:
    if not settings.links_result or not os.path.isfile(settings.links_result):
        return []
    try:
        with open(settings.links_result, encoding="utf-8") as stream:
            broken = json.load(stream).get("broken", [])
    except (OSError, ValueError, AttributeError):
        return [Finding("dead_link", f"无法读取链接检查结果 {settings.links_result}：请用 disclosure links --format json 重新生成")]
    by_slug = {entry.slug: entry for entry in catalogue.entries}
    findings = []
    for item in broken:
        page = str(item.get("page", ""))
        entry = next((by_slug[part] for part in page.split("/") if part in by_slug), None)
        where = f"（见 {item['source']}）" if item.get("source") else ""
        message = f"页面 {page} 中的链接 {item.get('url')} 失效：{item.get('reason', '')}{where}"
        findings.append(Finding("dead_link", message, entry.index if entry else None, entry.pos if entry else None))
    return findings
