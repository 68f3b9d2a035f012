"""Annual report data: structure and arithmetic checks, each problem at its file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure.reports.load import load_report

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "reports_data"
GOOD = (DATA / "good_2024.yml").read_text(encoding="utf-8")
TOTAL_ERROR = DATA / "total_error.yml"


def where(text: str, line_text: str, value: str) -> tuple[int, int]:
    """1-based line and column of `value` on the line containing `line_text`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line_text in line:
            return number, line.index(value, line.index(line_text)) + 1
    raise AssertionError(line_text)


def check(tmp_path: Path, text: str):
    (tmp_path / "r.yml").write_text(text, encoding="utf-8")
    return load_report(str(tmp_path), "r.yml", "content/r.yml")


def test_demo_and_test_reports_are_valid():
    for folder, name in [(REPO / "content", "reports/2023.yml"), (REPO / "content", "reports/2024.yml"),
                         (DATA, "good_2023.yml"), (DATA, "good_2024.yml")]:
        report, problems = load_report(str(folder), name, "x")
        assert problems == [] and report is not None and str(report.year) in name
    assert report.total("applications.received") == 51
    assert report.row("applications.results.withheld.third_party") == [2, 1, 0, 0, 0, 0, 3]


def test_wrong_grand_total_is_reported_at_its_cell():
    text = TOTAL_ERROR.read_text(encoding="utf-8")
    report, problems = load_report(str(TOTAL_ERROR.parent), TOTAL_ERROR.name, "t.yml")
    assert report is None
    line, col = where(text, "total:            [38", "52")
    total = [p for p in problems if p.path == "applications.results.total[6]"]
    assert [(p.line, p.col, p.message) for p in total] == [(line, col, total[0].message)]
    assert "总计应为 51，实为 52" in total[0].message
    # a wrong handled total also breaks 一 + 二 = 三 + 四 in the 总计 column
    balance = [p for p in problems if p.path == "applications.carried_forward[6]"]
    assert len(balance) == 1 and "不平衡" in balance[0].message
    assert str(total[0]).startswith(f"t.yml:{line}:{col}: applications.results.total[6]: 总计应为 51")


def test_row_total_and_appeal_total(tmp_path):
    text = GOOD.replace("received:      [38, 9, 1, 0, 2, 1, 51]", "received:      [38, 9, 1, 0, 2, 1, 50]")
    text = text.replace("pending: 1, total: 4}", "pending: 1, total: 5}")
    _, problems = check(tmp_path, text)
    by_path = {p.path: p for p in problems}
    row = by_path["applications.received[6]"]
    assert (row.line, row.col) == where(text, "received:      [38", "50")
    assert "总计应为 51，实为 50" in row.message
    appeal = by_path["appeals.review.total"]
    assert (appeal.line, appeal.col) == where(text, "review:", "5}")
    assert appeal.message.startswith("总计应为 4，实为 5")


def test_column_totals_and_balance_are_checked_per_column(tmp_path):
    text = GOOD.replace("disclosed:        [15, 4, 1, 0, 1, 0, 21]", "disclosed:        [16, 4, 1, 0, 1, 0, 22]")
    _, problems = check(tmp_path, text)
    paths = sorted(p.path for p in problems)
    assert paths == ["applications.results.total[0]", "applications.results.total[6]"]
    assert all("总计应为" in p.message for p in problems)


@pytest.mark.parametrize("bad, expected", [
    ("-1", "应为非负整数，实为 \"-1\""),
    ("3.5", "应为非负整数，实为 \"3.5\""),
    ("三", "应为非负整数，实为 \"三\""),
])
def test_counts_must_be_non_negative_integers(tmp_path, bad, expected):
    text = GOOD.replace("penalty: 12 ", f"penalty: {bad} ")
    _, problems = check(tmp_path, text)
    assert [(p.path, p.message) for p in problems] == [("active.penalty", expected + "；没有的可留空或填 0")]
    assert (problems[0].line, problems[0].col) == where(text, "penalty:", bad)


def test_structure_problems_are_all_collected(tmp_path):
    text = GOOD.replace("received:      [38, 9, 1, 0, 2, 1, 51]", "received:      [38, 9, 1, 0, 2, 51]")
    text = text.replace("      repeated:", "      repaeted:").replace("fees: 0 ", "fees: 1.25")
    text = text.replace("year: 2024", "year: 24")
    report, problems = check(tmp_path, text)
    messages = {p.path: p.message for p in problems}
    assert report is None
    assert "应有 7 个数" in messages["applications.received"] and "实有 6 个" in messages["applications.received"]
    assert "未知的键 \"repaeted\"" in messages["applications.results.not_processed.repaeted"]
    assert "applications.results.not_processed.repeated" not in messages  # a missing cell is blank; the typo is the error
    assert "年份 \"24\" 无效" in messages["year"]
    assert "active.fees" not in messages  # an amount in 万元 may have decimals


def test_broken_yaml_is_one_problem_not_a_traceback(tmp_path):
    report, problems = check(tmp_path, "year: 2024\nactive: [\n")
    assert report is None and len(problems) == 1 and "YAML 语法错误" in problems[0].message


def test_older_layout_loads_and_checks_its_totals(tmp_path):
    text = (DATA / "legacy_2018.yml").read_text(encoding="utf-8")
    report, problems = check(tmp_path, text)
    assert problems == [] and report is not None and report.layout == "2009"
    assert report.get("applications.answers.withheld.total") == 2
    bad = text.replace("      total: 2\n", "      total: 3\n").replace("extended: 1}", "extended: 2}")
    _, problems = check(tmp_path, bad)
    found = {p.path: p for p in problems}
    withheld = found["applications.answers.withheld.total"]
    assert (withheld.line, withheld.col) == where(bad, "      total: 3", "3")
    assert withheld.message == "总计应为 2，实为 3（“4．不同意公开答复数”各项之和）"
    answers = found["applications.answers.total"]  # its part 4 is now 3, so 12 ≠ 13
    assert answers.message.startswith("总计应为 13，实为 12")
    assert found["applications.concluded.total"].message.startswith("总计应为 13，实为 12")


def test_numbers_as_printed_full_width_and_thousands(tmp_path):
    text = GOOD.replace("licensing: 136 ", "licensing: \"1,136\"").replace("penalty: 12 ", "penalty: １２")
    report, problems = check(tmp_path, text)
    assert problems == [] and report.get("active.licensing") == 1136 and report.get("active.penalty") == 12
    _, problems = check(tmp_path, GOOD.replace("licensing: 136 ", "licensing: \"1,13\""))
    assert [p.path for p in problems] == ["active.licensing"]
