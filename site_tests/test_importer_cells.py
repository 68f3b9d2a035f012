"""importer/cells.py, columns.py and body.py: the values of a CMS export as an entry's fields."""

import datetime

import pytest

from disclosure.importer import cells
from disclosure.importer.body import to_markdown
from disclosure.importer.columns import is_header, map_columns, missing_required


@pytest.mark.parametrize("raw", ["2021-03-05", "2021/3/5", "2021年3月5日", "2021.03.05", " 2021-3-5 00:00:00 ", "20210305",
                                 datetime.date(2021, 3, 5), datetime.datetime(2021, 3, 5, 0, 0), "44260"])
def test_dates_in_the_forms_exports_hold(raw):
    assert cells.date(raw) == datetime.date(2021, 3, 5)


@pytest.mark.parametrize("raw, message", [("2021-02-30", "日期 \"2021-02-30\" 不存在"), ("三月五日", "无法识别的日期 \"三月五日\"")])
def test_bad_dates_say_why(raw, message):
    with pytest.raises(cells.CellError, match=message):
        cells.date(raw)


def test_validity_labels_map_to_codes():
    assert [cells.validity(v) for v in ("有效", "现行有效", "失效", "已废止", "repealed", " ", None)] == \
        ["in_force", "in_force", "expired", "repealed", "repealed", None, None]
    with pytest.raises(cells.CellError, match="无法识别的有效性 \"暂停\""):
        cells.validity("暂停")


def test_keywords_split_on_chinese_and_western_separators_and_spaces():
    assert cells.keywords("数据、共享，开放,政务；公开; 目录\u3000编制 数据") == ("数据", "共享", "开放", "政务", "公开", "目录", "编制")


def test_text_is_trimmed_of_full_width_and_no_break_spaces():
    assert cells.text("\u3000\u3000关于印发\n通知\xa0 ") == "关于印发 通知"
    assert cells.text("\u3000 ") is None and cells.long_text("第一段\n\n\n\n第二段\u3000") == "第一段\n\n第二段"


def test_only_http_links_count():
    assert cells.link("https://a.example.cn/x y.html") == "https://a.example.cn/x%20y.html"
    assert cells.link("/art/2021/3/5/art_1.html") is None and cells.link("javascript:alert(1)") is None


def test_header_synonyms_from_the_registry():
    headers = ["序号", "索 引 号", "信息名称*", "发文机关", "成文日期", "发布日期", "主题分类（必填）", "关键字", "网址", "点击量"]
    columns, unused = map_columns(headers)
    assert columns == {"index": 1, "title": 2, "publisher": 3, "date": 4, "category": 6, "keywords": 7, "link": 8, "published": 5}
    assert unused == ["序号", "点击量"] and missing_required(columns) == []
    assert is_header(headers) and not is_header(["示例市 主动公开基本目录"])
    assert missing_required(map_columns(["索引号", "标题", "日期"])[0]) == ["分类（或 主题分类、信息分类、所属分类、分类名称）", "发布机构（或 发文机关、发文单位、发布单位、公开主体）"]


def test_html_body_keeps_tables_and_links_and_drops_the_rest():
    html = ('<div style="x" onclick="steal()"><h2>一、总则</h2><p style="text-indent:2em">　　第一条 &lt;script&gt;不是标签&lt;/script&gt;'
            ' <a href="javascript:alert(1)">坏链接</a> <a href="https://www.example.gov.cn/a.html" onmouseover="x()">原文</a>'
            ' <a href="/rel/b.pdf">附件</a></p><script>alert(2)</script><style>p{color:red}</style><iframe src="https://evil.example"></iframe>'
            '<table><tr><th>项目</th><th>金额</th></tr><tr><td>A|B</td><td>1</td></tr></table><img src="/img/a.png" alt="示意图"></div>')
    markdown = to_markdown(html)
    assert markdown == ("## 一、总则\n\n第一条 \\<script\\>不是标签\\</script\\> 坏链接 [原文](https://www.example.gov.cn/a.html) 附件\n\n"
                        "| 项目 | 金额 |\n| --- | --- |\n| A\\|B | 1 |\n\n示意图\n")
    based = to_markdown(html, "https://old.example.gov.cn/art/2021/a.html")
    assert "[附件](https://old.example.gov.cn/rel/b.pdf)" in based and "[图片：示意图](https://old.example.gov.cn/img/a.png)" in based
    assert "alert" not in based and "evil" not in based and "color" not in based


def test_plain_text_body_becomes_paragraphs_with_markdown_escaped():
    assert to_markdown("　　第一条 *不是强调* 1<2\n\n　　第二条") == "第一条 \\*不是强调\\* 1\\<2\n\n第二条\n"
