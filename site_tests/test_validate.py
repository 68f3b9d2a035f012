"""directory.yml rules: every problem collected, each at its file:line:col with a field path."""

import json
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
