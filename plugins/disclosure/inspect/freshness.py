"""单项否决 rules on freshness: 首页不更新, 栏目不更新, 空白栏目 — judged as of one day.

"As of" a day, an entry exists when it was online by then: its 上网公开日期 (`published`) or, without
one, its date. Each stale or blank column is a finding; the findings become vetoes when their count
reaches the threshold of the indicators (settings).
"""

from __future__ import annotations

import datetime

from ..catalogue.model import Catalogue, Category, Entry
from .findings import Finding
from .settings import InspectSettings


def online(entry: Entry) -> datetime.date:
    return entry.published or entry.date


def existing(catalogue: Catalogue, as_of: datetime.date) -> list[Entry]:
    return [entry for entry in catalogue.entries if online(entry) <= as_of]


def newest_by_category(catalogue: Catalogue, entries: list[Entry]) -> dict[str, datetime.date]:
    """Category id → the newest online date in its subtree."""
    newest: dict[str, datetime.date] = {}
    for entry in entries:
        for category in catalogue.category_path(entry.category):
            if category.id not in newest or online(entry) > newest[category.id]:
                newest[category.id] = online(entry)
    return newest


def homepage(entries: list[Entry], as_of: datetime.date, settings: InspectSettings) -> list[Finding]:
    """The column home lists the newest entries: nothing new for `home_update_days` is a veto."""
    days = settings.home_update_days
    newest = max((online(e) for e in entries), default=None)
    if newest is not None and (as_of - newest).days <= days:
        return []
    said = f"最新一条信息是 {newest}，距 {as_of} 已 {(as_of - newest).days} 天" if newest else "目录中还没有任何信息"
    return [Finding("homepage_not_updated", f"首页超过 {days} 天没有新信息：{said}", True, place="index.html")]


def columns(catalogue: Catalogue, newest: dict[str, datetime.date], as_of: datetime.date,
            settings: InspectSettings) -> list[Finding]:
    """Categories with `update_within` whose newest entry is older than that; blank ones are left to blank_columns."""
    short: list[tuple[Category, int, datetime.date]] = []
    long: list[tuple[Category, int, datetime.date]] = []
    for category in catalogue.walk_categories():
        if category.update_within is None or category.id not in newest:
            continue
        age = (as_of - newest[category.id]).days
        if age > category.update_within:
            group = short if category.update_within <= settings.long_window_days else long
            group.append((category, age, newest[category.id]))
    return (_stale(short, settings.stale_columns_veto, "动态要闻、通知公告、政策文件类")
            + _stale(long, settings.long_stale_columns_veto, "应更新"))


def _stale(found: list[tuple[Category, int, datetime.date]], threshold: int, kind: str) -> list[Finding]:
    veto = len(found) >= threshold
    note = f"（{kind}栏目共 {len(found)} 个未按期更新，达到 {threshold} 个即单项否决）"
    return [Finding("column_not_updated",
                    f"栏目“{category.title}”（{category.id}）最新信息是 {newest}，已 {age} 天未更新，"
                    f"超过更新周期 {category.update_within} 天{note}", veto, category.pos)
            for category, age, newest in found]


def blank_columns(catalogue: Catalogue, newest: dict[str, datetime.date], settings: InspectSettings) -> list[Finding]:
    """Leaf categories (and mandatory ones) without any entry; 5 or more is a veto."""
    blank = [c for c in catalogue.walk_categories() if not c.children and c.id not in newest]
    veto = len(blank) >= settings.blank_columns_veto
    note = f"（空白栏目共 {len(blank)} 个，达到 {settings.blank_columns_veto} 个即单项否决）"
    findings = [Finding("blank_column", f"栏目“{c.title}”（{c.id}）没有任何信息{note}", veto, c.pos) for c in blank]
    for category_id in settings.mandatory_categories:
        category = catalogue.by_category.get(category_id)
        if category is None:
            findings.append(Finding("blank_column", f"设置的必须公开栏目 \"{category_id}\" 在分类树中不存在", False, place=category_id))
        elif category.children and category_id not in newest:
            findings.append(Finding("blank_column", f"必须公开的栏目“{category.title}”（{category_id}）没有任何信息", veto, category.pos))
    return findings
