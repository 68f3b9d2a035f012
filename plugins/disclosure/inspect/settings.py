"""Settings of the self-inspection: `extra: disclosure_inspect:` in mkdocs.yml, checked like options.

`extra: disclosure_report:` (the settings of the old `disclosure report`) is read when the new key is
absent. Every wrong value is a Chinese message naming mkdocs.yml, its line and column and the key.
"""

from __future__ import annotations

import collections.abc
import datetime
import os
import re
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..problems import Pos, Problem, display_path
from ..yamlpos import LoadError, Mapping, load_yaml

KEYS = ("disclosure_inspect", "disclosure_report")


class InspectSettings(base.Config):
    deadline_workdays = c.Type(int, default=20)  # 《政府信息公开条例》第二十六条
    home_update_days = c.Type(int, default=14)
    stale_columns_veto = c.Type(int, default=5)  # columns with update_within ≤ long_window_days
    long_stale_columns_veto = c.Type(int, default=10)  # columns with a longer window (应更新的栏目)
    long_window_days = c.Type(int, default=180)
    blank_columns_veto = c.Type(int, default=5)
    normative_categories = c.ListOfItems(c.Type(str), default=[])  # default: titles with 规范性文件
    interpretation_categories = c.Optional(c.ListOfItems(c.Type(str)))  # default: the normative ones
    mandatory_categories = c.ListOfItems(c.Type(str), default=[])  # blank → a veto finding of its own
    miswritings = c.DictOfItems(c.Type(str), default={})
    links_result = c.Optional(c.Type(str))
    agency_kind = c.Choice(("department", "government"), default="department")
    annual_report_deadline = c.Optional(c.Type(str))  # "MM-DD"; default 01-31 or 03-31 by agency_kind
    annual_report_categories = c.ListOfItems(c.Type(str), default=[])  # default: titles with 年度报告


NAMES = [key for key, _ in InspectSettings._schema]
HINTS = {
    "list": "应写成列表，如 [normative, notices]", "dict": "应写成“错字: 正字”形式的键值对，如 {其它: 其他}",
    "int": "应为正整数，如 20", "str": "应为一段文字", "agency_kind": "可选值：department（部门）或 government（政府）",
}
KIND = {"normative_categories": "list", "interpretation_categories": "list", "mandatory_categories": "list",
        "annual_report_categories": "list", "miswritings": "dict", "links_result": "str", "agency_kind": "agency_kind",
        "annual_report_deadline": "str"}


def load_settings(extra: collections.abc.Mapping[str, Any], config_file: str) -> tuple[InspectSettings | None, list[Problem]]:
    key = next((k for k in KEYS if k in extra), KEYS[0])
    raw = extra.get(key)
    positions = _positions(config_file, key)

    def where(name: str) -> Pos:
        return positions.get(name) or positions.get("") or Pos(display_path(config_file), 1, 1)

    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return None, [Problem.at(where(""), f"extra.{key}", "应写成“设置项: 值”形式的一组设置")]
    errors = [error for name in raw if name in NAMES for error in _validate({name: raw[name]}, config_file)[0]]
    settings = InspectSettings(config_file_path=config_file)
    settings.load_dict(raw)
    if not errors:
        errors = settings.validate()[0]
    problems = [Problem.at(where(name), f"extra.{key}.{name}", f"{HINTS[KIND.get(name, 'int')]}，实为 {raw.get(name)!r}") for name, _ in errors]
    problems += [Problem.at(where(name), f"extra.{key}.{name}", f"未知的设置项 \"{name}\"，可用的设置项：{', '.join(NAMES)}")
                 for name in raw if name not in NAMES]
    problems += _ranges(settings, where, key) if not errors else []
    return (None if problems else settings), problems


def _validate(raw: dict, config_file: str):
    """MkDocs stops at the first failing option; one option at a time collects them all."""
    settings = InspectSettings(config_file_path=config_file)
    settings.load_dict(raw)
    return settings.validate()


def deadline_of(settings: InspectSettings, year: int) -> datetime.date:
    """The day by which the annual report on `year - 1` must be out (31 March for everyone before the
    2019 revision of the regulation, first applied to the 2019 reports)."""
    if year <= 2019:
        return datetime.date(year, 3, 31)
    month_day = settings.annual_report_deadline or ("03-31" if settings.agency_kind == "government" else "01-31")
    month, day = (int(part) for part in month_day.split("-"))
    return datetime.date(year, month, day)


def _ranges(settings: InspectSettings, where, key: str) -> list[Problem]:
    problems = []
    for name in ("deadline_workdays", "home_update_days", "stale_columns_veto", "long_stale_columns_veto",
                 "long_window_days", "blank_columns_veto"):
        if isinstance(settings[name], bool) or settings[name] < 1:
            problems.append(Problem.at(where(name), f"extra.{key}.{name}", f"{HINTS['int']}，实为 {settings[name]!r}"))
    deadline = settings.annual_report_deadline
    if deadline is not None and not _is_month_day(deadline):
        problems.append(Problem.at(where("annual_report_deadline"), f"extra.{key}.annual_report_deadline", f"应写成“月-日”，如 \"01-31\"，实为 {deadline!r}"))
    return problems


def _is_month_day(text: str) -> bool:
    if not re.fullmatch(r"\d{2}-\d{2}", text):
        return False
    try:
        datetime.date(2024, int(text[:2]), int(text[3:]))  # a leap year: 02-29 is a real day
    except ValueError:
        return False
    return True


def _positions(config_file: str, key: str) -> dict[str, Pos]:
    """Where each setting under extra.<key> is written in mkdocs.yml ("" for the section itself)."""
    try:
        with open(config_file, "rb") as stream:
            root = load_yaml(stream.read(), display_path(config_file), [])
    except (OSError, LoadError):
        return {}
    extra = root.get("extra") if isinstance(root, Mapping) else None
    if not isinstance(extra, Mapping) or key not in extra:
        return {}
    section = extra[key]
    found = {"": extra.key_pos[key]}
    if isinstance(section, Mapping):
        found.update({name: section.value_pos.get(name) or section.key_pos[name] for name in section})
    return found


def settings_path(config_file: str) -> str:
    return os.path.dirname(os.path.abspath(config_file))
