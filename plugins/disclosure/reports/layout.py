"""The national template (2021 edition) of the annual report on government information disclosure.

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

# 二、主动公开政府信息情况
DOCUMENT_ROWS: tuple[tuple[str, str], ...] = (("rules", "规章"), ("normative", "规范性文件"))
DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("made", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"),
)
DECISION_ROWS: tuple[tuple[str, str], ...] = (
    ("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制"),
)
FEES = ("fees", "行政事业性收费")  # 本年收费金额（单位：万元）, may have decimals


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
APPLICATION_TOP = (("received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"))
RESULTS_LABEL = "三、本年度办理结果"
RESULTS_TOTAL = ("total", "（七）总计")
CARRIED_FORWARD = ("carried_forward", "四、结转下年度继续办理")


def outcome_paths(outcome: Outcome) -> list[str]:
    """Field paths (without the column index) of the rows of one outcome group."""
    base = f"applications.results.{outcome.key}"
    return [f"{base}.{key}" for key, _ in outcome.reasons] if outcome.reasons else [base]


def application_rows() -> list[tuple[str, str]]:
    """(field path, label) of every 7-number row, top to bottom."""
    rows = [(f"applications.{key}", label) for key, label in APPLICATION_TOP]
    for outcome in OUTCOMES:
        if outcome.reasons:
            rows += [(f"applications.results.{outcome.key}.{key}", label) for key, label in outcome.reasons]
        else:
            rows.append((f"applications.results.{outcome.key}", outcome.label))
    rows.append(("applications.results.total", RESULTS_TOTAL[1]))
    rows.append((f"applications.{CARRIED_FORWARD[0]}", CARRIED_FORWARD[1]))
    return rows
