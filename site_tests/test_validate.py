"""directory.yml rules: every problem collected, each at its file:line:col with a field path."""

import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import SMALL_CATALOGUE
from disclosure.catalogue import load_catalogue
from disclosure.catalogue import entries, entry_fields, include
from disclosure.catalogue import validate as rules
from disclosure.catalogue.model import VALIDITY_LABELS
from disclosure.problems import ProblemsError

SCHEMA = json.loads((Path(rules.__file__).parent / "schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    for relative in ("gkml/2021/00001.md", "files/2021/00001-1.pdf", "files/2021/附件 2.pdf"):
        (tmp_path / "content" / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / relative).write_text("x", encoding="utf-8")
    return tmp_path


def check(docs: Path, text: str) -> list[str]:
    (docs / "directory.yml").write_text(text, encoding="utf-8")
    try:
        load_catalogue(str(docs / "directory.yml"), "directory.yml", str(docs / "content"))
    except ProblemsError as error:
        return [str(p) for p in error.problems]
    return []


def test_small_catalogue_is_valid_and_typed(docs):
    (docs / "directory.yml").write_text(SMALL_CATALOGUE, encoding="utf-8")
    catalogue = load_catalogue(str(docs / "directory.yml"), "directory.yml", str(docs / "content"))
    first = catalogue.entries[0]
    assert first.index == "11440100MB2C00000X/2021-00001"
    assert first.date.isoformat() == "2021-03-01" and first.keywords == ("数据", "共享")
    assert first.attachments[0].size == 1 and first.attachments[0].kind == "PDF"
    assert [c.id for c in catalogue.walk_categories()] == ["rules", "normative", "plans"]
    assert catalogue.category_path("normative")[0].id == "rules"


CASES = [  # (replace this, with that, expected problem lines)
    ("category: normative", "category: normativ",
     ['directory.yml:16:15: entries[0].category: 未知分类 "normativ"，可选值：rules, normative, plans（是否想写 "normative"？）']),
    ("date: 2021-03-01", "date: 2021-02-30", ['directory.yml:18:11: entries[0].date: 日期 "2021-02-30" 不存在：请写一个真实的日期']),
    ("date: 2021-03-01", "date: 2021/3/1", ['directory.yml:18:11: entries[0].date: 日期 "2021/3/1" 格式不对：请写成 YYYY-MM-DD，如 2021-03-01']),
    ("validity: in_force", "validity: valid", ["directory.yml:20:15: entries[0].validity: 无效的取值 \"valid\"，可选值：in_force（有效）、expired（失效）、repealed（废止）"]),
    ("    summary:", "    sumary:", ['directory.yml:22:5: entries[0].sumary: 未知的键 "sumary"，是否想写 "summary"？']),
    ("  - index: 11440100MB2C00000X/2020-00007", "  - index: 11440100MB2C00000X/2021-00001",
     ['directory.yml:26:12: entries[1].index: 索引号 "11440100MB2C00000X/2021-00001" 重复（第 14 行已使用）：每个条目的索引号必须唯一']),
    ("index: 11440100MB2C00000X/2020-00007", "index: 2020-7", ["directory.yml:26:12: entries[1].index: 索引号 \"2020-7\" 格式不对：应为“机构代码/年份-序号”，如 11440100MB2C00000X/2021-00001"]),
    ("index: 11440100MB2C00000X/2020-00007", "index: OTHER/2020-7", ["directory.yml:26:12: entries[1].index: 索引号 \"OTHER/2020-7\" 的机构代码应与 agency.code 一致：11440100MB2C00000X"]),
    ("link: https://www.example.gov.cn/a.html", "link: javascript:alert(1)", ['directory.yml:32:11: entries[1].link: 链接 "javascript:alert(1)" 无效：只允许以 http:// 或 https:// 开头的完整网址']),
    ("file: files/2021/00001-1.pdf", "file: ../../etc/passwd", ['directory.yml:25:28: entries[0].attachments[0].file: 路径 "../../etc/passwd" 超出了 content/ 目录：文件必须放在 content/ 里']),
    ("file: files/2021/00001-1.pdf", "file: files/2021/00001-9.pdf", ['directory.yml:25:28: entries[0].attachments[0].file: 文件 "files/2021/00001-9.pdf" 不存在：请检查 content/files/2021/00001-9.pdf 的拼写和大小写']),
    ("body: gkml/2021/00001.md", "body: files/2021/00001-1.pdf", ['directory.yml:23:11: entries[0].body: 正文 "files/2021/00001-1.pdf" 应是 Markdown 文件（.md）；其他文件请放在 attachments 里']),
    ("    publisher: 规划科\n", "", ['directory.yml:26:5: entries[1].publisher: 缺少必填项 "publisher"']),
    ("    link: https://www.example.gov.cn/a.html\n", "", ["directory.yml:26:5: entries[1]: 条目至少要有 body（正文）、link（链接）或 attachments（附件）之一"]),
    ("      - {id: normative, title: 规范性文件}", "      - {id: normative, title: 规范性文件}\n      - {id: rules, title: 又一个}",
     ['directory.yml:11:14: categories[0].children[1].id: 分类编号 "rules" 重复（第 7 行已使用）：编号在整棵分类树中必须唯一']),
    ("  - id: plans", "  - id: Plans", ['directory.yml:11:9: categories[1].id: 分类编号 "Plans" 只能用小写字母、数字和“-”（它会出现在网址里）',
                                        'directory.yml:28:15: entries[1].category: 未知分类 "plans"，可选值：rules, normative']),
    ("    title: 示例市数据发展规划", "    title: 示例市数据发展规划\n    title: 又一个标题", ['directory.yml:28:5: entries[1].title: 重复的键“title”（第 27 行已有）：YAML 只会保留最后一个，请删除或合并其中一个']),
    ("    keywords: [数据, 共享]", "    keywords: 数据", ["directory.yml:21:15: entries[0].keywords: 应写成列表，如 [数据, 共享]"]),
]


@pytest.mark.parametrize("old, new, expected", CASES)
def test_each_rule_reports_its_position(docs, old, new, expected):
    assert old in SMALL_CATALOGUE
    assert check(docs, SMALL_CATALOGUE.replace(old, new, 1)) == expected


def test_all_problems_are_collected_before_failing(docs):
    broken = SMALL_CATALOGUE.replace("category: normative", "category: x").replace("date: 2020-05-06", "date: 2020-13-01")
    problems = check(docs, broken)
    assert len(problems) == 2 and "entries[0].category" in problems[0] and "entries[1].date" in problems[1]


def test_attachment_with_chinese_name_and_space(docs):
    text = SMALL_CATALOGUE.replace("files/2021/00001-1.pdf", "files/2021/附件 2.pdf")
    assert check(docs, text) == []


def test_schema_accepts_the_demo_and_the_small_catalogue():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(yaml.safe_load(SMALL_CATALOGUE.replace("date: ", "date: '").replace("-01\n", "-01'\n").replace("-06\n", "-06'\n")), SCHEMA)
    demo = Path(__file__).parent.parent / "directory.yml"  # part of the repository: missing is a failure
    jsonschema.validate(yaml.load(demo.read_text(encoding="utf-8"), Loader=yaml.BaseLoader), SCHEMA)


def test_schema_and_validator_know_the_same_keys():
    props = SCHEMA["properties"]
    assert list(props) == rules.TOP_KEYS
    assert list(props["agency"]["properties"]) == rules.AGENCY_KEYS
    assert list(SCHEMA["$defs"]["category"]["properties"]) == rules.CATEGORY_KEYS
    entry = SCHEMA["$defs"]["entry"]
    assert list(entry["properties"]) == entry_fields.ENTRY_KEYS
    assert entry["required"] == entry_fields.ENTRY_REQUIRED
    assert entry["anyOf"] == [{"required": [key]} for key in entry_fields.CONTENT_KEYS]
    for field in entry_fields.ENTRY_FIELDS:  # the schema's hover text names each field as the registry does
        assert field.label in entry["properties"][field.key]["description"], field.key
    assert list(entry["properties"]["attachments"]["items"]["properties"]) == entries.ATTACHMENT_KEYS
    assert entry["properties"]["validity"]["enum"] == list(VALIDITY_LABELS)
    included = json.loads((Path(rules.__file__).parent / "include.schema.json").read_text(encoding="utf-8"))
    assert list(included["properties"]) == include.INCLUDE_KEYS


HOSTILE = [  # (replace this, with that, expected problem lines) — what a careless paste or a hostile pull request brings
    ("title: 示例市数据发展规划", "title: 示例市\x01数据发展规划",
     ["directory.yml:27:15: 文件: 这里有一个看不见的控制字符 U+0001（常见于从网页或 Word 复制的文字）：请删除它"]),
    ("title: 示例市数据发展规划", "title: \"示例市\\0规划\"",
     ["directory.yml:27:12: entries[1].title: 这里有一个看不见的控制字符 U+0000（由引号中的转义写出）：请删除它"]),
    ("title: 示例市数据发展规划", "title: \"示例\\uFFFF规划\"",
     ["directory.yml:27:12: entries[1].title: 这里有一个看不见的控制字符 U+FFFF（由引号中的转义写出）：请删除它"]),
    ("title: 示例市数据发展规划", "title: 示例市\u2028数据发展规划",
     ["directory.yml:27:15: 文件: 这里有一个看不见的换行符 U+2028（常见于从网页或 Word 复制的文字）：请删除它，需要换行时直接按回车"]),
    ("date: 2021-03-01", "date: ２０２１-０３-０１",
     ['directory.yml:18:11: entries[0].date: 日期 "２０２１-０３-０１" 格式不对：用了全角字符，请用半角数字和字母，写作 "2021-03-01"']),
    ("index: 11440100MB2C00000X/2020-00007", "index: 11440100MB2C00000X/２０２０-00007",
     ['directory.yml:26:12: entries[1].index: 索引号 "11440100MB2C00000X/２０２０-00007" 格式不对：用了全角字符，请用半角数字和字母，写作 "11440100MB2C00000X/2020-00007"']),
    ("index: 11440100MB2C00000X/2020-00007", "index: 11440100MB2C00000X/٢٠٢٠-00007",
     ['directory.yml:26:12: entries[1].index: 索引号 "11440100MB2C00000X/٢٠٢٠-00007" 格式不对：应为“机构代码/年份-序号”，如 11440100MB2C00000X/2021-00001']),
    ("index: 11440100MB2C00000X/2020-00007", "index: 11440100MB2C00000X/1066-00007",
     ["directory.yml:26:12: entries[1].index: 索引号中的年份 1066 与生成日期 2020-05-06 的年份 2020 相差 954 年：请核对索引号或日期"]),
    ("link: https://www.example.gov.cn/a.html", "link: http://[待补充]/a.html",
     ['directory.yml:32:11: entries[1].link: 链接 "http://[待补充]/a.html" 无效：网址格式不对（方括号只能用于 IPv6 地址，端口必须是 0–65535）；还没有网址时请先删除 link，不要写占位符']),
    ("code: \"11440100MB2C00000X\"", "code: \"１１440100MB2C00000X\"",
     ['directory.yml:3:9: agency.code: 机构代码 "１１440100MB2C00000X" 只能由半角字母和数字组成：用了全角字符，请用半角数字和字母，写作 "11440100MB2C00000X"']),
]


@pytest.mark.parametrize("old, new, expected", HOSTILE)
def test_hostile_values_get_chinese_messages_at_their_position(docs, old, new, expected):
    assert old in SMALL_CATALOGUE
    assert check(docs, SMALL_CATALOGUE.replace(old, new, 1)) == expected


@pytest.mark.parametrize("name", ["a#b.pdf", "a?b.pdf", "a%41.pdf", 'p" onmouseover="alert(1)" x=".pdf', "it's.pdf", "a<b>.pdf",
                                  "tab\there.pdf"])
def test_file_names_that_cannot_be_urls_are_refused(docs, name):
    (docs / "content/files/2021" / name).write_text("x", encoding="utf-8")
    quoted = name.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    found = check(docs, SMALL_CATALOGUE.replace("file: files/2021/00001-1.pdf", f'file: "files/2021/{quoted}"'))
    assert len(found) == 1 and found[0].startswith("directory.yml:25:28: entries[0].attachments[0].file: 文件名"), found
    assert "不能用在网址里" in found[0]


def test_index_year_one_apart_is_a_warning_not_an_error(docs):
    (docs / "directory.yml").write_text(SMALL_CATALOGUE.replace("index: 11440100MB2C00000X/2020-00007",
                                                                "index: 11440100MB2C00000X/2019-00007"), encoding="utf-8")
    loaded = rules.read_catalogue(str(docs / "directory.yml"), "directory.yml", str(docs / "content"))
    assert loaded.problems == [] and loaded.catalogue is not None
    assert [str(w) for w in loaded.warnings] == [
        "directory.yml:26:12: entries[1].index: 索引号中的年份 2019 与生成日期 2020-05-06 的年份 2020 相差 1 年：如是跨年登记可以不改，否则请核对"]


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero", "/proc/self/environ"])
def test_directory_yml_must_be_a_regular_file_of_this_project(docs, target):
    os.symlink(target, docs / "directory.yml")
    found = check_existing(docs)
    assert len(found) == 1 and found[0].startswith("directory.yml:1:1: 文件: 目录文件是指向其所在文件夹之外的符号链接"), found
    assert "root:" not in found[0]


def test_directory_yml_that_is_a_device_or_pipe_is_refused_without_waiting(docs):
    os.mkfifo(docs / "directory.yml")
    found = check_existing(docs)
    assert found == ["directory.yml:1:1: 文件: 无法读取目录文件：不是普通文件（命名管道），无法读取"]


def check_existing(docs: Path) -> list[str]:
    try:
        load_catalogue(str(docs / "directory.yml"), "directory.yml", str(docs / "content"))
    except ProblemsError as error:
        return [str(p) for p in error.problems]
    return []
