"""The text of generated entry bodies (generate.py): paragraphs of government-document vocabulary, or of
a wide made-up vocabulary (`use_wide_vocabulary`), in sections under headings or not, with lists, a
table, bold labels and a signature block or not."""

from __future__ import annotations

import itertools
import random

PHRASES = ("为了 规范 本市 政务数据 共享开放 工作 提高 行政效率 根据 有关 法律法规 结合 本市实际 制定 本办法 "
           "各区 人民政府 市政府 各部门 应当 按照 统一标准 建设 管理平台 推进 信息资源目录 编制 数据采集 更新维护 "
           "安全保障 监督检查 考核评价 明确 责任分工 加强 组织领导 确保 各项任务 落到实处 自发布之日起 施行 有效期 "
           "五年 社会公众 依法 申请 获取 政府信息 行政机关 主动公开 依申请公开 财政预算 专项资金 绩效评价 政府采购 "
           "招标投标 行政许可 办事指南 收费标准 统计公报 国民经济 社会发展 营商环境 数字政府 一网通办 公共服务").split()
WIDE: tuple[list[str], list[float]] | None = None  # --wide-vocabulary: (made-up words, cumulative weights)


def use_wide_vocabulary() -> None:
    """Bodies from now on in the wide vocabulary (generate.py --wide-vocabulary)."""
    global WIDE
    WIDE = wide_vocabulary()


def wide_vocabulary() -> tuple[list[str], list[float]]:
    rng = random.Random("wide")
    characters = [chr(0x4E00 + at) for at in rng.sample(range(20_000), 3_500)]
    weights = [1 / rank for rank in range(1, len(characters) + 1)]
    words = ["".join(rng.choices(characters, weights, k=rng.choice((2, 2, 2, 3, 4)))) for _ in range(20_000)]
    return words, list(itertools.accumulate(1 / rank ** 0.9 for rank in range(1, len(words) + 1)))


def clause(rng: random.Random) -> str:
    if WIDE is None:
        return "".join(rng.choice(PHRASES) for _ in range(rng.randint(3, 6)))
    return "".join(rng.choices(WIDE[0], cum_weights=WIDE[1], k=rng.randint(5, 10)))


def paragraph(rng: random.Random) -> str:
    """A few sentences of government-document vocabulary (real words, so jieba sees realistic text)."""
    sentences = []
    for _ in range(rng.randint(3, 6)):
        clauses = [clause(rng) for _ in range(rng.randint(2, 4))]
        sentences.append("，".join(clauses) + "。")
    if rng.random() < 0.3:
        sentences.append(f"截至{rng.randint(2012, 2026)}年{rng.randint(1, 12)}月，共完成{rng.randint(1, 999)}项。")
    return "".join(sentences)


NUMERALS = "一二三四五六"


def with_headings(paragraphs: list[str], rng: random.Random) -> list[str]:
    """The paragraphs in sections, each under a heading of its own."""
    return [f"## {NUMERALS[i]}、{rng.choice(PHRASES)}{rng.choice(PHRASES)}\n\n{text}" for i, text in enumerate(paragraphs)]


def with_markup(blocks: list[str], rng: random.Random, agency: str, date: str) -> list[str]:
    """The blocks with a numbered list after the first, maybe a bulleted list and a table, and a
    signature block (the agency over the date, on lines of their own)."""
    items = "\n".join(f"{k}. **第{NUMERALS[k - 1]}条** {clause(rng)}。" for k in range(1, rng.randint(3, 6)))
    made = [blocks[0], items, *blocks[1:]]
    if rng.random() < 0.5:
        made.insert(3, "\n".join(f"- {clause(rng)}" for _ in range(rng.randint(2, 4))))
    if rng.random() < 0.4:
        rows = [f"| {rng.choice(PHRASES)} | {rng.randint(1, 999)} | {clause(rng)} |" for _ in range(rng.randint(2, 6))]
        made.insert(len(made) - 1, "\n".join(["| 项目 | 数量 | 说明 |", "| --- | --- | --- |", *rows]))
    return [*made, f"{agency}  \n{date}"]
