"""`include:` (the catalogue in several files), `update_within:` on categories, `interprets:` on entries."""

import json
from pathlib import Path

import jsonschema
import pytest
import referencing
import yaml

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, write_project
from disclosure.problems import ProblemsError
from disclosure.project import load_project

SCHEMAS = Path(__file__).parent.parent / "plugins/disclosure/catalogue"
HEAD, ENTRIES = SMALL_CATALOGUE.split("entries:\n")
FIRST, SECOND = ("  - index:" + part for part in ENTRIES.split("  - index:")[1:])
INCLUDE = HEAD + "include: [catalogue/*.yml]\n"
EXTRA = """\
  - index: 11440100MB2C00000X/2022-00003
    title: 关于示例管理办法的解读
    category: normative
    publisher: 办公室
    date: 2022-01-10
    interprets: 11440100MB2C00000X/2021-00001
    link: https://www.example.gov.cn/b.html
"""


def load(tmp_path, directory: str, files: dict[str, str]):
    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": directory, **files})
    return load_project(str(tmp_path / "mkdocs.yml"))


def problems(tmp_path, monkeypatch, directory: str, files: dict[str, str]) -> list[str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProblemsError) as raised:
        load(tmp_path, directory, files)
    return [str(p) for p in raised.value.problems]


def test_entries_from_all_files_form_one_catalogue(tmp_path):
    project = load(tmp_path, INCLUDE + "entries:\n" + EXTRA,
                   {"catalogue/2021.yml": "entries:\n" + FIRST, "catalogue/2020.yml": "entries:\n" + SECOND})
    assert [e.index[-10:] for e in project.catalogue.entries] == ["2022-00003", "2021-00001", "2020-00007"]
    assert project.files == tuple(str(tmp_path / p) for p in ("directory.yml", "catalogue/2020.yml", "catalogue/2021.yml"))
    assert project.folders == (str(tmp_path / "catalogue"),)
    first = project.catalogue.by_index["11440100MB2C00000X/2021-00001"]
    assert str(first.pos_of("category")).endswith("catalogue/2021.yml:4:15")
    assert project.catalogue.by_index["11440100MB2C00000X/2022-00003"].interprets == first.index


def test_a_problem_in_an_included_file_names_that_file(tmp_path, monkeypatch):
    found = problems(tmp_path, monkeypatch, INCLUDE, {"catalogue/2021.yml": "entries:\n" + FIRST.replace("normative", "normativ"),
                                                      "catalogue/2020.yml": "entries:\n" + SECOND.replace("    sumary", "")})
    assert found == ['catalogue/2021.yml:4:15: entries[0].category: 未知分类 "normativ"，可选值：rules, normative, plans（是否想写 "normative"？）']


def test_index_numbers_are_unique_across_files(tmp_path, monkeypatch):
    found = problems(tmp_path, monkeypatch, INCLUDE + "entries:\n" + FIRST,
                     {"catalogue/a.yml": "entries:\n" + SECOND, "catalogue/b.yml": "entries:\n" + FIRST})
    assert found == ['catalogue/b.yml:2:12: entries[0].index: 索引号 "11440100MB2C00000X/2021-00001" 重复（directory.yml 第 15 行已使用）：每个条目的索引号必须唯一']


def test_an_included_file_holds_only_entries(tmp_path, monkeypatch):
    found = problems(tmp_path, monkeypatch, INCLUDE, {"catalogue/a.yml": "agency: {name: x}\nentries:\n" + FIRST})
    assert found == ['catalogue/a.yml:1:1: .agency: 未知的键 "agency"，可用的键：entries']
    found = problems(tmp_path, monkeypatch, INCLUDE, {"catalogue/a.yml": "- 1\n"})
    assert found == ["catalogue/a.yml:1:1: 文件: 应为“键: 值”形式的一组字段"]


@pytest.mark.parametrize("pattern, message", [
    ("[catalogue/*.yml]", "模式 \"catalogue/*.yml\" 没有匹配到任何文件"),
    ("[catalog/2021.yml]", "模式 \"catalog/2021.yml\" 没有匹配到任何文件"),
    ("[../*.yml]", "指向了 directory.yml 所在目录之外的文件"),
    ("['C:\\\\x\\\\a.yml']", "应是相对于 directory.yml 的路径"),
])
def test_a_pattern_that_matches_nothing_is_an_error_at_the_pattern(tmp_path, monkeypatch, pattern, message):
    project = tmp_path / "site"
    (tmp_path / "outside.yml").write_text("entries: []\n", encoding="utf-8")
    found = problems(project, monkeypatch, HEAD.replace("categories:", f"include: {pattern}\ncategories:", 1), {})
    assert len(found) == 1 and found[0].startswith("directory.yml:6:11: include[0]: ") and message in found[0]


def test_update_within_is_a_positive_number_of_days(tmp_path, monkeypatch):
    directory = SMALL_CATALOGUE.replace("    title: 规划计划\n", "    title: 规划计划\n    update_within: 180\n")
    assert load(tmp_path, directory, {}).catalogue.by_category["plans"].update_within == 180
    assert load(tmp_path, SMALL_CATALOGUE, {}).catalogue.by_category["plans"].update_within is None
    for bad in ("0", "两周", "-14", "1.5"):
        found = problems(tmp_path, monkeypatch, directory.replace("update_within: 180", f"update_within: {bad}"), {})
        assert found == [f'directory.yml:13:20: categories[1].update_within: 更新周期 "{bad}" 应为正整数（天数），如 14（动态要闻）或 180（通知公告、政策文件）']


def test_interprets_names_another_entry(tmp_path, monkeypatch):
    unknown = EXTRA.replace("interprets: 11440100MB2C00000X/2021-00001", "interprets: 11440100MB2C00000X/2021-00099")
    found = problems(tmp_path, monkeypatch, INCLUDE, {"catalogue/a.yml": "entries:\n" + FIRST + unknown})
    assert found == ['catalogue/a.yml:19:17: entries[1].interprets: 未知索引号 "11440100MB2C00000X/2021-00099"：解读对象必须是目录中已有条目的索引号']
    itself = EXTRA.replace("interprets: 11440100MB2C00000X/2021-00001", "interprets: 11440100MB2C00000X/2022-00003")
    found = problems(tmp_path, monkeypatch, SMALL_CATALOGUE + itself, {})
    assert found == ["directory.yml:38:17: entries[2].interprets: 解读对象不能是条目自己：请写被解读文件的索引号"]


def test_schemas_cover_directory_and_included_files():
    schema = json.loads((SCHEMAS / "schema.json").read_text(encoding="utf-8"))
    included = json.loads((SCHEMAS / "include.schema.json").read_text(encoding="utf-8"))
    registry = referencing.Registry().with_resource("schema.json", referencing.Resource.from_contents(schema))
    validator = jsonschema.Draft202012Validator(included, registry=registry)
    validator.check_schema(included)
    as_text = lambda text: yaml.load(text, Loader=yaml.BaseLoader)  # noqa: E731  (plain scalars as text, as the loader reads them)
    assert list(validator.iter_errors(as_text("entries:\n" + FIRST + EXTRA))) == []
    assert [e.validator for e in validator.iter_errors(as_text("entries:\n" + FIRST.replace("    title:", "    titel:")))] == ["additionalProperties", "required"]
    assert [e.validator for e in validator.iter_errors(as_text("agency: {}\nentries: []\n"))] == ["additionalProperties"]
    jsonschema.validate(as_text(INCLUDE.replace("    title: 规划计划\n", "    title: 规划计划\n    update_within: 14\n")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_text(HEAD), schema)  # neither entries nor include


def test_serve_watches_included_files_and_their_folders(tmp_path):
    from disclosure.plugin import DisclosurePlugin
    from mkdocs.config import load_config

    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": INCLUDE,
                             "catalogue/2021.yml": "entries:\n" + FIRST + SECOND})
    config = load_config(str(tmp_path / "mkdocs.yml"))
    plugin = config.plugins["disclosure"]
    assert isinstance(plugin, DisclosurePlugin)
    plugin.on_config(config)
    watched = []
    plugin.on_serve(type("Server", (), {"watch": lambda self, path: watched.append(path)})(), config=config, builder=None)
    assert watched == [str(tmp_path / "directory.yml"), str(tmp_path / "catalogue/2021.yml"), str(tmp_path / "catalogue")]


def test_an_included_file_may_have_no_entries_yet(tmp_path):
    project = load(tmp_path, INCLUDE + "entries:\n" + FIRST + SECOND, {"catalogue/2026.yml": "# 新的一年\nentries:\n"})
    assert len(project.catalogue.entries) == 2


def test_the_demo_is_split_by_year_and_every_file_has_its_schema():
    repo = SCHEMAS.parent.parent.parent
    schema = json.loads((SCHEMAS / "schema.json").read_text(encoding="utf-8"))
    included = json.loads((SCHEMAS / "include.schema.json").read_text(encoding="utf-8"))
    registry = referencing.Registry().with_resource("schema.json", referencing.Resource.from_contents(schema))
    files = sorted((repo / "catalogue").glob("*.yml"))
    assert len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        header = text.splitlines()[0]
        assert header.startswith("# yaml-language-server: $schema=")
        assert (path.parent / header.split("=", 1)[1]).resolve() == (SCHEMAS / "include.schema.json").resolve()
        jsonschema.Draft202012Validator(included, registry=registry).validate(yaml.load(text, Loader=yaml.BaseLoader))
        assert {entry["index"][19:23] for entry in yaml.load(text, Loader=yaml.BaseLoader)["entries"]} == {path.stem}
