"""The national templates of the annual report on government information disclosure.

`"2021"`: 国办公开办函〔2021〕30号, for the 2021 report onwards; `"2019"`: the trial template of
国办公开办函〔2019〕60号, used for the 2019 and 2020 reports. They differ in table 2 (主动公开) and in
（六）其他处理 (one row in 2019, three in 2021); tables 3 and 4 are otherwise the same.
Every number of a report is addressed by its field path, e.g. `applications.received[6]` or
`appeals.review.total`; the same paths appear in messages, so an editor can find the cell.
"""

from __future__ import annotations

from dataclasses import dataclass

# 三、收到和处理政府信息公开申请情况 — columns of every row (a YAML list of 7 numbers)
APPLICANT_COLUMNS: tuple[str, ...] = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
ORGANISATION_COLUMNS = APPLICANT_COLUMNS[1:6]  # 法人或其他组织
TOTAL_COLUMN = 6

# 四、政府信息公开行政复议、行政诉讼情况 — columns of every row (a YAML mapping)
APPEAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"), ("total", "总计"),
)
APPEAL_ROWS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"), ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_review", "行政诉讼（复议后起诉）"),
)

LAYOUTS = ("2021", "2019", "2009")


def layout_for_year(year: int) -> str:
    """The template a report of `year` is written in when its file does not say."""
    return "2021" if year >= 2021 else "2019" if year >= 2019 else "2009"


@dataclass(frozen=True)
class Column:
    key: str  # "" when the row holds one number, e.g. `licensing: 136`
    label: str
    kind: str = "int"  # int | signed (本年增/减) | amount (万元, decimals allowed)


@dataclass(frozen=True)
class ItemTable:
    """One part of table 2 (二、主动公开政府信息情况): 第二十条第（X）项."""

    item: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, str], ...]

    def paths(self, row: str) -> list[tuple[str, Column]]:
        return [(f"active.{row}.{c.key}" if c.key else f"active.{row}", c) for c in self.columns]


_DECISIONS = (Column("", "本年处理决定数量"),)
ACTIVE_2021: tuple[ItemTable, ...] = (
    ItemTable("（一）", (Column("made", "本年制发件数"), Column("repealed", "本年废止件数"), Column("in_force", "现行有效件数")),
              (("rules", "规章"), ("normative", "行政规范性文件"))),
    ItemTable("（五）", _DECISIONS, (("licensing", "行政许可"),)),
    ItemTable("（六）", _DECISIONS, (("penalty", "行政处罚"), ("coercion", "行政强制"))),
    ItemTable("（八）", (Column("", "本年收费金额（单位：万元）", "amount"),), (("fees", "行政事业性收费"),)),
)
_ITEMS_2019 = (Column("previous", "上一年项目数量"), Column("change", "本年增/减", "signed"))
ACTIVE_2019: tuple[ItemTable, ...] = (
    ItemTable("（一）", (Column("made", "本年新制作数量"), Column("published", "本年新公开数量"), Column("in_public", "对外公开总数量")),
              (("rules", "规章"), ("normative", "规范性文件"))),
    ItemTable("（五）", (*_ITEMS_2019, Column("decisions", "处理决定数量")), (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
    ItemTable("（六）", (*_ITEMS_2019, Column("decisions", "处理决定数量")), (("penalty", "行政处罚"), ("coercion", "行政强制"))),
    ItemTable("（八）", _ITEMS_2019, (("fees", "行政事业性收费"),)),
    ItemTable("（九）", (Column("projects", "采购项目数量"), Column("amount", "采购总金额", "amount")), (("procurement", "政府集中采购"),)),
)


def active_tables(layout: str) -> tuple[ItemTable, ...]:
    return ACTIVE_2019 if layout == "2019" else ACTIVE_2021


def decisions_path(layout: str, row: str) -> str:
    """Where 处理决定数量 of 行政许可/处罚/强制 is: a number in 2021, a column in 2019."""
    return f"active.{row}.decisions" if layout == "2019" else f"active.{row}"


DECISION_ROWS: tuple[tuple[str, str], ...] = (("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制"))


@dataclass(frozen=True)
class Outcome:
    """A row group of 本年度办理结果; `reasons` empty means the group is one row itself."""

    key: str
    label: str
    reasons: tuple[tuple[str, str], ...] = ()


OUTCOMES: tuple[Outcome, ...] = (
    Outcome("disclosed", "（一）予以公开"),
    Outcome("partly_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    Outcome("withheld", "（三）不予公开", (
        ("state_secret", "1．属于国家秘密"),
        ("prohibited_by_law", "2．其他法律行政法规禁止公开"),
        ("security_stability", "3．危及“三安全一稳定”"),
        ("third_party", "4．保护第三方合法权益"),
        ("internal_affairs", "5．属于三类内部事务信息"),
        ("process_information", "6．属于四类过程性信息"),
        ("enforcement_files", "7．属于行政执法案卷"),
        ("inquiry_matters", "8．属于行政查询事项"),
    )),
    Outcome("unavailable", "（四）无法提供", (
        ("not_held", "1．本机关不掌握相关政府信息"),
        ("needs_creation", "2．没有现成信息需要另行制作"),
        ("unclear_after_correction", "3．补正后申请内容仍不明确"),
    )),
    Outcome("not_processed", "（五）不予处理", (
        ("complaints", "1．信访举报投诉类申请"),
        ("repeated", "2．重复申请"),
        ("publications", "3．要求提供公开出版物"),
        ("excessive", "4．无正当理由大量反复申请"),
        ("confirmation", "5．要求行政机关确认或重新出具已获取信息"),
    )),
    Outcome("other", "（六）其他处理", (
        ("overdue_correction", "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("unpaid_fees", "2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3．其他"),
    )),
)
OUTCOMES_2019: tuple[Outcome, ...] = (*OUTCOMES[:-1], Outcome("other", "（六）其他处理"))


def outcomes(layout: str) -> tuple[Outcome, ...]:
    return OUTCOMES_2019 if layout == "2019" else OUTCOMES
APPLICATION_TOP = (("received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"))
RESULTS_LABEL = "三、本年度办理结果"
RESULTS_TOTAL = ("total", "（七）总计")
CARRIED_FORWARD = ("carried_forward", "四、结转下年度继续办理")


def outcome_paths(outcome: Outcome) -> list[str]:
    """Field paths (without the column index) of the rows of one outcome group."""
    base = f"applications.results.{outcome.key}"
    return [f"{base}.{key}" for key, _ in outcome.reasons] if outcome.reasons else [base]


def application_rows(layout: str = "2021") -> list[tuple[str, str]]:
    """(field path, label) of every 7-number row, top to bottom."""
    rows = [(f"applications.{key}", label) for key, label in APPLICATION_TOP]
    for outcome in outcomes(layout):
        if outcome.reasons:
            rows += [(f"applications.results.{outcome.key}.{key}", label) for key, label in outcome.reasons]
        else:
            rows.append((f"applications.results.{outcome.key}", outcome.label))
    rows.append(("applications.results.total", RESULTS_TOTAL[1]))
    rows.append((f"applications.{CARRIED_FORWARD[0]}", CARRIED_FORWARD[1]))
    return rows
