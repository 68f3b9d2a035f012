"""Words often mistyped in government documents: wrong form → right form (规范用字).

Sites may add their own in mkdocs.yml: `extra: {disclosure_report: {miswritings: {错: 对}}}`.
"""

from __future__ import annotations

MISWRITINGS: dict[str, str] = {
    "截止目前": "截至目前", "截止到": "截至", "其它": "其他", "登陆系统": "登录系统", "登陆网站": "登录网站",
    "帐户": "账户", "帐号": "账号", "做为": "作为", "必需遵守": "必须遵守", "签定合同": "签订合同",
    "权力和义务": "权利和义务", "反应问题": "反映问题", "部暑": "部署", "按步就班": "按部就班",
    "再接再励": "再接再厉", "迫不急待": "迫不及待", "一愁莫展": "一筹莫展", "既往不究": "既往不咎",
    "以身作责": "以身作则", "走头无路": "走投无路", "记忆尤新": "记忆犹新", "振憾": "震撼",
    "针贬": "针砭", "追朔": "追溯", "渲泄": "宣泄", "国藉": "国籍", "松驰": "松弛", "安祥": "安详",
    "暴燥": "暴躁", "急燥": "急躁", "发韧": "发轫", "重迭": "重叠", "气慨": "气概", "粗旷": "粗犷",
    "编缉": "编辑", "幅射": "辐射", "防碍": "妨碍", "秘决": "秘诀", "决窍": "诀窍", "通迅": "通讯",
    "座落": "坐落", "一股作气": "一鼓作气", "不径而走": "不胫而走", "侯车": "候车",
    "篮图": "蓝图",
}


def find_miswritings(text: str, extra: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(wrong, right) pairs found in `text`, in the order of the list."""
    words = {**MISWRITINGS, **(extra or {})}
    return [(wrong, right) for wrong, right in words.items() if wrong in text]
