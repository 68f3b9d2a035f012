"""Checks for single values of a YAML-with-positions file (directory.yml, included catalogue files,
annual reports); each returns the clean value or None after reporting."""

from __future__ import annotations

import datetime
import difflib
import functools
import os
import re
import stat
import unicodedata
from typing import Any, Callable
from urllib.parse import urlsplit

from .problems import Pos
from .yamlpos import Mapping, Sequence

DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only (\d also takes "２")
# Characters that cannot stand in a file name that becomes a URL: "#" and "?" end the path, "%" starts
# an escape ("%41" is "A"), quotes and angle brackets end attributes, "\\" is no separator on the web.
URL_UNSAFE_NAME = re.compile("[#?%\"'<>\\\\`|*\x00-\x1f\x7f-\x9f\u2028\u2029]")


def half_width_hint(value: str) -> str:
    """`：请用半角…，写作 "x"` when NFKC folding (full-width digits, letters, hyphens) would make `value` ASCII."""
    folded = unicodedata.normalize("NFKC", value).replace("－", "-").replace("—", "-")
    if folded != value and folded.isascii():
        return f"：用了全角字符，请用半角数字和字母，写作 \"{folded}\""
    return ""

Report = Callable[[Pos, str, str], None]  # (where, field path, message)


def suggest(word: str, choices: list[str], aliases: dict[str, str] | None = None) -> str:
    """`，是否想写 "x"` for the closest choice (or the English key of a Chinese alias), or an empty string."""
    if aliases and aliases.get(word) in choices:
        return f"，请用英文键名 \"{aliases[word]}\""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"，是否想写 \"{close[0]}\"" if close else ""


def did_you_mean(word: str, choices: list[str]) -> str:
    """`（是否想写 "x"？）` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"（是否想写 \"{close[0]}\"？）" if close else ""


def check_keys(mapping: Mapping, allowed: list[str], required: list[str], path: str, report: Report,
               aliases: dict[str, str] | None = None) -> None:
    for key in mapping:
        if key not in allowed:
            hint = suggest(key, allowed, aliases) or f"，可用的键：{', '.join(allowed)}"
            hint += "？" if hint.startswith("，是否") else ""
            report(mapping.key_pos[key], f"{path}.{key}", f"未知的键 \"{key}\"{hint}")
    for key in required:
        if mapping.get(key) is None:
            where = mapping.key_pos.get(key, mapping.pos)
            report(where, f"{path}.{key}", f"缺少必填项 \"{key}\"")


def text(mapping: Mapping, key: str, path: str, report: Report) -> str | None:
    value = mapping.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        report(mapping.value_pos[key], f"{path}.{key}", "应为一段文字，而不是列表或键值对")
        return None
    value = value.strip()
    if not value:
        report(mapping.value_pos[key], f"{path}.{key}", "不能为空")
        return None
    return value


def date(mapping: Mapping, key: str, path: str, report: Report) -> datetime.date | None:
    value = text(mapping, key, path, report)
    if value is None:
        return None
    where = mapping.value_pos[key]
    if not DATE_PATTERN.fullmatch(value):
        hint = half_width_hint(value) or "：请写成 YYYY-MM-DD，如 2021-03-01"
        report(where, f"{path}.{key}", f"日期 \"{value}\" 格式不对{hint}")
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        report(where, f"{path}.{key}", f"日期 \"{value}\" 不存在：请写一个真实的日期")
        return None


def choice(mapping: Mapping, key: str, labels: dict[str, str], path: str, report: Report) -> str | None:
    value = text(mapping, key, path, report)
    if value is None or value in labels:
        return value
    options = "、".join(f"{k}（{v}）" for k, v in labels.items())
    by_label = {v: k for k, v in labels.items()}
    hint = f"（“{value}”请写作 {by_label[value]}）" if value in by_label else did_you_mean(value, list(labels))
    report(mapping.value_pos[key], f"{path}.{key}", f"无效的取值 \"{value}\"，可选值：{options}{hint}")
    return None


def text_list(mapping: Mapping, key: str, path: str, report: Report) -> tuple[str, ...]:
    value = mapping.get(key)
    if value is None:
        return ()
    if not isinstance(value, Sequence):
        report(mapping.value_pos[key], f"{path}.{key}", "应写成列表，如 [数据, 共享]")
        return ()
    items = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            report(value.item_pos[i], f"{path}.{key}[{i}]", "列表中的每一项都应为非空文字")
        else:
            items.append(item.strip())
    return tuple(items)


def url(mapping: Mapping, key: str, path: str, report: Report) -> str | None:
    value = text(mapping, key, path, report)
    if value is None:
        return None
    try:
        parts = urlsplit(value)
        _ = parts.port  # raises on "http://host:99999/"
    except ValueError:  # "http://[待补充]/a.html": brackets are for IPv6 addresses only
        report(mapping.value_pos[key], f"{path}.{key}", f"链接 \"{value}\" 无效：网址格式不对（方括号只能用于 IPv6 地址，"
               "端口必须是 0–65535）；还没有网址时请先删除 link，不要写占位符")
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        report(mapping.value_pos[key], f"{path}.{key}", f"链接 \"{value}\" 无效：只允许以 http:// 或 https:// 开头的完整网址")
        return None
    return value


@functools.lru_cache(maxsize=None)
def _real_folder(folder: str) -> str:
    """realpath of a folder, once per catalogue load (`forget_folders`) instead of once per file: it
    lstat()s every component of the path."""
    return os.path.realpath(folder)


def forget_folders() -> None:
    """Called at the start of each catalogue load: a folder may have become a link since the last one."""
    _real_folder.cache_clear()


def content_file(mapping: Mapping, key: str, path: str, docs_dir: str, report: Report) -> tuple[str, int] | None:
    """A file under docs_dir: returns its "/"-separated path relative to docs_dir and its size."""
    value = text(mapping, key, path, report)
    if value is None:
        return None
    where = mapping.value_pos[key]
    field_path = f"{path}.{key}"
    if "\\" in value:
        report(where, field_path, f"路径 \"{value}\" 请用“/”分隔，不要用“\\”")
        return None
    if (bad := URL_UNSAFE_NAME.search(value)) is not None:
        shown = repr(bad[0])[1:-1] if not bad[0].isprintable() else bad[0]
        report(where, field_path, f"文件名 \"{value}\" 含有“{shown}”，这个字符不能用在网址里：请给文件改名"
               "（只用中文、字母、数字、空格、-、_ 和 .）")
        return None
    if value.startswith("/") or re.match(r"^[A-Za-z]:", value) or "://" in value:
        report(where, field_path, f"路径 \"{value}\" 应是 content/ 下的相对路径，如 files/2021/a.pdf")
        return None
    root = _real_folder(docs_dir)
    full, found = _real_file(root, value)
    if not (full == root or full.startswith(os.path.join(root, ""))):
        report(where, field_path, f"路径 \"{value}\" 超出了 content/ 目录：文件必须放在 content/ 里")
        return None
    if found is None or not stat.S_ISREG(found.st_mode):
        report(where, field_path, f"文件 \"{value}\" 不存在：请检查 content/{value} 的拼写和大小写")
        return None
    return full[len(os.path.join(root, "")):].replace(os.sep, "/"), found.st_size


def _real_file(root: str, value: str) -> tuple[str, os.stat_result | None]:
    """realpath of `value` under `root` and its stat (None: nothing there). Without ".." and with a
    file that is no link, that is the folder's (cached) realpath joined with the name: one lstat."""
    if ".." not in value.split("/"):
        folder, name = os.path.split(os.path.normpath(os.path.join(root, value)))
        full = os.path.join(_real_folder(folder), name)
        try:
            found = os.lstat(full)
        except OSError:
            return full, None
        if not stat.S_ISLNK(found.st_mode):
            return full, found
    full = os.path.realpath(os.path.join(root, value))
    try:
        return full, os.stat(full)
    except OSError:
        return full, None


def mapping_at(value: Any, where: Pos, path: str, report: Report) -> Mapping | None:
    if isinstance(value, Mapping):
        return value
    report(where, path, "应为“键: 值”形式的一组字段")
    return None


def sequence_at(value: Any, where: Pos, path: str, report: Report) -> Sequence | None:
    if isinstance(value, Sequence):
        return value
    report(where, path, "应为以“- ”开头的列表")
    return None
