"""AnnualReport → plain rows for the HTML templates, the xlsx export and the chart."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import layout
from .model import AnnualReport, Number


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Number, ...] = ()
    context: str = ""  # read before the label by screen readers, e.g. "不予公开："
    level: int = 0  # indentation
    group: bool = False  # a heading row without numbers


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    columns: tuple[str, ...]  # headers of the number columns
    rows: tuple[Row, ...]
    corner: str = "项目"  # header of the label column
    extra: dict[str, object] = field(default_factory=dict)


def document_table(report: AnnualReport) -> Table:
    rows = tuple(Row(label, tuple(report.get(f"active.{key}.{c}") for c, _ in layout.DOCUMENT_COLUMNS))
                 for key, label in layout.DOCUMENT_ROWS)
    return Table("documents", "主动公开：规章和规范性文件（第二十条第（一）项，单位：件）",
                 tuple(label for _, label in layout.DOCUMENT_COLUMNS), rows, corner="信息内容")


def decision_table(report: AnnualReport) -> Table:
    rows = tuple(Row(label, (report.get(f"active.{key}"),)) for key, label in layout.DECISION_ROWS)
    rows += (Row(layout.FEES[1], (report.get(f"active.{layout.FEES[0]}"),)),)
    return Table("decisions", "主动公开：行政许可、行政处罚、行政强制处理决定数量（第二十条第（五）（六）项，单位：件）和行政事业性收费金额（第二十条第（八）项，单位：万元）",
                 ("本年数量或金额",), rows, corner="信息内容")


def application_table(report: AnnualReport) -> Table:
    rows: list[Row] = [Row(label, tuple(report.row(f"applications.{key}"))) for key, label in layout.APPLICATION_TOP]
    rows.append(Row(layout.RESULTS_LABEL, group=True))
    for outcome in layout.OUTCOMES:
        base = f"applications.results.{outcome.key}"
        if not outcome.reasons:
            rows.append(Row(outcome.label, tuple(report.row(base)), level=1))
            continue
        rows.append(Row(outcome.label, group=True, level=1))
        context = outcome.label.split("）", 1)[1] + "："
        rows += [Row(label, tuple(report.row(f"{base}.{key}")), context, level=2) for key, label in outcome.reasons]
    rows.append(Row(layout.RESULTS_TOTAL[1], tuple(report.row("applications.results.total")), "办理结果", level=1))
    rows.append(Row(layout.CARRIED_FORWARD[1], tuple(report.row(f"applications.{layout.CARRIED_FORWARD[0]}"))))
    return Table("applications", "收到和处理政府信息公开申请情况（单位：件）", layout.APPLICANT_COLUMNS, tuple(rows),
                 corner="项目（第一项加第二项之和，等于第三项加第四项之和）")


def appeal_table(report: AnnualReport) -> Table:
    rows = tuple(Row(label, tuple(report.get(f"appeals.{key}.{c}") for c, _ in layout.APPEAL_COLUMNS))
                 for key, label in layout.APPEAL_ROWS)
    return Table("appeals", "政府信息公开行政复议、行政诉讼情况（单位：件）",
                 tuple(label for _, label in layout.APPEAL_COLUMNS), rows, corner="类别")


def all_tables(report: AnnualReport) -> list[Table]:
    return [document_table(report), decision_table(report), application_table(report), appeal_table(report)]


def outcome_totals(report: AnnualReport) -> list[tuple[str, Number]]:
    """(short label, 总计) of the six outcome groups, for the chart."""
    return [(_short(o.label), report.outcome_total(o)) for o in layout.OUTCOMES]


def comparison_rows(report: AnnualReport, previous: AnnualReport) -> list[Row]:
    """本年与上年：the headline numbers and their change."""
    metrics: list[tuple[str, Number, Number]] = [
        ("本年新收申请", previous.total("applications.received"), report.total("applications.received")),
        ("上年结转申请", previous.total("applications.carried_over"), report.total("applications.carried_over")),
    ]
    metrics += [(label, before, after) for (label, before), (_, after)
                in zip(outcome_totals(previous), outcome_totals(report))]
    metrics += [
        ("办理结果总计", previous.total("applications.results.total"), report.total("applications.results.total")),
        ("结转下年度继续办理", previous.total("applications.carried_forward"), report.total("applications.carried_forward")),
        ("制发规范性文件", previous.get("active.normative.made"), report.get("active.normative.made")),
    ]
    metrics += [(label, previous.get(f"active.{key}"), report.get(f"active.{key}")) for key, label in layout.DECISION_ROWS]
    metrics += [(label, previous.get(f"appeals.{key}.total"), report.get(f"appeals.{key}.total"))
                for key, label in layout.APPEAL_ROWS]
    return [Row(label, (before, after, after - before)) for label, before, after in metrics]


def _short(label: str) -> str:
    return label.split("）", 1)[1].split("（")[0]
