"""A synthetic built site: N pages of ~20 KB with ~100 links each (relative, folder, root-relative,
fragments, assets, Chinese names), and no dead link. Usage: python generate.py OUT_DIR [N]."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from urllib.parse import quote

PARAGRAPH = "第一条 为了规范政府信息公开工作，保障公民、法人和其他组织依法获取政府信息，制定本办法。" * 3


def page_path(number: int) -> str:
    return f"gkml/{number // 100:03d}/{number:05d}/index.html"


def relative(from_page: str, to_page: str) -> str:
    up = "../" * (from_page.count("/"))
    return up + to_page


def links_of(number: int, count: int, rng: random.Random) -> list[str]:
    here = page_path(number)
    up = "../" * here.count("/")
    links = [f"{up}assets/site.css", f"{up}assets/app.js", f"{up}img/{quote('图标')}.png", "#top", "#s1"]
    while len(links) < 100:
        other = rng.randrange(count)
        kind = len(links) % 5
        target = page_path(other)[: -len("index.html")]
        if kind == 0:
            links.append(up + target)  # folder URL
        elif kind == 1:
            links.append(f"/{target}index.html")  # root-relative
        elif kind == 2:
            links.append(f"{up}{target}#s{rng.randrange(1, 6)}")  # fragment on another page
        elif kind == 3:
            links.append(f"{up}files/{quote('附件')}-{other % 50}.pdf")  # percent-encoded Chinese file
        else:
            links.append("https://www.example.gov.cn/" + str(other))  # external, skipped
    return links


def render(number: int, count: int, rng: random.Random) -> str:
    sections = "".join(f'<h2 id="s{i}">第{i}节</h2><p>{PARAGRAPH}</p>' for i in range(1, 6))
    anchors = "".join(f'<li><a href="{url}">链接 {i}</a></li>' for i, url in enumerate(links_of(number, count, rng)))
    head = '<meta charset="utf-8"><link rel="stylesheet" href="{0}assets/site.css"><script src="{0}assets/app.js"></script>'
    up = "../" * page_path(number).count("/")
    body = f'<header id="top"><img src="{up}img/{quote("图标")}.png" srcset="{up}img/{quote("图标")}.png 1x"></header>'
    filler = f"<p>{PARAGRAPH}</p>" * 28
    return (f"<!doctype html><html lang=zh><head>{head.format(up)}<title>页面 {number}</title></head>"
            f"<body>{body}<main>{sections}{filler}<ul>{anchors}</ul></main></body></html>")


def generate(out: Path, count: int) -> None:
    rng = random.Random(5)
    for name in ("assets/site.css", "assets/app.js", "img/图标.png"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(b"/* x */")
    for i in range(50):
        (out / "files").mkdir(exist_ok=True)
        (out / f"files/附件-{i}.pdf").write_bytes(b"%PDF-1.4\n")
    for number in range(count):
        path = out / page_path(number)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(number, count, rng), encoding="utf-8")
    # crawlers start here: the home page lists every page so all of them are reachable
    listing = "".join(f'<a href="{page_path(n)[: -len("index.html")]}">{n}</a>' for n in range(count))
    (out / "index.html").write_text(f"<!doctype html><html><body>{listing}</body></html>", encoding="utf-8")


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
