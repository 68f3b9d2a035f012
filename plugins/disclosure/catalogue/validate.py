"""directory.yml (format v1) and the files it includes → a Catalogue, or every problem found in them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .. import values
from ..safe_read import UnreadableFile, read_regular
from ..problems import FILE_LEVEL, Pos, Problem, ProblemsError, display_path
from ..yamlpos import LoadError, Mapping, load_yaml
from .entries import EntryReader
from .include import INCLUDE_KEYS, expand, include_patterns, watched_folders
from .model import Agency, Catalogue, Category, Entry
from .sources import Source

TOP_KEYS = ["version", "agency", "categories", "include", "entries"]
AGENCY_KEYS = ["name", "code", "address", "phone", "postcode", "icp", "police_record", "site_code"]
CATEGORY_KEYS = ["id", "title", "update_within", "children"]
CATEGORY_ID = re.compile(r"^[a-z0-9-]+$")
AGENCY_CODE = re.compile(r"^[0-9A-Za-z]+$")
DAYS = re.compile(r"^[0-9]+$")
MAX_CATALOGUE_BYTES = 256 << 20  # 100k entries take about 40 MB


@dataclass
class Loaded:
    """What reading a catalogue gave: the catalogue (None when even its head is unusable), every
    problem, the files read (absolute) and the folders whose new files could join it."""

    catalogue: Catalogue | None
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # printed, but the catalogue is still valid
    include: list[str] = field(default_factory=list)  # the patterns under `include:`, as written
    sources: list[Source] = field(default_factory=list, repr=False)  # each file's text and entries (for `reload`)
    reread: list[Entry] | None = None  # after `reload`: the entries it read again (None: all of them)


def load_catalogue(path: str, display: str, docs_dir: str) -> Catalogue:
    """The validated catalogue at `path` (`display`: how messages name it), or ProblemsError."""
    loaded = read_catalogue(path, display, docs_dir)
    if loaded.problems or loaded.catalogue is None:
        raise ProblemsError(loaded.problems)
    return loaded.catalogue


def read_catalogue(path: str, display: str, docs_dir: str) -> Loaded:
    loaded = Loaded(None, files=[path])
    values.forget_folders()
    root = _read_yaml(path, display, loaded.problems, loaded.sources)
    if root is None:
        return loaded
    report = _reporter(loaded.problems)
    top = values.mapping_at(root, Pos(display, 1, 1), FILE_LEVEL, report)
    if top is None:
        return loaded
    patterns = include_patterns(top, report)
    values.check_keys(top, TOP_KEYS, ["agency", "categories"] + ([] if patterns else ["entries"]), "", report)
    version = values.text(top, "version", "", report)
    if version is not None and version != "1":
        report(top.value_pos["version"], "version", f"不支持的格式版本 \"{version}\"：目前只支持 1")
    agency = _agency(top, report)
    categories = _categories(top.get("categories"), top.value_pos.get("categories", top.pos), report)
    by_category = {c.id: c for root in categories for c in root.walk()}
    reader = EntryReader(report, docs_dir, agency, by_category, _reporter(loaded.warnings))
    entries = reader.read_list(top["entries"], top.value_pos["entries"]) if top.get("entries") is not None else []
    loaded.sources[0].read(top, entries)
    for included in expand(patterns, path, report):
        loaded.files.append(included)
        entries += _included_entries(included, reader, loaded.problems, loaded.sources)
    reader.check_relations()
    loaded.folders = watched_folders(patterns, path)
    loaded.include = [pattern for pattern, _ in patterns]
    for source in loaded.sources:
        source.attach_warnings(loaded.warnings)
    if agency is not None:
        entries.sort(key=lambda e: (e.date, e.index), reverse=True)
        loaded.catalogue = Catalogue(
            source=display, agency=agency, categories=tuple(categories), entries=tuple(entries),
            by_index={e.index: e for e in entries}, by_category=by_category,
        )
    return loaded


def _read_yaml(path: str, display: str, problems: list[Problem], sources: list[Source]) -> object | None:
    """A catalogue file: a regular file of sane size inside its folder (a symlink to a secret elsewhere
    would print its lines in the messages; /dev/zero would never end). Its text goes to `sources`."""
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    if os.path.islink(path) and os.path.commonpath([folder, os.path.realpath(path)]) != folder:
        problems.append(Problem(display, 1, 1, FILE_LEVEL, f"目录文件是指向其所在文件夹之外的符号链接（{os.readlink(path)}）："
                                "请把文件本身放在这里"))
        return None
    data = read_catalogue_file(path, display, problems)
    if data is None:
        return None
    sources.append(Source(path, display, data))
    try:
        return load_yaml(data, display, problems)
    except LoadError as error:
        problems += [p for p in error.problems if p not in problems]
        return None


def read_catalogue_file(path: str, display: str, problems: list[Problem]) -> bytes | None:
    try:
        return read_regular(path, MAX_CATALOGUE_BYTES)
    except UnreadableFile as error:
        problems.append(Problem(display, 1, 1, FILE_LEVEL, f"无法读取目录文件：{error}"))
        return None


def _reporter(problems: list[Problem]) -> values.Report:
    return lambda where, path, message: problems.append(Problem.at(where, path, message))


def _included_entries(path: str, reader: EntryReader, problems: list[Problem], sources: list[Source]) -> list:
    """The entries of one included file: a mapping whose only key is `entries:`."""
    display = display_path(path)
    root = _read_yaml(path, display, problems, sources)
    if root is None:
        return []
    top = values.mapping_at(root, Pos(display, 1, 1), FILE_LEVEL, reader.report)
    if top is None:
        return []
    values.check_keys(top, INCLUDE_KEYS, [], "", reader.report)
    if "entries" not in top:
        reader.report(top.pos, "entries", "缺少 entries:（被包含的文件只写条目列表）")
    if top.get("entries") is None:  # `entries:` with nothing yet
        return []
    entries = reader.read_list(top["entries"], top.value_pos["entries"])
    sources[-1].read(top, entries)
    return entries


def _agency(top: Mapping, report: values.Report) -> Agency | None:
    if "agency" not in top:
        return None
    node = values.mapping_at(top["agency"], top.value_pos["agency"], "agency", report)
    if node is None:
        return None
    values.check_keys(node, AGENCY_KEYS, ["name", "code"], "agency", report)
    fields = {key: values.text(node, key, "agency", report) for key in AGENCY_KEYS}
    code = fields["code"]
    if code is not None and not AGENCY_CODE.match(code):
        report(node.value_pos["code"], "agency.code",
               f"机构代码 \"{code}\" 只能由半角字母和数字组成{values.half_width_hint(code)}")
        return None
    if fields["name"] is None or code is None:
        return None
    return Agency(**fields)  # type: ignore[arg-type]


def _categories(value: object, where: Pos, report: values.Report, path: str = "categories",
                parent: str | None = None, seen: dict[str, Pos] | None = None) -> list[Category]:
    seen = {} if seen is None else seen
    items = values.sequence_at(value, where, path, report) if value is not None else None
    result: list[Category] = []
    for i, item in enumerate(items or []):
        category = _category(item, items.item_pos[i], report, f"{path}[{i}]", parent, seen)  # type: ignore[union-attr]
        if category is not None:
            result.append(category)
    return result


def _category(item: object, where: Pos, report: values.Report, path: str, parent: str | None,
              seen: dict[str, Pos]) -> Category | None:
    node = values.mapping_at(item, where, path, report)
    if node is None:
        return None
    values.check_keys(node, CATEGORY_KEYS, ["id", "title"], path, report)
    category_id = values.text(node, "id", path, report)
    title = values.text(node, "title", path, report)
    if category_id is not None:
        id_pos = node.value_pos["id"]
        if not CATEGORY_ID.match(category_id):
            report(id_pos, f"{path}.id", f"分类编号 \"{category_id}\" 只能用小写字母、数字和“-”（它会出现在网址里）")
            category_id = None
        elif category_id in seen:
            report(id_pos, f"{path}.id", f"分类编号 \"{category_id}\" 重复（第 {seen[category_id].line} 行已使用）：编号在整棵分类树中必须唯一")
            category_id = None
        else:
            seen[category_id] = id_pos
    days = _update_within(node, path, report)
    children = _categories(node.get("children"), node.value_pos.get("children", node.pos), report,
                           f"{path}.children", category_id, seen)
    if category_id is None or title is None:
        return None
    return Category(category_id, title, parent, tuple(children), node.key_pos["id"], days)


def _update_within(node: Mapping, path: str, report: values.Report) -> int | None:
    value = values.text(node, "update_within", path, report)
    if value is None:
        return None
    if not DAYS.match(value) or int(value) == 0:
        report(node.value_pos["update_within"], f"{path}.update_within",
               f"更新周期 \"{value}\" 应为正整数（天数），如 14（动态要闻）或 180（通知公告、政策文件）")
        return None
    return int(value)
