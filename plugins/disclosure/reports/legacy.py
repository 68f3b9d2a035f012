"""The older statistics table (2009–2020 reports, 政府信息公开情况统计表): one column of numbers.

A group is a mapping; when it has `total`, the total must be the sum of the group's other items
(a sub-group counts with its own total).
"""

from __future__ import annotations

from typing import Union

from ..problems import Problem
from ..yamlpos import Mapping
from .model import AnnualReport
from .views import Row, Table, all_tables

Spec = dict[str, tuple[str, Union[str, "Spec"]]]  # key → (label, "int" | "amount" | sub-spec)

LEGACY_SPEC: Spec = {
    "active": ("一、主动公开情况", {
        "published": ("主动公开政府信息数", "int"),
        "normative_published": ("其中：主动公开规范性文件数", "int"),
        "normative_made": ("制发规范性文件总数", "int"),
    }),
    "applications": ("二、依申请公开情况", {
        "received": ("（一）收到申请数", {
            "total": ("收到申请数", "int"), "in_person": ("1．当面申请数", "int"), "fax": ("2．传真申请数", "int"),
            "online": ("3．网络申请数", "int"), "letter": ("4．信函申请数", "int"),
        }),
        "concluded": ("（二）申请办结数", {
            "total": ("申请办结数", "int"), "on_time": ("1．按时办结数", "int"), "extended": ("2．延期办结数", "int"),
        }),
        "answers": ("（三）申请答复数", {
            "total": ("申请答复数", "int"),
            "already_public": ("1．属于已主动公开范围数", "int"), "disclosed": ("2．同意公开答复数", "int"),
            "partly_disclosed": ("3．同意部分公开答复数", "int"),
            "withheld": ("4．不同意公开答复数", {
                "total": ("不同意公开答复数", "int"), "state_secret": ("涉及国家秘密", "int"),
                "commercial_secret": ("涉及商业秘密", "int"), "privacy": ("涉及个人隐私", "int"),
                "security_stability": ("危及国家安全、公共安全、经济安全和社会稳定", "int"),
                "not_government_information": ("不是《条例》所指政府信息", "int"),
                "other_laws": ("法律法规规定的其他情形", "int"),
            }),
            "not_this_agency": ("5．不属于本行政机关公开", "int"), "not_exist": ("6．申请信息不存在", "int"),
            "correction": ("7．告知作出更改补充", "int"), "other_channels": ("8．告知通过其他途径办理", "int"),
        }),
    }),
    "appeals": ("三、行政复议和行政诉讼", {
        "review": ("行政复议数量", {
            "total": ("行政复议数量", "int"), "upheld": ("维持具体行政行为数", "int"),
            "corrected": ("被依法纠错数", "int"), "other": ("其他情形数", "int"),
        }),
        "litigation": ("行政诉讼数量", {
            "total": ("行政诉讼数量", "int"), "upheld": ("维持具体行政行为或者驳回原告诉讼请求数", "int"),
            "corrected": ("被依法纠错数", "int"), "other": ("其他情形数", "int"),
        }),
    }),
    "complaints": ("四、举报投诉数量", "int"),
    "fees": ("五、依申请公开信息收取的费用（万元）", "amount"),
}


def read_legacy(reader, top: Mapping) -> None:
    """Store every number of the old layout through the 2021 reader's `store`/`keys` helpers."""
    _read_group(reader, top, LEGACY_SPEC, "", skip=("year", "layout", "agency"))


def _read_group(reader, node: Mapping, spec: Spec, path: str, skip: tuple[str, ...] = ()) -> None:
    from .. import values as fields
    fields.check_keys(node, [*skip, *spec], ["year"] if skip else [], path, reader.say)
    for key, (_, kind) in spec.items():
        full = f"{path}.{key}" if path else key
        if isinstance(kind, dict):
            child = reader.section(node, key, path)
            if child is not None:
                _read_group(reader, child, kind, full)
        else:
            reader.number(node, key, path, "amount" if kind == "amount" else "int")


def fill_legacy_totals(values: dict, blank: set[str], spec: Spec = LEGACY_SPEC, path: str = "") -> None:
    """A blank group total is the sum of the group's items (sub-groups filled first)."""
    for key, (_, kind) in spec.items():
        full = f"{path}.{key}" if path else key
        if isinstance(kind, dict):
            fill_legacy_totals(values, blank, kind, full)
            if f"{full}.total" in blank:
                values[f"{full}.total"] = sum(values.get(p, 0) for p in _parts(kind, full))


def _parts(spec: Spec, path: str) -> list[str]:
    return [f"{path}.{k}.total" if isinstance(v, dict) else f"{path}.{k}" for k, (_, v) in spec.items() if k != "total"]


def check_legacy(report: AnnualReport, spec: Spec = LEGACY_SPEC, path: str = "") -> list[Problem]:
    problems: list[Problem] = []
    for key, (label, kind) in spec.items():
        if not isinstance(kind, dict):
            continue
        full = f"{path}.{key}" if path else key
        problems += check_legacy(report, kind, full)
        if "total" not in kind:
            continue
        expected = sum(report.get(p) for p in _parts(kind, full))
        if report.get(f"{full}.total") != expected:
            where = report.where(f"{full}.total")
            message = f"总计应为 {expected}，实为 {report.get(f'{full}.total')}（“{label}”各项之和）"
            problems.append(Problem(where.file, where.line, where.col, f"{full}.total", message))
    return problems


def legacy_table(report: AnnualReport) -> Table:
    rows: list[Row] = []
    _rows(report, LEGACY_SPEC, "", 0, rows)
    return Table("legacy", f"{report.year} 年政府信息公开情况统计表（旧版格式）", ("数量",), tuple(rows), corner="统计指标")


def _rows(report: AnnualReport, spec: Spec, path: str, level: int, rows: list[Row]) -> None:
    for key, (label, kind) in spec.items():
        full = f"{path}.{key}" if path else key
        if key == "total":
            continue
        if isinstance(kind, dict) and "total" in kind:
            rows.append(Row(label, (report.get(f"{full}.total"),), level=level))
            _rows(report, kind, full, level + 1, rows)
        elif isinstance(kind, dict):
            rows.append(Row(label, group=True, level=level))
            _rows(report, kind, full, level + 1, rows)
        else:
            rows.append(Row(label, (report.get(full),), level=level))


def tables_for(report: AnnualReport) -> list[Table]:
    return [legacy_table(report)] if report.layout == "2009" else all_tables(report)
