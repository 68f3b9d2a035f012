"""Generate a synthetic disclosure catalogue of N entries, twice: for the plugin and as plain MkDocs.

    python benchmarks/build/generate.py N OUT_DIR [--headings] [--wide-vocabulary] [--markup] [--attachment-kb K]

--headings: each body is in sections under "## 一、…" headings (a table of contents on every page),
as many government documents are; without it, bodies are paragraphs only.
--wide-vocabulary: bodies are made of 20,000 made-up words over 3,500 characters, drawn with Zipf-like
weights, so their text holds hundreds of thousands of distinct character pairs, as real Chinese text
does; without it, bodies repeat the ~70 phrases of body_text.py (a few thousand pairs in all).
--markup: each body also holds a numbered list of clauses with bold labels ("1. **第一条** …"), half of
them a bulleted list, two in five a table of three columns, and a signature block (agency and date on
two lines, a Markdown line break between), as notices written by editors and bodies imported from a
CMS do; without it, no Markdown markup but the cross-references' links.
--attachment-kb: each attachment (one entry in five has one) holds K KB of random bytes, as real PDFs
do; without it, 2 KB of zeros.

OUT_DIR/disclosure/  mkdocs.yml (material, zh, plugins [search, disclosure]), directory.yml,
                     content/index.md, content/gkml/<year>/<seq>.md bodies, content/files/… attachments
OUT_DIR/hugo/        the plain variant's pages and category listings for Hugo (hugo_site.py)
OUT_DIR/plain/       mkdocs.yml (material, zh, plugins [search]), the same information as one plain
                     Markdown page per entry (metadata table + body) under content/docs/<year>/<seq>.md,
                     out of the nav (`nav: [index.md]` + `not_in_nav`), plus one page per category
                     listing its entries, so both sites carry the same information.

Deterministic: the same N gives byte-identical projects.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil

from body_text import paragraph, use_wide_vocabulary, with_headings, with_markup
from hugo_site import generate_hugo

AGENCY_CODE = "11440100MB2C00000X"
AGENCY_NAME = "示例市数据管理局"
ROOTS = [  # 8 roots × 4 children = 40 categories
    ("rules", "法规文件", ["法规", "规章", "规范性文件", "政策解读"]),
    ("plans", "规划计划", ["发展规划", "年度计划", "专项规划", "工作总结"]),
    ("finance", "财政信息", ["预算", "决算", "三公经费", "政府采购"]),
    ("permits", "行政许可", ["许可事项", "办事指南", "许可结果", "收费标准"]),
    ("personnel", "人事信息", ["招录", "任免", "培训", "考核"]),
    ("projects", "重点项目", ["立项", "建设", "验收", "资金"]),
    ("stats", "统计数据", ["统计公报", "统计年鉴", "专项统计", "数据发布"]),
    ("notices", "通知公告", ["通知", "公告", "通报", "公示"]),
]
PUBLISHERS = ["办公室", "政策法规科", "规划科", "财务科", "人事科", "数据资源科", "信息化科", "综合执法大队"]
WORDS = ("数据 共享 开放 管理 办法 通知 规划 实施 意见 方案 标准 规范 安全 服务 平台 政务 信息 公开 "
         "建设 推进 工作 年度 报告 统计 预算 许可 审批 监督 检查 考核 培训 项目 资金 采购 公示").split()
YEARS = list(range(2012, 2027))


def categories_tree() -> tuple[list[dict], list[tuple[str, str, str]]]:
    """(directory.yml categories, leaves as (id, title, root title))."""
    tree, leaves = [], []
    for root_id, root_title, children in ROOTS:
        kids = []
        for i, title in enumerate(children, 1):
            kid_id = f"{root_id}-{i}"
            kids.append({"id": kid_id, "title": title})
            leaves.append((kid_id, title, root_title))
        tree.append({"id": root_id, "title": root_title, "children": kids})
    return tree, leaves


def make_entries(n: int, headings: bool = False, markup: bool = False) -> list[dict]:
    rng = random.Random(n)
    marking = random.Random(-n)  # its own draws: the other fields stay those of the plain bodies
    _, leaves = categories_tree()
    seq = {year: 0 for year in YEARS}
    entries = []
    for i in range(n):
        year = YEARS[i % len(YEARS)]
        seq[year] += 1
        s = seq[year]
        date = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365 if year < 2026 else 300))
        leaf_id, leaf_title, root_title = leaves[rng.randrange(len(leaves))]
        words = rng.sample(WORDS, 4)
        entry = {
            "index": f"{AGENCY_CODE}/{year}-{s:05d}",
            "title": f"关于{words[0]}{words[1]}{words[2]}{leaf_title}的通知（第{i + 1}号）",
            "category": leaf_id,
            "category_title": leaf_title,
            "root_title": root_title,
            "publisher": rng.choice(PUBLISHERS),
            "date": date.isoformat(),
            "year": year,
            "seq": s,
            "keywords": words[:2],
            "summary": f"{words[0]}{words[1]}相关工作安排。",
        }
        if rng.random() < 0.6:
            entry["doc_number"] = f"示数管〔{year}〕{s}号"
        if rng.random() < 0.8:
            entry["validity"] = rng.choices(["in_force", "expired", "repealed"], [8, 1, 1])[0]
        paragraphs = [paragraph(rng) for _ in range(rng.randint(3, 6))]
        entry["paragraphs"] = with_headings(paragraphs, rng) if headings else paragraphs
        if markup:
            entry["paragraphs"] = with_markup(entry["paragraphs"], marking, AGENCY_NAME, date.isoformat())
        if i % 5 == 0:
            entry["attachment"] = f"files/{year}/{s:05d}-1.pdf"
        if i > 0 and rng.random() < 0.1:  # cross-reference to an earlier entry
            entry["xref"] = rng.randrange(i)
        entries.append(entry)
    entries.sort(key=lambda e: (e["date"], e["index"]), reverse=True)
    return entries


def q(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(path: str, text: str | bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(text, bytes) else "w"
    with open(path, mode, **({} if isinstance(text, bytes) else {"encoding": "utf-8"})) as stream:
        stream.write(text)


ATTACHMENT_KB = 0  # 0: 2 KB of zeros (--attachment-kb)


def attachment_bytes(entry: dict) -> bytes:
    body = random.Random(entry["index"]).randbytes(ATTACHMENT_KB * 1024) if ATTACHMENT_KB else b"0" * 2000
    return b"%PDF-1.4\n% synthetic attachment " + entry["index"].encode() + b"\n" + body + b"\n%%EOF\n"


def generate_disclosure(entries: list[dict], by_number: list[dict], out: str) -> None:
    tree, _ = categories_tree()
    write(os.path.join(out, "mkdocs.yml"),
          "site_name: 示例\ndocs_dir: content\ntheme: {name: material, language: zh}\nplugins: [search, disclosure]\n")
    lines = ["agency:", f"  name: {AGENCY_NAME}", f'  code: "{AGENCY_CODE}"', "  address: 示例市示例路1号",
             "  phone: 020-00000000", "categories:"]
    for root in tree:
        lines += [f"  - id: {root['id']}", f"    title: {root['title']}", "    children:"]
        lines += [f"      - {{id: {kid['id']}, title: {kid['title']}}}" for kid in root["children"]]
    lines.append("entries:")
    for e in entries:
        lines += [f"  - index: {e['index']}", f"    title: {q(e['title'])}", f"    category: {e['category']}",
                  f"    publisher: {e['publisher']}", f"    date: {e['date']}"]
        if "doc_number" in e:
            lines.append(f"    doc_number: {q(e['doc_number'])}")
        if "validity" in e:
            lines.append(f"    validity: {e['validity']}")
        lines.append(f"    keywords: [{', '.join(e['keywords'])}]")
        lines.append(f"    summary: {q(e['summary'])}")
        body = f"gkml/{e['year']}/{e['seq']:05d}.md"
        lines.append(f"    body: {body}")
        text = "\n\n".join(e["paragraphs"])
        if "xref" in e:
            target = by_number[e["xref"]]
            text += f"\n\n参见[{target['title']}](index:{target['index']})。"
        write(os.path.join(out, "content", body), text + "\n")
        if "attachment" in e:
            lines += ["    attachments:", f"      - {{title: 附件1, file: {e['attachment']}}}"]
            write(os.path.join(out, "content", e["attachment"]), attachment_bytes(e))
    write(os.path.join(out, "directory.yml"), "\n".join(lines) + "\n")
    write(os.path.join(out, "content", "index.md"), "# 首页\n\n见[政府信息公开目录](gkml/index.md)。\n")


VALIDITY = {"in_force": "有效", "expired": "失效", "repealed": "废止"}


def metadata_rows(e: dict) -> list[tuple[str, str]]:
    return [("索引号", e["index"]), ("分类", f"{e['root_title']} / {e['category_title']}"), ("发布机构", e["publisher"]),
            ("生成日期", e["date"]), ("文号", e.get("doc_number", "无")),
            ("有效性", VALIDITY.get(e.get("validity"), "—")), ("主题词", "、".join(e["keywords"])),
            ("内容概述", e["summary"])]


def hugo_body(e: dict, by_number: list[dict]) -> str:
    text = "\n\n".join(e["paragraphs"]) + "\n"
    if "xref" in e:
        target = by_number[e["xref"]]
        text += f"\n参见[{target['title']}](/docs/{target['year']}/{target['seq']:05d}/)。\n"
    if "attachment" in e:
        text += f"\n附件：[附件1](/{e['attachment']})\n"
    return text


def plain_src(e: dict) -> str:
    return f"docs/{e['year']}/{e['seq']:05d}.md"


def generate_plain(entries: list[dict], by_number: list[dict], out: str) -> None:
    tree, _ = categories_tree()
    write(os.path.join(out, "mkdocs.yml"),
          "site_name: 示例\ndocs_dir: content\ntheme: {name: material, language: zh}\nplugins: [search]\n"
          "nav:\n  - index.md\n  - categories.md\nnot_in_nav: |\n  /docs/\n  /category/\n")
    for e in entries:
        md = [f"# {e['title']}", "", "| 属性 | 值 |", "| --- | --- |"]
        md += [f"| {k} | {v} |" for k, v in metadata_rows(e)]
        md += [""] + [p + "\n" for p in e["paragraphs"]]
        if "xref" in e:
            target = by_number[e["xref"]]
            md.append(f"参见[{target['title']}](../../{plain_src(target)})。\n")
        if "attachment" in e:
            md.append(f"附件：[附件1](../../{e['attachment']})\n")
            write(os.path.join(out, "content", e["attachment"]), attachment_bytes(e))
        write(os.path.join(out, "content", plain_src(e)), "\n".join(md))
    # One listing page per category (paginated 30 per page like the plugin), newest first.
    per_leaf: dict[str, list[dict]] = {}
    for e in entries:
        per_leaf.setdefault(e["category"], []).append(e)
    index_lines = ["# 目录", ""]
    for root in tree:
        root_items = [e for e in entries if e["category"].startswith(root["id"] + "-")]
        index_lines.append(f"- [{root['title']}](category/{root['id']}/1.md)（{len(root_items)}）")
        for kid in [dict(root, items=root_items)] + root["children"]:
            items = kid["items"] if "items" in kid else per_leaf.get(kid["id"], [])
            if "items" not in kid:
                index_lines.append(f"    - [{kid['title']}](category/{kid['id']}/1.md)（{len(items)}）")
            pages = max(1, -(-len(items) // 30))
            for p in range(pages):
                chunk = items[p * 30:(p + 1) * 30]
                md = [f"# {kid['title']}（第 {p + 1} 页）", "", "| 名称 | 文号 | 日期 |", "| --- | --- | --- |"]
                md += [f"| [{c['title']}](../../../{plain_src(c)}) | {c.get('doc_number', '')} | {c['date']} |"
                       for c in chunk]
                nav = []
                if p > 0:
                    nav.append(f"[上一页]({p}.md)")
                if p + 1 < pages:
                    nav.append(f"[下一页]({p + 2}.md)")
                write(os.path.join(out, "content", "category", kid["id"], f"{p + 1}.md"),
                      "\n".join(md + [""] + [" ".join(nav)]) + "\n")
    write(os.path.join(out, "content", "categories.md"), "\n".join(index_lines) + "\n")
    write(os.path.join(out, "content", "index.md"), "# 首页\n\n见[目录](categories.md)。\n")


def main() -> None:
    global ATTACHMENT_KB
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--headings", action="store_true")
    parser.add_argument("--wide-vocabulary", action="store_true")
    parser.add_argument("--markup", action="store_true")
    parser.add_argument("--attachment-kb", type=int, default=0)
    args = parser.parse_args()
    if args.wide_vocabulary:
        use_wide_vocabulary()
    n, out, ATTACHMENT_KB = args.n, args.out, args.attachment_kb
    entries = make_entries(n, headings=args.headings, markup=args.markup)
    by_number = sorted(entries, key=lambda e: int(e["title"].rsplit("第", 1)[1].rstrip("号）")) )
    for sub in ("disclosure", "plain", "hugo"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    generate_disclosure(entries, by_number, os.path.join(out, "disclosure"))
    generate_plain(entries, by_number, os.path.join(out, "plain"))
    generate_hugo(entries, metadata_rows, lambda e: hugo_body(e, by_number), write, os.path.join(out, "hugo"))
    for e in entries:  # attachments, served as static files
        if "attachment" in e:
            write(os.path.join(out, "hugo", "static", e["attachment"]), attachment_bytes(e))
    print(f"{n} entries → {out}/disclosure, {out}/plain, {out}/hugo")


if __name__ == "__main__":
    main()
