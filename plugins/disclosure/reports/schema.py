"""The JSON Schema of the report YAML, built from the layouts; `schema.json` is its output.

Regenerate after changing a layout: `python -m disclosure.reports.schema > plugins/disclosure/reports/schema.json`
(a test fails while the shipped file differs from what this module builds).
"""

from __future__ import annotations

import json

from . import layout
from .legacy import LEGACY_SPEC, Spec

BLANK = {"anyOf": [{"type": "null"}, {"type": "string", "pattern": "^\\s*(-|－|—|——|–|/|／|~|null|Null|NULL)?\\s*$"}],
         "description": "空格子（表示 0；总计留空则按各项之和）"}
DEFS = {
    "blank": BLANK,
    "int": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^\\s*\\d+\\s*$"}, {"$ref": "#/$defs/blank"}]},
    "signed": {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^\\s*[-+－−]?\\d+\\s*$"}, {"$ref": "#/$defs/blank"}]},
    "amount": {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": "^\\s*\\d+(\\.\\d{1,4})?\\s*$"},
                         {"$ref": "#/$defs/blank"}]},
    "row": {"anyOf": [{"type": "array", "minItems": 7, "maxItems": 7, "items": {"$ref": "#/$defs/int"}}, {"$ref": "#/$defs/blank"}]},
}
ROW_HELP = "（7 个数，依次为：" + "、".join(layout.APPLICANT_COLUMNS) + "；空格子写 -）"
ROW = {"$ref": "#/$defs/row"}


def _cell(kind: str, description: str) -> dict:
    return {"$ref": f"#/$defs/{kind}", "description": description}


def _group(properties: dict, description: str) -> dict:
    return {"anyOf": [{"type": "object", "additionalProperties": False, "properties": properties}, {"$ref": "#/$defs/blank"}],
            "description": description}


def _active(edition: str) -> dict:
    properties = {}
    for table in layout.active_tables(edition):
        for key, label in table.rows:
            where = f"第二十条第{table.item}项 {label}"
            if not table.columns[0].key:
                properties[key] = _cell(table.columns[0].kind, f"{where}：{table.columns[0].label}")
            else:
                properties[key] = _group({c.key: _cell(c.kind, f"{label}：{c.label}") for c in table.columns}, where)
    return _group(properties, "二、主动公开政府信息情况")


def _applications(edition: str) -> dict:
    results = {}
    for outcome in layout.outcomes(edition):
        if outcome.reasons:
            results[outcome.key] = _group({k: {**ROW, "description": label + ROW_HELP} for k, label in outcome.reasons}, outcome.label)
        else:
            results[outcome.key] = {**ROW, "description": outcome.label + ROW_HELP}
    results["total"] = {**ROW, "description": layout.RESULTS_TOTAL[1] + "（留空则按各项之和）"}
    properties = {key: {**ROW, "description": label + ROW_HELP} for key, label in layout.APPLICATION_TOP}
    properties["results"] = _group(results, layout.RESULTS_LABEL)
    properties["carried_forward"] = {**ROW, "description": layout.CARRIED_FORWARD[1]}
    return _group(properties, "三、收到和处理政府信息公开申请情况")


def _appeals() -> dict:
    columns = {key: _cell("int", label) for key, label in layout.APPEAL_COLUMNS}
    return _group({key: _group(columns, label) for key, label in layout.APPEAL_ROWS}, "四、政府信息公开行政复议、行政诉讼情况")


def _legacy(spec: Spec) -> dict:
    properties = {}
    for key, (label, kind) in spec.items():
        properties[key] = _group(_legacy(kind), label) if isinstance(kind, dict) else _cell(kind, label)
    return properties


def _branch(sections: dict) -> dict:
    """The keys of one layout; year, layout and agency are described at the top."""
    return {"properties": {"year": True, "layout": True, "agency": True, **sections}, "additionalProperties": False}


def _national(edition: str) -> dict:
    return _branch({"active": _active(edition), "applications": _applications(edition), "appeals": _appeals()})


def build_schema() -> dict:
    top = {
        "year": {"anyOf": [{"type": "integer", "minimum": 2008, "maximum": 2100}, {"type": "string", "pattern": "^\\d{4}$"}],
                 "description": "报告年度（统计期限的年份），四位数字"},
        "layout": {"enum": list(layout.LAYOUTS), "description": "报告格式：2021（2021 年度起）、2019（2019、2020 年度试行格式）、"
                   "2009（旧版统计表）；不写则按年度选择"},
        "agency": {"type": "string", "description": "报告机关（不写则为目录的主办单位）"},
    }
    is_2019 = {"anyOf": [{"properties": {"layout": {"const": "2019"}}, "required": ["layout"]},
                         {"not": {"required": ["layout"]}, "properties": {"year": {"enum": [2019, 2020, "2019", "2020"]}}}]}
    is_2009 = {"anyOf": [{"properties": {"layout": {"const": "2009"}}, "required": ["layout"]},
                         {"not": {"required": ["layout"]}, "properties": {"year": {"anyOf": [
                             {"type": "integer", "maximum": 2018}, {"type": "string", "pattern": "^(200\\d|201[0-8])$"}]}}}]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:disclosure:annual-report",
        "title": "政府信息公开工作年度报告统计数据（全国统一格式）",
        "type": "object",
        "required": ["year"],
        "properties": top,
        "if": is_2009,
        "then": _branch(_legacy(LEGACY_SPEC)),
        "else": {"if": is_2019, "then": _national("2019"), "else": _national("2021")},
        "$defs": DEFS,
    }


if __name__ == "__main__":
    print(json.dumps(build_schema(), ensure_ascii=False, indent=2))
