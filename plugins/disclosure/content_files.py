"""What may be published from `content/`, checked before MkDocs copies anything (validate and build).

- Nothing outside `content/` reaches the site: a symlink under it that leads outside (or nowhere, or
  round in a loop) is an error naming the link; so are pipes, sockets and devices, which MkDocs would
  copy (or block on) like files.
- Files an entry points to must be files MkDocs publishes (not under a dot-folder, `templates/`,
  `exclude_docs` or `draft_docs`), and a body must not be a page the site needs on its own (the
  home page, the column intro, a page listed in `nav`).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel, set_exclusions

from .catalogue.model import Catalogue, Entry
from .problems import FILE_LEVEL, Problem, display_path


def content_problems(docs_dir: str) -> list[Problem]:
    """Problems of every entry under `docs_dir` (or a theme's `custom_dir`, which MkDocs copies too)."""
    root = os.path.realpath(docs_dir)
    folder = display_path(docs_dir).rstrip("/") + "/"
    problems = []
    for path, entry in _walk(docs_dir):
        message = _link_problem(path, root, folder) if entry.is_symlink() else _special_problem(entry)
        if message:
            problems.append(Problem(display_path(path), 1, 1, FILE_LEVEL, message))
    return problems


def _walk(folder: str) -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry under `folder`, never through a symlink."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        yield entry.path, entry
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)


def _link_problem(path: str, root: str, folder: str) -> str | None:
    target = os.path.realpath(path)
    written = os.readlink(path)
    try:
        info = os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return f"符号链接循环（{written}），链接最终指回自己：请删除这个链接"
        return f"符号链接指向不存在的文件（{written}）：请删除这个链接，或把文件本身放进 {folder}"
    if os.path.commonpath([root, target]) != root:
        return (f"符号链接指向 {folder} 之外（{written}）：{folder} 以外的文件不能发布到网站上，"
                f"请把需要发布的文件复制到 {folder} 里，并删除这个链接")
    if stat.S_ISDIR(info.st_mode) and os.path.commonpath([target, os.path.realpath(os.path.dirname(path))]) == target:
        return f"符号链接指向它所在的上级文件夹（{written}），会形成无限循环：请删除这个链接"
    return None if stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode) else _special_message(info.st_mode)


def _special_problem(entry: os.DirEntry) -> str | None:
    if entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
        return None
    try:
        return _special_message(entry.stat(follow_symlinks=False).st_mode)
    except OSError:  # pragma: no cover - removed while we looked
        return None


def _special_message(mode: int) -> str:
    kind = "命名管道" if stat.S_ISFIFO(mode) else "套接字" if stat.S_ISSOCK(mode) else "设备文件"
    return f"这是一个{kind}，不是普通文件：网站只能发布普通文件，请删除它"


def referenced_file_problems(catalogue: Catalogue, config: MkDocsConfig, home_src: str,
                             entries: Iterable[Entry] | None = None) -> list[Problem]:
    """Bodies, annual-report data and attachments that MkDocs would not publish, or bodies that would
    take a page away from the site (of `entries` only, when given: those a save reached)."""
    pages = {"index.md", "README.md", home_src} | set(_nav_pages(config.nav))
    chosen = list(catalogue.entries if entries is None else entries)
    excluded = _excluded({relative for entry in chosen for relative in (entry.body, entry.report, *(a.file for a in entry.attachments))
                          if relative}, config)
    problems = []
    for entry in chosen:
        files = [("body", entry.body, entry.pos_of("body")), ("report", entry.report, entry.pos_of("report"))]
        files += [("attachments", a.file, a.pos) for a in entry.attachments]
        for key, relative, where in files:
            if relative in excluded:
                problems.append(Problem.at(where, f"entries[{entry.index}].{key}", f"文件 \"{relative}\" 在 MkDocs 不发布的位置（以“.”开头的"
                                           "文件夹、content/templates/、exclude_docs 或 draft_docs）：请移到 files/ 等普通文件夹"))
        if entry.body in pages:
            problems.append(Problem.at(entry.pos_of("body"), f"entries[{entry.index}].body", f"正文不能用 \"{entry.body}\"：它是网站自己的页面"
                                       "（首页、栏目首页或导航中的页面），用作正文会让它从网站上消失；请为正文另建一个 .md 文件"))
    return problems


class _Named:
    """What MkDocs' `set_exclusions` (1.6) reads and sets of a File: making a File costs more than its check."""

    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri
        self.inclusion = InclusionLevel.UNDEFINED


def _excluded(relative_paths: Iterable[str], config: MkDocsConfig) -> set[str]:
    """Which of these docs-relative paths MkDocs' own rule excludes (its default `.*` and `/templates/`,
    then exclude_docs and draft_docs). They are normalized already (`values.content_file`)."""
    named = [_Named(path) for path in relative_paths]
    set_exclusions(named, config)  # type: ignore[arg-type]
    return {file.src_uri for file in named if file.inclusion.is_excluded()}


def _nav_pages(nav: object) -> Iterator[str]:
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            yield nav.removeprefix("./")
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)

