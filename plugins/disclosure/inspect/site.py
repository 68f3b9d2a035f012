"""Rules that need the built site or what the repository says about it: dead links (首页 and other
pages counted apart), the footer items, and editorial pages without a date.

Dead links come from `--links-result FILE` (the JSON of `disclosure links --format json`), from a
built `--site DIR`, or else from a build of the project into a temporary folder.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass

from ..links.check import check_site
from ..links.project import project_from_config
from ..links.sources import SourceLocator
from ..problems import Pos, display_path
from ..project import Project
from .findings import Finding

ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode="


class InspectError(Exception):
    """Input that stops the inspection (a missing links result, a failed build); the message is Chinese."""


@dataclass(frozen=True)
class Broken:
    page: str
    url: str
    reason: str
    source: str | None


def read_links_result(path: str) -> list[Broken]:
    if not os.path.isfile(path):
        raise InspectError(f"找不到链接检查结果 {path}：请先运行 disclosure links SITE_DIR --format json > {path}，或检查路径")
    try:
        with open(path, encoding="utf-8") as stream:
            items = json.load(stream)["broken"]
        return [Broken(str(i["page"]), str(i["url"]), str(i.get("reason", "")), i.get("source")) for i in items]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise InspectError(f"无法读取链接检查结果 {path}：应为 disclosure links --format json 的输出") from None


def check_links(project: Project, site_dir: str) -> list[Broken]:
    located = project_from_config(project.config, project.options.prefix.strip("/"), project.catalogue)
    result = check_site(site_dir, project.config.site_url or None, None, False, SourceLocator(located))
    return [Broken(b.page, b.url, b.reason, b.source) for b in result.broken]


def build_and_check(config_file: str) -> tuple[list[Broken], str]:
    """Build the project into a temporary folder (its own link check off) and check every page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .. import project as loader

    folder = tempfile.mkdtemp(prefix="disclosure-inspect-")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(config_file, site_dir=folder)
        if "disclosure" in config.plugins:
            config.plugins["disclosure"].config.check_links = False
        build(config)
        project = loader.from_config(config, loader.plugin_options(config))
    except (MkDocsException, SystemExit) as error:
        raise InspectError(f"网站生成失败，无法检查链接和页脚：{error}") from None
    return check_links(project, folder), folder


def dead_links(broken: list[Broken]) -> list[Finding]:
    findings = []
    for item in broken:
        home = item.page in ("index.html", "")
        where = _pos(item.source)
        message = f"{'首页' if home else '其他页面'} {item.page} 中的链接 {item.url} 不可用：{item.reason}"
        findings.append(Finding("dead_link", message, pos=where, place=None if where else item.page))
    return findings


def _pos(source: str | None) -> Pos | None:
    match = re.fullmatch(r"(.+):(\d+)", source or "")
    return Pos(match[1], int(match[2]), 1) if match else None


def footer(project: Project, site_dir: str | None) -> list[Finding]:
    """主办单位, 网站标识码, ICP备案号 and 公安备案号 must be set (agency in directory.yml) and, in a built
    site, shown in the home page's footer with the filing-system links."""
    agency, source = project.catalogue.agency, project.catalogue.source
    required = [("网站标识码", agency.site_code, "site_code", None), ("ICP 备案编号", agency.icp, "icp", ICP_URL),
                ("公安机关备案号", agency.police_record, "police_record", POLICE_URL)]
    findings = [Finding("footer", f"页脚缺少{label}：请在 {source} 的 agency 中填写 {key}", place=source)
                for label, value, key, _ in required if not value]
    home = os.path.join(site_dir, "index.html") if site_dir else None
    if home and os.path.isfile(home):
        with open(home, encoding="utf-8") as stream:
            html = stream.read()
        for label, value, _, url in [("主办单位", agency.name, "name", None), *required]:
            if value and (value not in html or (url and url not in html)):
                shown = f"及指向 {url} 的链接" if url else ""
                findings.append(Finding("footer", f"首页页脚没有显示{label}“{value}”{shown}（检查 theme_overrides/partials/footer.html）",
                                        place="index.html"))
    return findings


def undated_pages(project: Project) -> list[Finding]:
    """Editorial Markdown pages (not entry bodies, not index pages) without `date:` in their front matter."""
    bodies = {e.body for e in project.catalogue.entries if e.body}
    findings = []
    for folder, _, names in sorted(os.walk(project.docs_dir)):
        for name in sorted(n for n in names if n.endswith(".md") and n != "index.md"):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, project.docs_dir).replace(os.sep, "/")
            if relative in bodies:
                continue
            with open(path, encoding="utf-8", errors="replace") as stream:
                head = stream.read(4096)
            front = re.match(r"---[ \t]*\n(.*?)\n---[ \t]*\n", head, re.DOTALL)
            if not front or not re.search(r"^date:[ \t]*\S", front[1], re.MULTILINE):
                findings.append(Finding("undated", f"页面 {relative} 没有日期：请在文件开头的 front matter 中写 date: YYYY-MM-DD（更新日期）",
                                        pos=Pos(display_path(path), 1, 1)))
    return findings
