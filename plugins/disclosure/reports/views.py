"""AnnualReport → plain rows for the HTML templates, the xlsx export and the chart.

The tables follow the printed national template: table 2 one part per 第二十条 item, table 3 with
the 申请人情况 header over 自然人 / 法人或其他组织 / 总计, table 4 one row of 15 numbers under a
two-level header (行政复议; 行政诉讼 → 未经复议直接起诉, 复议后起诉).
"""

from __future__ import annotations

from dataclasses import dataclass

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
class Head:
    """A header cell; a cell spanning several columns heads a column group."""

    label: str
    colspan: int = 1
    rowspan: int = 1

    @property
    def scope(self) -> str:
        return "colgroup" if self.colspan > 1 else "col"


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    columns: tuple[str, ...]  # the number columns, bottom header row
    rows: tuple[Row, ...]
    corner: str = "项目"  # header of the label column ("" when the table has none)
    header: tuple[tuple[Head, ...], ...] = ()  # header rows; default: corner + columns

    @property
    def head(self) -> tuple[tuple[Head, ...], ...]:
        return self.header or ((*((Head(self.corner),) if self.corner else ()), *map(Head, self.columns)),)

    @property
    def width(self) -> int:
        return len(self.columns) + (1 if self.corner else 0)


ITEM_KEYS = {"（一）": "1", "（五）": "5", "（六）": "6", "（八）": "8", "（九）": "9"}


def active_tables(report: AnnualReport) -> list[Table]:
    """二、主动公开政府信息情况: one table per 第二十条 item, as the template prints them."""
    tables = []
    for item in layout.active_tables(report.layout):
        rows = tuple(Row(label, tuple(report.get(path) for path, _ in item.paths(key))) for key, label in item.rows)
        tables.append(Table(f"item-{ITEM_KEYS[item.item]}", f"第二十条第{item.item}项",
                            tuple(c.label for c in item.columns), rows, corner="信息内容"))
    return tables


def application_table(report: AnnualReport) -> Table:
    rows: list[Row] = [Row(label, tuple(report.row(f"applications.{key}"))) for key, label in layout.APPLICATION_TOP]
    rows.append(Row(layout.RESULTS_LABEL, group=True))
    for outcome in report.outcomes:
        base = f"applications.results.{outcome.key}"
        if not outcome.reasons:
            rows.append(Row(outcome.label, tuple(report.row(base)), level=1))
            continue
        rows.append(Row(outcome.label, group=True, level=1))
        context = outcome.label.split("）", 1)[1] + "："
        rows += [Row(label, tuple(report.row(f"{base}.{key}")), context, level=2) for key, label in outcome.reasons]
    rows.append(Row(layout.RESULTS_TOTAL[1], tuple(report.row("applications.results.total")), "办理结果", level=1))
    rows.append(Row(layout.CARRIED_FORWARD[1], tuple(report.row(f"applications.{layout.CARRIED_FORWARD[0]}"))))
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    columns = layout.APPLICANT_COLUMNS
    header = (
        (Head(corner, rowspan=3), Head("申请人情况", colspan=len(columns))),
        (Head(columns[0], rowspan=2), Head("法人或其他组织", colspan=len(layout.ORGANISATION_COLUMNS)), Head(columns[-1], rowspan=2)),
        tuple(Head(label) for label in layout.ORGANISATION_COLUMNS),
    )
    return Table("applications", "收到和处理政府信息公开申请情况（单位：件）", columns, tuple(rows), corner, header)


def appeal_table(report: AnnualReport) -> Table:
    """One row of 15 numbers: 行政复议, 未经复议直接起诉, 复议后起诉, each 维持 … 总计."""
    labels = tuple(label for _, label in layout.APPEAL_COLUMNS)
    cells = tuple(report.get(f"appeals.{row}.{column}") for row, _ in layout.APPEAL_ROWS for column, _ in layout.APPEAL_COLUMNS)
    span = len(labels)
    header = (
        (Head("行政复议", colspan=span), Head("行政诉讼", colspan=2 * span)),
        (*(Head(label, rowspan=2) for label in labels), Head("未经复议直接起诉", colspan=span), Head("复议后起诉", colspan=span)),
        tuple(Head(label) for label in labels * 2),
    )
    return Table("appeals", "政府信息公开行政复议、行政诉讼情况（单位：件）", labels * 3, (Row("", cells),), "", header)


def all_tables(report: AnnualReport) -> list[Table]:
    return [*active_tables(report), application_table(report), appeal_table(report)]


def outcome_totals(report: AnnualReport) -> list[tuple[str, Number]]:
    """(short label, 总计) of the six outcome groups, for the chart."""
    return [(_short(o.label), report.outcome_total(o)) for o in report.outcomes]


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
    metrics += [(label, previous.get(layout.decisions_path(previous.layout, key)), report.get(layout.decisions_path(report.layout, key)))
                for key, label in layout.DECISION_ROWS]
    metrics += [(label, previous.get(f"appeals.{key}.total"), report.get(f"appeals.{key}.total"))
                for key, label in layout.APPEAL_ROWS]
    return [Row(label, (before, after, after - before)) for label, before, after in metrics]


def _short(label: str) -> str:
    return label.split("）", 1)[1].split("（")[0]
