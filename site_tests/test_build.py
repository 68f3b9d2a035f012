"""Real builds of a small catalogue: generated pages, URLs, escaping, failures."""

from conftest import SMALL_CATALOGUE


def test_builds_column_home_categories_and_entry_pages(build_site):
    built = build_site()
    assert built.returncode == 0, built.output
    home = built.page("gkml/index.html")
    assert "规范性文件" in home and "（1 条）" in home
    entry = built.page("gkml/11440100MB2C00000X-2021-00001/index.html")
    for label in ("索引号", "分类", "发布机构", "生成日期", "文号", "有效性", "主题词", "内容概述"):
        assert f'<th scope="row">{label}</th>' in entry
    assert "示例〔2021〕1号" in entry and "第一条" in entry
    assert 'href="../11440100MB2C00000X-2020-00007/"' in entry  # index: link resolved
    assert "../../files/2021/00001-1.pdf" in entry and "PDF" in entry
    assert "您的位置" in entry and ">规范性文件</a>" in entry
    assert not (built.site / "gkml/2021/00001/index.html").exists()  # body rendered only inside its entry


def test_repealed_entry_is_unmistakable(build_site):
    built = build_site()
    page = built.page("gkml/11440100MB2C00000X-2020-00007/index.html")
    assert "本文件已废止" in page and "https://www.example.gov.cn/a.html" in page


def test_titles_are_escaped(build_site):
    built = build_site(directory=SMALL_CATALOGUE.replace("示例市数据发展规划", "规划<script>alert(1)</script>"))
    assert built.returncode == 0, built.output
    for page in ("gkml/index.html", "gkml/category/plans/index.html", "gkml/11440100MB2C00000X-2020-00007/index.html"):
        html = built.page(page)
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def earlier_good_build(build_site) -> None:
    """A finished site in the site folder, as an editor's previous build leaves it. A catalogue error
    stops the build in on_config, before MkDocs cleans the folder: only on_build_error removes it."""
    built = build_site()
    assert built.returncode == 0 and "index.html" in built.leftovers(), built.output


def test_unknown_index_link_fails_at_its_line_before_anything_is_written(build_site):
    built = build_site(files={"content/about.md": "# 关于\n\n第二行\n见 [x](index:11440100MB2C00000X/2099-1)\n"})
    assert built.returncode != 0
    assert "content/about.md:4:7: index:11440100MB2C00000X/2099-1: 未知索引号" in built.output
    assert "Traceback" not in built.output
    assert built.leftovers() == []  # raised in on_env, before MkDocs copies or writes a file


def test_invalid_catalogue_fails_without_traceback_or_site(build_site):
    earlier_good_build(build_site)
    built = build_site(directory=SMALL_CATALOGUE.replace("category: plans", "category: plan"))
    assert built.returncode != 0
    assert 'directory.yml:28:15: entries[1].category: 未知分类 "plan"' in built.output
    assert "Traceback" not in built.output
    assert built.leftovers() == []


def test_no_google_fonts_or_other_hosts(build_site):
    built = build_site()
    html = built.page("gkml/index.html")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
