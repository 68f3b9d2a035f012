"""Real builds of a small catalogue: generated pages, URLs, escaping, failures."""

import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE


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


CATALOGUE = yaml.safe_load(SMALL_CATALOGUE)
ENTRY_PAGE = "gkml/11440100MB2C00000X-2021-00001/index.html"
WITH_OVERRIDES = MINIMAL_MKDOCS.replace("theme: {name: material, language: zh}",
                                        "theme: {name: material, language: zh, custom_dir: theme_overrides}")


def with_options(**options) -> str:
    listed = "".join(f"      {key}: {value}\n" for key, value in options.items())
    return MINIMAL_MKDOCS.replace("plugins: [search, disclosure]", f"plugins:\n  - search\n  - disclosure:\n{listed}")


def test_theme_overrides_take_precedence_over_the_package_templates(build_site):
    built = build_site(mkdocs=WITH_OVERRIDES, files={
        "theme_overrides/disclosure/entry.html": '{% extends "main.html" %}{% block dc_body %}'
                                                 '<p id="own-entry">{{ disclosure.view.entry.title | e }}</p>{% endblock %}',
        "theme_overrides/partials/footer.html": '<footer id="own-footer">{{ disclosure.agency.name | e }}</footer>',
    })
    assert built.returncode == 0, built.output
    entry = built.page(ENTRY_PAGE)
    assert f'<p id="own-entry">{CATALOGUE["entries"][0]["title"]}</p>' in entry
    assert "dc-meta" not in entry  # the package's entry template was not used
    home = built.page("gkml/index.html")
    assert f'<footer id="own-footer">{CATALOGUE["agency"]["name"]}</footer>' in home and "dc-footer" not in home
    assert 'class="dc-tree"' in home  # templates not overridden still come from the package


def test_an_override_of_the_listing_row_is_included_per_row(build_site):
    """The package's entry-row.html is called as a macro; an override of it renders `entry` as before."""
    built = build_site(mkdocs=WITH_OVERRIDES, files={
        "theme_overrides/disclosure/entry-row.html": '<tr class="own-row"><td>{{ entry.title | e }}</td></tr>'})
    assert built.returncode == 0, built.output
    home = built.page("gkml/index.html")
    assert home.count('<tr class="own-row">') == len(CATALOGUE["entries"]) and "dc-nowrap" not in home
    plain = build_site()
    assert plain.page("gkml/index.html").count("<tr data-index=") == len(CATALOGUE["entries"])


def test_footer_states_the_agency_facts(build_site):
    facts = {"postcode": "510000", "icp": "示ICP备00000000号-1", "police_record": "示公网安备00000000000000号",
             "site_code": "4401000000"}
    catalogue = SMALL_CATALOGUE.replace("  phone: 020-00000000\n", "  phone: 020-00000000\n" + "".join(
        f'  {key}: "{value}"\n' for key, value in facts.items()))
    agency = yaml.safe_load(catalogue)["agency"]
    built = build_site(directory=catalogue)
    assert built.returncode == 0, built.output
    for page in ("index.html", "gkml/index.html", ENTRY_PAGE):
        footer = HTMLParser(built.page(page)).css_first("footer").text()
        for key in ("name", "address", "postcode", "phone", "icp", "police_record", "site_code"):
            assert agency[key] in footer, (page, key)


def test_column_title_names_the_home_and_the_first_breadcrumb_step(build_site):
    built = build_site(mkdocs=with_options(column_title="信息公开专栏"))
    assert built.returncode == 0, built.output
    assert HTMLParser(built.page("gkml/index.html")).css_first("h1").text(strip=True) == "信息公开专栏"
    crumbs = {a.text(strip=True): a.attributes["href"] for a in HTMLParser(built.page(ENTRY_PAGE)).css("nav.dc-breadcrumb a")}
    assert crumbs["信息公开专栏"] == "../"  # the step that leads to the column home
    assert "政府信息公开目录" not in built.page(ENTRY_PAGE)


def test_directory_option_reads_the_catalogue_from_another_file(build_site):
    other = SMALL_CATALOGUE.replace("示例市数据发展规划", "另一份目录中的规划")
    built = build_site(directory=None, files={"data/catalogue.yml": other},
                       mkdocs=with_options(directory="data/catalogue.yml"))
    assert built.returncode == 0, built.output
    assert "另一份目录中的规划" in built.page("gkml/11440100MB2C00000X-2020-00007/index.html")
    missing = build_site(directory=None, mkdocs=with_options(directory="data/none.yml"))
    assert missing.returncode != 0 and "data/none.yml" in missing.output and "Traceback" not in missing.output


def test_expired_entry_is_marked_in_words_and_in_the_listing(build_site):
    built = build_site(directory=SMALL_CATALOGUE.replace("validity: in_force", "validity: expired"))
    assert built.returncode == 0, built.output
    entry = HTMLParser(built.page(ENTRY_PAGE))
    assert entry.css_first(".dc-void").text(strip=True).startswith("本文件已失效")
    assert entry.css_first("h1 .dc-badge--expired").text(strip=True) == "失效"
    row = HTMLParser(built.page("gkml/category/normative/index.html")).css_first("tr[data-index]")
    assert row.attributes["data-index"] == CATALOGUE["entries"][0]["index"]
    assert "dc-row--void" in row.attributes["class"] and row.css_first(".dc-badge--expired").text(strip=True) == "失效"
    in_force = build_site(directory=SMALL_CATALOGUE)
    assert "本文件已" not in in_force.page(ENTRY_PAGE) and "dc-row--void" not in in_force.page("gkml/category/normative/index.html")
