"""formats.py: GitHub workflow annotations and GitLab code-quality reports; `validate --format` end to end."""

import json
import sys

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, run, write_project
from disclosure import formats
from disclosure.problems import Problem


def test_github_annotations_escape_data_and_properties():
    finding = formats.Finding("catalogue", "100% 错误\r\n第二行", "目录,a:b.yml", 4, 7)
    assert formats.github([finding]) == "::error file=目录%2Ca%3Ab.yml,line=4,col=7::100%25 错误%0D%0A第二行"
    assert formats.github([formats.Finding("x", "无位置", severity="minor")]) == "::warning::无位置"


def test_gitlab_code_quality_report():
    problem = Problem("catalogue/2021.yml", 4, 15, "entries[0].category", '未知分类 "normativ"')
    same = [formats.from_problem(problem), formats.from_problem(problem)]
    report = json.loads(formats.gitlab(same))
    assert report[0] == {
        "type": "issue", "description": 'entries[0].category: 未知分类 "normativ"', "check_name": "catalogue",
        "fingerprint": report[0]["fingerprint"], "severity": "major",
        "location": {"path": "catalogue/2021.yml", "lines": {"begin": 4}},
    }
    assert len({r["fingerprint"] for r in report}) == 2 and all(len(r["fingerprint"]) == 64 for r in report)
    moved = formats.from_problem(Problem("catalogue/2021.yml", 40, 15, "entries[0].category", '未知分类 "normativ"'))
    assert json.loads(formats.gitlab([moved]))[0]["fingerprint"] == report[0]["fingerprint"]  # stable when lines move
    assert formats.gitlab([]) == "[]"


def validate(tmp_path, fmt, directory):
    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": directory})
    return run([sys.executable, "-m", "disclosure.cli", "validate", "--format", fmt], tmp_path)


def test_validate_annotates_the_pull_request_diff(tmp_path):
    result = validate(tmp_path, "github", SMALL_CATALOGUE.replace("category: normative", "category: normativ"))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        '::error file=directory.yml,line=16,col=15::entries[0].category: 未知分类 "normativ"，可选值：rules, normative, plans（是否想写 "normative"？）']


def test_validate_writes_a_code_quality_report(tmp_path):
    result = validate(tmp_path, "gitlab", SMALL_CATALOGUE.replace("date: 2020-05-06", "date: 2020-02-30"))
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)
    assert finding["location"] == {"path": "directory.yml", "lines": {"begin": 30}} and "不存在" in finding["description"]
    clean = validate(tmp_path, "gitlab", SMALL_CATALOGUE)
    assert clean.returncode == 0 and json.loads(clean.stdout) == []


def test_gitlab_pipeline_runs_the_github_workflow_checks_with_code_quality_reports():
    import yaml
    from conftest import REPO

    workflow = yaml.safe_load((REPO / ".github/workflows/disclosure.yml").read_text(encoding="utf-8"))
    github_steps = " ".join(step.get("run", "") for step in workflow["jobs"]["site"]["steps"])
    assert "disclosure validate --format github" in github_steps
    job = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))["disclosure"]
    script = " ".join(job["script"])
    for command in ("pip install -e .", "disclosure validate --format gitlab", "mkdocs build -d site", "disclosure links site --format gitlab"):
        assert command in script
    reports = job["artifacts"]["reports"]["codequality"]
    assert all(f"> {name}" in script for name in reports) and job["artifacts"]["when"] == "always"


def test_links_findings_point_at_the_source_line():
    from disclosure.links.check import Broken, CheckResult
    from disclosure.links.report import format_result

    result = CheckResult(pages=2, links=5, broken=[Broken("gkml/a/index.html", "../x.pdf", "目标文件不存在", "catalogue/2021.yml:12"),
                                                  Broken("about/index.html", "y/", "目标文件不存在", None)])
    (known, unknown) = json.loads(format_result(result, "gitlab"))
    assert known["location"] == {"path": "catalogue/2021.yml", "lines": {"begin": 12}} and known["check_name"] == "dead_link"
    assert unknown["location"]["path"] == "mkdocs.yml"
    assert format_result(result, "github").splitlines()[0] == "::error file=catalogue/2021.yml,line=12::失效链接 ../x.pdf：目标文件不存在（页面 gkml/a/index.html）"
