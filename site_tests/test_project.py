"""project.py: mkdocs.yml → options → catalogue sources → Catalogue, one loader for the plugin and every command."""

import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, run, write_project
from disclosure.problems import ProblemsError
from disclosure.project import check_project, load_project

REPORT_BAD = (Path(__file__).parent / "reports_data/total_error.yml").read_text(encoding="utf-8")


def project(tmp_path, mkdocs=MINIMAL_MKDOCS, directory=SMALL_CATALOGUE, **extra):
    write_project(tmp_path, {"mkdocs.yml": mkdocs, **SMALL_FILES, "directory.yml": directory, **extra})
    return str(tmp_path / "mkdocs.yml")


def test_loads_options_and_catalogue(tmp_path):
    loaded = load_project(project(tmp_path))
    assert loaded.options.prefix == "gkml" and loaded.options.directory == "directory.yml"
    assert [e.index for e in loaded.catalogue.entries] == ["11440100MB2C00000X/2021-00001", "11440100MB2C00000X/2020-00007"]
    assert loaded.files == (str(tmp_path / "directory.yml"),) and loaded.root == str(tmp_path)


def test_directory_option_is_relative_to_mkdocs_yml(tmp_path):
    mkdocs = MINIMAL_MKDOCS.replace("plugins: [search, disclosure]", "plugins:\n  - search\n  - disclosure:\n      directory: data/目录.yml\n      prefix: xxgk\n")
    config_file = project(tmp_path, mkdocs, **{"data/目录.yml": SMALL_CATALOGUE})
    (tmp_path / "directory.yml").unlink()
    loaded = load_project(config_file)
    assert loaded.options.prefix == "xxgk" and loaded.files == (str(tmp_path / "data/目录.yml"),)


def test_without_the_plugin_listed_the_defaults_apply(tmp_path):
    loaded = load_project(project(tmp_path, MINIMAL_MKDOCS.replace("[search, disclosure]", "[search]")))
    assert loaded.options.prefix == "gkml" and len(loaded.catalogue.entries) == 2


@pytest.mark.parametrize("text, expected", [
    ("", "mkdocs.yml:1:1: 文件: mkdocs.yml 是空文件"),
    ("  \n", "mkdocs.yml:1:1: 文件: mkdocs.yml 是空文件"),
    ("site_name: [\n", "mkdocs.yml:2:1: 文件: mkdocs.yml 无法解析"),
    ("docs_dir: content\n", "mkdocs.yml:1:1: 文件: mkdocs.yml 配置有误：Config value 'site_name': 缺少必填项"),
    (MINIMAL_MKDOCS.replace("[search, disclosure]", "[search, {disclosure: {page_size: 多}}]"),
     "mkdocs.yml:1:1: 文件: mkdocs.yml 配置有误：Config value 'plugins': Plugin 'disclosure' option 'page_size'"),
])
def test_broken_mkdocs_yml_is_a_chinese_message_naming_it(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    project(tmp_path, text)
    loaded, problems = check_project("mkdocs.yml")
    assert loaded is None and str(problems[0]).startswith(expected)


def test_every_command_says_the_same_about_a_broken_mkdocs_yml(tmp_path):
    project(tmp_path, "")
    for command in (["validate"], ["report"]):
        result = run([sys.executable, "-m", "disclosure.cli", *command], tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "mkdocs.yml:1:1: 文件: mkdocs.yml 是空文件" in result.stdout + result.stderr


def test_missing_mkdocs_yml(tmp_path):
    loaded, problems = check_project(str(tmp_path / "mkdocs.yml"))
    assert loaded is None and problems[0].message.startswith("找不到 mkdocs.yml")


def test_catalogue_and_annual_report_problems_come_together(tmp_path):
    directory = SMALL_CATALOGUE.replace("    link: https://www.example.gov.cn/a.html\n",
                                        "    link: https://www.example.gov.cn/a.html\n    report: reports/2024.yml\n")
    directory = directory.replace("category: normative", "category: normativ")
    with pytest.raises(ProblemsError) as raised:
        load_project(project(tmp_path, directory=directory, **{"content/reports/2024.yml": REPORT_BAD}))
    files = {p.file.rsplit("/", 1)[-1] for p in raised.value.problems}
    assert files == {"directory.yml", "2024.yml"}
    assert any("总计应为" in p.message for p in raised.value.problems)
