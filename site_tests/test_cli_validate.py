"""`disclosure validate` as SPEC.md fixes it: one problem a line, exit 1; clean → exit 0."""

import sys

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, run, write_project


def validate(tmp_path, directory: str | bytes, extra: dict | None = None):
    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": directory, **(extra or {})})
    return run([sys.executable, "-m", "disclosure.cli", "validate"], tmp_path)


def test_clean_project_exits_zero(tmp_path):
    result = validate(tmp_path, SMALL_CATALOGUE)
    assert result.returncode == 0 and result.stdout == ""


def test_problems_one_a_line_exit_one(tmp_path):
    broken = SMALL_CATALOGUE.replace("category: normative", "category: normativ").replace("date: 2020-05-06", "date: 2020-02-30")
    result = validate(tmp_path, broken, {"content/a.md": "见 [x](index:11440100MB2C00000X/2099-00001)\n"})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        'directory.yml:16:15: entries[0].category: 未知分类 "normativ"，可选值：rules, normative, plans（是否想写 "normative"？）',
        'directory.yml:30:11: entries[1].date: 日期 "2020-02-30" 不存在：请写一个真实的日期',
    ]
    assert "Traceback" not in result.stderr


def test_unknown_index_link_in_markdown(tmp_path):
    result = validate(tmp_path, SMALL_CATALOGUE, {"content/a.md": "---\ntitle: 甲\n---\n见 [x](index:11440100MB2C00000X/2099-00001)\n"})
    assert result.returncode == 1
    assert result.stdout.startswith('content/a.md:4:7: index:11440100MB2C00000X/2099-00001: 未知索引号')


def test_wrong_encoding_is_a_message_not_a_traceback(tmp_path):
    result = validate(tmp_path, SMALL_CATALOGUE.encode("gbk"))
    assert result.returncode == 1
    assert result.stdout.startswith("directory.yml:2:") and ": 文件: 文件不是 UTF-8 编码" in result.stdout
    assert "Traceback" not in result.stderr


def test_missing_catalogue(tmp_path):
    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES})
    result = run([sys.executable, "-m", "disclosure.cli", "validate"], tmp_path)
    assert result.returncode == 1 and "无法读取目录文件" in result.stdout


def test_usage_error_exits_two(tmp_path):
    assert run([sys.executable, "-m", "disclosure.cli", "nonsense"], tmp_path).returncode == 2


def test_markdown_not_in_utf8_is_reported_by_validate_and_build(tmp_path, build_site):
    gbk = "第一条 中文正文。\n".encode("gbk")
    result = validate(tmp_path, SMALL_CATALOGUE, {"content/gkml/2021/00001.md": gbk, "content/about.md": gbk})
    assert result.returncode == 1
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == ["content/about.md:1:1", "content/gkml/2021/00001.md:1:1"]
    assert all("不是 UTF-8 编码" in line for line in result.stdout.splitlines())
    built = build_site(files={"content/gkml/2021/00001.md": gbk, "content/about.md": gbk})
    assert built.returncode == 1 and "Traceback" not in built.output
    assert "content/about.md:1:1: 文件: 文件不是 UTF-8 编码" in built.output
    assert "content/gkml/2021/00001.md:1:1: 文件: 文件不是 UTF-8 编码" in built.output


def test_config_file_option_reads_a_project_elsewhere(tmp_path):
    project = tmp_path / "site-src"
    write_project(project, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": SMALL_CATALOGUE})
    command = [sys.executable, "-m", "disclosure.cli", "validate", "-f", "site-src/mkdocs.yml"]
    clean = run(command, tmp_path)
    assert clean.returncode == 0 and clean.stdout == "", clean.stdout + clean.stderr
    write_project(project, {"directory.yml": SMALL_CATALOGUE.replace("category: plans", "category: plan")})
    broken = run(command, tmp_path)
    line = SMALL_CATALOGUE.splitlines().index("    category: plans") + 1
    assert broken.returncode == 1
    assert broken.stdout.startswith(f'site-src/directory.yml:{line}:15: entries[1].category: 未知分类 "plan"'), broken.stdout
    assert run([sys.executable, "-m", "disclosure.cli", "validate"], tmp_path).returncode == 1  # no mkdocs.yml here


def test_a_key_cannot_inject_workflow_commands(tmp_path):
    hostile = SMALL_CATALOGUE.replace("    title: 示例市数据发展规划\n",
                                      '    title: 示例市数据发展规划\n    "x\\n::warning file=a.md,line=1::injected": 1\n')
    result = validate(tmp_path, hostile)
    assert result.returncode == 1 and "injected" in result.stdout, result.stdout
    assert not any(line.startswith("::") for line in (result.stdout + result.stderr).splitlines())


def test_a_placeholder_link_is_a_message_in_validate_build_and_report(tmp_path):
    placeholder = SMALL_CATALOGUE.replace("https://www.example.gov.cn/a.html", "http://[待补充]/a.html")
    expected = 'directory.yml:32:11: entries[1].link: 链接 "http://[待补充]/a.html" 无效'
    for command in (["-m", "disclosure.cli", "validate"], ["-m", "mkdocs", "build"], ["-m", "disclosure.cli", "report"]):
        write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": placeholder})
        result = run([sys.executable, *command], tmp_path)
        output = result.stdout + result.stderr
        assert result.returncode != 0 and expected in output and "Traceback" not in output, (command, output)
