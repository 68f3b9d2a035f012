"""A generated catalogue for ranking and history tests: an older document is the subject of 数据共享 (title,
keywords, summary, body) while 25 newer ones mention it in their bodies only. Built by conftest's
`served_project(PROJECT)`."""

from __future__ import annotations

from conftest import MINIMAL_MKDOCS

CODE = "11440100MB2C00000X"
HEAD = f"""\
agency: {{name: 示例市数据管理局, code: "{CODE}"}}
categories: [{{id: rules, title: 法规文件}}, {{id: notices, title: 通知公告}}]
entries:
"""
SUBJECT = "2019-00001"  # 关于推进数据共享的实施意见: the subject, oldest but one
EXAM = "2021-00005"  # 数据共享 and 考核 both in its title
KEYWORD = "2020-00001"  # 数据共享 only as a keyword
TRAP = "2024-00031"  # every pair of 数据共享平台 in its title, the word itself only in its body
PLATFORM = "2018-00002"  # 数据共享平台 as a keyword
NEWER = [f"2023-{n:05d}" for n in range(25, 0, -1)]  # newest first; 数据共享 in the body only


ENTRIES = [  # (index, title, date, body text or None, other fields)
    (SUBJECT, "关于推进数据共享的实施意见", "2019-03-01", "推进数据共享，纳入年度考核。",
     {"keywords": "[数据共享, 政务数据]", "summary": "推进全市数据共享工作"}),
    (PLATFORM, "信息化项目清单", "2018-02-01", None, {"keywords": "[数据共享平台]"}),
    (KEYWORD, "年度工作要点", "2020-05-01", None, {"keywords": "[数据共享]"}),
    (EXAM, "关于数据共享考核办法的通知", "2021-06-01", "考核办法如下。", {}),
    (TRAP, "共享平台建设与数据共享", "2024-06-01", "本市数据共享平台上线运行。", {}),
    *[(index, f"第{n}号工作通知", f"2023-{1 + n // 28:02d}-{1 + n % 28:02d}",
       f"第{n}号：各单位做好数据共享相关工作，并于月底前报送考核材料。", {}) for n, index in enumerate(reversed(NEWER), start=1)],
]


def _line(index: str, title: str, date: str, body: str | None, extra: dict[str, str]) -> str:
    source = f"body: {_body_path(index)}" if body else f"link: 'https://www.example.gov.cn/{index}.html'"
    fields = "".join(f", {key}: {value}" for key, value in extra.items())
    return f"  - {{index: {CODE}/{index}, title: {title}, category: rules, publisher: 办公室, date: {date}, {source}{fields}}}\n"


def _body_path(index: str) -> str:
    return f"gkml/{index.replace('-', '/')}.md"


PROJECT = {
    "mkdocs.yml": MINIMAL_MKDOCS,
    "content/index.md": "# 首页\n\n见[政府信息公开目录](gkml/index.md)。\n",
    "content/about.md": "# 关于本站\n\n本站介绍本局推进数据共享的做法。\n",
    "content/guide.md": "# 数据共享指南\n\n如何申请共享数据。\n",
    "directory.yml": HEAD + "".join(_line(*entry) for entry in ENTRIES),
    **{"content/" + _body_path(index): body + "\n" for index, _, _, body, _ in ENTRIES if body},
}


def entry_path(index: str) -> str:
    return f"gkml/{CODE}-{index}/"
