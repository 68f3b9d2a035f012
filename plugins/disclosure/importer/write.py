"""Drafts → files: entries appended to per-year included files (`catalogue/<year>.yml`), bodies
under `content/<prefix>/<year>/`, `include:` added to directory.yml when it has none. Everything is
planned in memory first, then written; if the project does not validate afterwards, every file is
put back as it was (all or nothing)."""

from __future__ import annotations

import fnmatch
import json
import os
import re
from dataclasses import dataclass, field

from ..catalogue.entry_fields import ENTRY_KEYS
from ..project import Project, check_project
from ..problems import Problem
from .rows import Draft

DEFAULT_PATTERN = "catalogue/*.yml"
SCHEMA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "catalogue", "include.schema.json")
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")


class PlanError(Exception):
    """The project's layout cannot take the new files (a usage error)."""


@dataclass
class Plan:
    files: dict[str, str] = field(default_factory=dict)  # absolute path → new full text
    added: dict[str, int] = field(default_factory=dict)  # catalogue file → entries added
    bodies: int = 0


def plan(project: Project, drafts: list[Draft]) -> Plan:
    result = Plan()
    patterns = list(project.include) or [DEFAULT_PATTERN]
    if not project.include:
        result.files[project.directory] = _with_include(_read(project.directory))
    for draft in sorted(drafts, key=lambda d: d.index):
        if "body" in draft.values:
            draft.values["body"] = _body_file(project, draft, result)
        target = _year_file(project, patterns, draft.year)
        text = result.files.get(target) or _read(target) or _new_file(target, project.root)
        result.files[target] = _append(text, _entry_yaml(draft.values))
        result.added[target] = result.added.get(target, 0) + 1
    return result


def write(project: Project, result: Plan, config_file: str) -> list[Problem]:
    """Write the plan; returns the project's problems afterwards (then nothing stays written)."""
    before = {path: _read_bytes(path) for path in result.files}
    try:
        for path, text in result.files.items():
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        _, problems = check_project(config_file)
    except BaseException:
        _restore(before)
        raise
    if problems:
        _restore(before)
    return problems


def _restore(before: dict[str, bytes | None]) -> None:
    for path, data in before.items():
        if data is None:
            if os.path.exists(path):
                os.remove(path)
        else:
            with open(path, "wb") as stream:
                stream.write(data)


def _year_file(project: Project, patterns: list[str], year: str) -> str:
    for path in project.files[1:]:
        if os.path.splitext(os.path.basename(path))[0] == year:
            return path
    base = os.path.dirname(project.directory)
    for pattern in patterns:
        folder, _, name = pattern.rpartition("/")
        if "*" in folder or "?" in folder or "[" in folder:
            continue
        candidate = f"{folder}/{year}.yml" if folder else f"{year}.yml"
        if fnmatch.fnmatch(candidate, pattern):
            return os.path.join(base, *candidate.split("/"))
    raise PlanError(f"directory.yml 的 include: 中没有能包含 “<文件夹>/{year}.yml” 的模式：请加入一行 - {DEFAULT_PATTERN}")


def _body_file(project: Project, draft: Draft, result: Plan) -> str:
    """Write the Markdown body at `<prefix>/<year>/<sequence>.md` (a free name); returns its content path."""
    sequence = draft.index.rsplit("-", 1)[1]
    folder = f"{project.options.prefix.strip('/')}/{draft.year}"
    name, n = f"{folder}/{sequence}.md", 1
    while os.path.exists(os.path.join(project.docs_dir, name)) or os.path.join(project.docs_dir, name) in result.files:
        n += 1
        name = f"{folder}/{sequence}-{n}.md"
    result.files[os.path.join(project.docs_dir, *name.split("/"))] = draft.values["body"]
    result.bodies += 1
    return name


def _new_file(path: str, root: str) -> str:
    """A new included file; with the schema header when the package lives in the project (editable install)."""
    header = ""
    if os.path.commonpath([os.path.realpath(root), os.path.realpath(SCHEMA)]) == os.path.realpath(root):
        relative = os.path.relpath(SCHEMA, os.path.dirname(path)).replace(os.sep, "/")
        header = f"# yaml-language-server: $schema={relative}\n"
    return header + "# 由 disclosure import 导入的目录条目（directory.yml 的 include: 包含本文件）。\n\nentries:\n"


def _append(text: str, block: str) -> str:
    text = re.sub(r"(?m)^entries:\s*(\[\s*\])?\s*$", "entries:", text, count=1)
    return text.rstrip("\n") + "\n\n" + block if not text.rstrip().endswith("entries:") else text.rstrip("\n") + "\n" + block


def _with_include(text: str | None) -> str:
    return (text or "").rstrip("\n") + f"\n\n# 条目：按年份写在 catalogue/ 下的文件里\ninclude:\n  - {DEFAULT_PATTERN}\n"


def _entry_yaml(values: dict) -> str:
    lines: list[str] = []
    for key in ENTRY_KEYS:
        value = values.get(key)
        if value is None or value == ():
            continue
        if isinstance(value, tuple):
            rendered = "[" + ", ".join(_scalar(v, flow=True) for v in value) + "]"
        else:
            rendered = _scalar(value.isoformat() if hasattr(value, "isoformat") else str(value))
        lines.append(f"{'  - ' if not lines else '    '}{key}: {rendered}")
    return "\n".join(lines) + "\n"


def _scalar(value: str, flow: bool = False) -> str:
    """A plain YAML scalar when that reads back as the same text, else a double-quoted one."""
    unsafe = ": " in value or " #" in value or value != value.strip() or value.lower() in ("null", "~")
    if flow:
        unsafe = unsafe or any(c in value for c in ",[]{}")
    if _PLAIN.match(value) and not unsafe and not value.endswith(":"):
        return value
    return json.dumps(value, ensure_ascii=False)


def _read(path: str) -> str | None:
    data = _read_bytes(path)
    return data.decode("utf-8-sig") if data is not None else None


def _read_bytes(path: str) -> bytes | None:
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except FileNotFoundError:
        return None
