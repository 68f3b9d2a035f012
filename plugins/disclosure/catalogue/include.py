"""`include:` in directory.yml: glob patterns relative to it → the catalogue files they name.

A pattern that matches no file is an error at the pattern (a typo would otherwise drop entries
silently); a project that has no included file yet leaves `include:` out until it has one.
Patterns stay inside the folder of directory.yml; directory.yml itself is never included.
"""

from __future__ import annotations

import glob
import os

from .. import values
from ..problems import Pos
from ..yamlpos import Mapping

INCLUDE_KEYS = ["entries"]  # the only key of an included file


def include_patterns(top: Mapping, report: values.Report) -> list[tuple[str, Pos]]:
    """The patterns under `include:` (a list, or one pattern as text), each with where it was written."""
    value = top.get("include")
    if value is None:
        return []
    if isinstance(value, str):
        return [(value.strip(), top.value_pos["include"])] if value.strip() else []
    items = values.sequence_at(value, top.value_pos["include"], "include", report)
    patterns = []
    for i, item in enumerate(items or []):
        if isinstance(item, str) and item.strip():
            patterns.append((item.strip(), items.item_pos[i]))  # type: ignore[union-attr]
        else:
            report(items.item_pos[i], f"include[{i}]", "应为一个文件路径或通配模式，如 catalogue/*.yml")  # type: ignore[union-attr]
    return patterns


def expand(patterns: list[tuple[str, Pos]], catalogue_path: str, report: values.Report) -> list[str]:
    """Absolute paths of the files the patterns match, in pattern order, each file once, sorted per pattern."""
    base = os.path.dirname(os.path.abspath(catalogue_path))
    own = os.path.realpath(catalogue_path)
    found: list[str] = []
    for i, (pattern, where) in enumerate(patterns):
        path = f"include[{i}]"
        if "\\" in pattern or os.path.isabs(pattern) or pattern.startswith("~"):
            report(where, path, f"模式 \"{pattern}\" 应是相对于 directory.yml 的路径，用“/”分隔，如 catalogue/*.yml")
            continue
        matches = sorted(glob.glob(os.path.join(base, pattern), recursive=True))
        files = [m for m in matches if os.path.isfile(m) and os.path.realpath(m) != own]
        outside = [m for m in files if os.path.commonpath([base, os.path.realpath(m)]) != base]
        if outside:
            report(where, path, f"模式 \"{pattern}\" 指向了 directory.yml 所在目录之外的文件：被包含的文件必须放在该目录里")
            continue
        if not files:
            report(where, path, f"模式 \"{pattern}\" 没有匹配到任何文件：请检查路径和扩展名（如 catalogue/*.yml），或删除这一行")
            continue
        found += [os.path.abspath(f) for f in files if os.path.abspath(f) not in found]
    return found


def watched_folders(patterns: list[tuple[str, Pos]], catalogue_path: str) -> list[str]:
    """The folders `mkdocs serve` watches so that new included files rebuild the site (the project root
    itself is never one: matched files there are watched one by one)."""
    base = os.path.dirname(os.path.abspath(catalogue_path))
    folders = []
    for pattern, _ in patterns:
        fixed = pattern.split("/")[:-1]
        stop = next((i for i, part in enumerate(fixed) if glob.has_magic(part)), len(fixed))
        folder = os.path.normpath(os.path.join(base, *fixed[:stop]))
        if folder != base and folder not in folders and os.path.isdir(folder):
            folders.append(folder)
    return folders
