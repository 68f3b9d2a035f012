"""The outcome chart: an SVG drawn at build time with pygal (no JavaScript), plus its text alternative."""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

from .model import AnnualReport
from .views import outcome_totals

FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif'
CURRENT, PREVIOUS = "#1f5fa8", "#8a94a6"
STYLE = dict(
    font_family=FONTS, background="#ffffff", plot_background="#ffffff", foreground="#1a1a1a",
    foreground_strong="#000000", foreground_subtle="#555555", opacity="1", opacity_hover="1",
    label_font_size=14, major_label_font_size=14, legend_font_size=14, title_font_size=16,
    value_font_size=13, tooltip_font_size=13,
)


def chart_title(report: AnnualReport, previous: AnnualReport | None) -> str:
    years = f"{previous.year}—{report.year} 年" if previous else f"{report.year} 年"
    return f"{years}政府信息公开申请办理结果（单位：件）"


def chart_text(report: AnnualReport, previous: AnnualReport | None) -> str:
    """The chart in words: what a screen reader announces instead of the picture."""
    parts = []
    for source in ([previous] if previous else []) + [report]:
        numbers = "，".join(f"{label} {value} 件" for label, value in outcome_totals(source))
        parts.append(f"{source.year} 年：{numbers}")
    return f"柱状图，{chart_title(report, previous)}。" + "；".join(parts) + "。"


def chart_svg(report: AnnualReport, previous: AnnualReport | None) -> bytes:
    chart = pygal.Bar(
        style=Style(colors=(PREVIOUS, CURRENT) if previous else (CURRENT,), **STYLE), js=[], width=820, height=420, title=chart_title(report, previous),
        print_values=True, show_y_guides=True, legend_at_bottom=True, truncate_label=-1,
        truncate_legend=-1, x_label_rotation=0, margin=16, explicit_size=True,
    )
    totals = outcome_totals(report)
    chart.x_labels = [label for label, _ in totals]
    if previous is not None:
        chart.add(f"{previous.year} 年", [int(value) for _, value in outcome_totals(previous)])
    chart.add(f"{report.year} 年", [int(value) for _, value in totals])
    chart.uuid = f"dc-report-{report.year}"  # pygal draws a random id: rebuilds must be byte-identical
    svg = re.sub(r"<script\b.*?</script>", "", chart.render(is_unicode=True), flags=re.DOTALL)  # no JavaScript
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)  # pygal's credits carry the day of the build
    return _describe(svg, chart_text(report, previous)).encode("utf-8")


def _describe(svg: str, text: str) -> str:
    """Give the SVG root role="img", an accessible name and a <desc> with the numbers."""
    from markupsafe import escape
    head, _, rest = svg.partition("<svg")
    tag_end = rest.index(">")
    opening = rest[:tag_end] + ' role="img" aria-label="' + str(escape(text)) + '"'
    return f"{head}<svg{opening}><desc>{escape(text)}</desc>{rest[tag_end + 1:]}"
