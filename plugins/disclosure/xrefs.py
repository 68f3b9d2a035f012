"""Links editors write in Markdown: `[text](index:<index number>)` resolved to entry pages (any case,
`INDEX:` too, Markdown links and raw `<a href>` alike, never inside code), and URL schemes that run
script or embed data refused. Problems are found on the source (markdown_links, exact positions);
rewriting happens on the rendered HTML, where only real links are attributes."""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import unquote

from .catalogue.entries import INDEX
from .catalogue.model import Catalogue
from .html_attrs import replace_values, url_attributes
from .markdown_links import SourceLink, source_links
from .problems import Problem

REFUSED_SCHEMES = {
    "javascript": "网页中不允许 javascript: 链接（会执行脚本），请改为普通网址",
    "vbscript": "网页中不允许 vbscript: 链接（会执行脚本），请改为普通网址",
    "data": "网页中不允许 data: 网址，请把图片或文件另存到 content/ 下，再用相对路径引用",
}
IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these: "java\tscript:" still runs
HREF = frozenset({"href"})


def index_target(url: str) -> str | None:
    """The part after `index:` (any case, percent-decoded), or None when `url` is no index link."""
    url = url.strip()
    return unquote(url[6:]).strip() if url[:6].lower() == "index:" else None


def refused_scheme(url: str) -> str | None:
    scheme, colon, _ = IGNORED_IN_SCHEME.sub("", url).partition(":")
    return scheme.lower() if colon and scheme.lower() in REFUSED_SCHEMES else None


def may_link(markdown: str) -> bool:
    """A cheap first test: an index: link or a refused scheme needs a colon, written or as an entity, and
    a link needs "](" (inline), "]:" (a reference's definition) or "<" (raw HTML), as `source_links` reads them."""
    return (":" in markdown or "&" in markdown) and ("](" in markdown or "]:" in markdown or "<" in markdown)


def check_links(markdown: str, file: str, catalogue: Catalogue) -> list[Problem]:
    """Unknown or malformed `index:` links and refused URL schemes in one Markdown source."""
    if not may_link(markdown):
        return []
    problems = []
    for link in source_links(markdown):
        if (target := index_target(link.target)) is not None:
            if (message := _index_problem(target, catalogue)) is not None:
                problems.append(_problem(file, link, message))
        elif (scheme := refused_scheme(link.target)) is not None:
            problems.append(_problem(file, link, REFUSED_SCHEMES[scheme]))
    return problems


def linked_indexes(markdown: str) -> set[str]:
    """The index numbers a Markdown source links to, found as `check_links` finds them."""
    if "index:" not in markdown.lower():  # cheap test first: most sources link to no entry
        return set()
    targets = (index_target(link.target) for link in source_links(markdown))
    return {target.partition("#")[0] for target in targets if target is not None}


def _index_problem(target: str, catalogue: Catalogue) -> str | None:
    number = target.partition("#")[0]
    if not number:
        return "index: 后缺少索引号，应写成 [标题](index:机构代码/年份-顺序号)"
    if not INDEX.fullmatch(number):
        return f"索引号 \"{number}\" 格式不对：应为 机构代码/年份-顺序号（半角字母和数字），如 11440100MB2C00000X/2021-00001"
    if number not in catalogue.by_index:
        return f"未知索引号 \"{number}\"：目录中没有这个条目，请核对 directory.yml 中的 index"
    return None


def _problem(file: str, link: SourceLink, message: str) -> Problem:
    return Problem(file, link.line, link.col, link.target.strip()[:80], message)


def resolve_index_hrefs(html: str, catalogue: Catalogue, url_of: Callable[[str], str]) -> tuple[str, list[str]]:
    """The rendered page with `<a href="index:X">` pointing at entry X; also the hrefs left unresolved."""
    if "index:" not in html.lower():
        return html, []
    replacements, unresolved = {}, []
    for attribute in url_attributes(html, HREF):
        if attribute.tag not in ("a", "area") or (target := index_target(attribute.value)) is None:
            continue
        number, hash_, fragment = target.partition("#")
        if number in catalogue.by_index:
            replacements[attribute] = url_of(number) + hash_ + fragment
        else:
            unresolved.append(attribute.value)
    return replace_values(html, replacements), unresolved


def unresolved_problems(unresolved: list[str], source: str, file: str, catalogue: Catalogue,
                        known: list[Problem]) -> list[Problem]:
    """Index links the rendered page holds but the source scan did not flag (rare Markdown constructs)."""
    reported = {(p.file, p.path) for p in known}
    problems = []
    for href in dict.fromkeys(unresolved):
        if (file, href[:80]) not in reported:
            offset = max(source.find(href), 0)
            line = source.count("\n", 0, offset) + 1
            col = offset - (source.rfind("\n", 0, offset) + 1) + 1
            message = _index_problem(index_target(href) or "", catalogue) or "未知索引号"
            problems.append(_problem(file, SourceLink(href, line, col), message))
    return problems
