"""A finding of the self-inspection, and the indicators it belongs to (指标, 考察点, 单项否决)."""

from __future__ import annotations

from dataclasses import dataclass

from ..problems import Pos


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str  # 指标
    point: str  # 考察点
    can_veto: bool = False


INDICATORS: tuple[Indicator, ...] = (
    Indicator("homepage_not_updated", "首页不更新", "首页栏目信息超过 2 周未更新", True),
    Indicator("column_not_updated", "栏目不更新", "动态要闻类超过 2 周、通知公告和政策文件类超过 6 个月未更新的栏目累计 5 个及以上；"
              "应更新而长期未更新的栏目 10 个及以上（按分类的 update_within 判断）", True),
    Indicator("blank_column", "空白栏目", "没有任何信息的栏目 5 个及以上", True),
    Indicator("dead_link", "可用性：不可用链接", "首页和其他页面的不可用链接（分开计数）"),
    Indicator("footer", "网站标识：页脚", "主办单位、网站标识码、ICP 备案编号（链接到工业和信息化部备案系统）、"
              "公安机关备案号（链接到全国互联网安全管理服务平台）"),
    Indicator("undated", "信息发布：发布日期", "页面或信息缺少日期"),
    Indicator("validity_missing", "规范性文件：文号和有效性", "规范性文件缺少文号或有效性"),
    Indicator("interpretation_missing", "政策解读", "需要解读的文件没有对应的解读（interprets）"),
    Indicator("timeliness", "信息发布：公开时限", "自生成之日起超过规定工作日才公开（《政府信息公开条例》第二十六条）"),
    Indicator("annual_report_late", "政府信息公开工作年度报告", "年度报告未按期发布（部门 1 月 31 日前，政府 3 月 31 日前）"),
    Indicator("expired_in_force", "规范性文件：有效性", "超过有效期仍标为有效"),
    Indicator("duplicate_title", "信息发布：重复发布", "标题相同的信息重复发布"),
    Indicator("miswriting", "信息发布：错别字", "标题、内容概述中的常见错别字"),
)
BY_ID = {indicator.id: indicator for indicator in INDICATORS}


@dataclass(frozen=True)
class Finding:
    indicator: str
    message: str  # Chinese
    veto: bool = False
    pos: Pos | None = None  # file:line:col when the finding has one
    place: str | None = None  # otherwise a category id or a page

    @property
    def where(self) -> str:
        if self.pos is not None:
            return f"{self.pos.file}:{self.pos.line}"
        return self.place or ""


def is_veto(findings: list[Finding]) -> bool:
    return any(f.veto for f in findings)


def result_text(indicator: Indicator, group: list[Finding]) -> str:
    """The 结果 cell of the 自查表; dead links count the home page and the other pages apart."""
    if any(f.veto for f in group):
        return "不合格（单项否决）"
    if not group:
        return "通过"
    if indicator.id == "dead_link":
        home = sum(1 for f in group if f.message.startswith("首页"))
        return f"首页 {home} 个，其他页面 {len(group) - home} 个"
    return f"发现 {len(group)} 个问题"
