"""Catalogue → generated MkDocs Files (column home, category listings, entry pages) and their views."""

from __future__ import annotations

import dataclasses
import math
import os
from collections import Counter
from dataclasses import dataclass, field

from jinja2 import Environment, TemplateNotFound
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .catalogue.model import Catalogue, Category, Entry
from .problems import Problem, display_path
from .urls import ColumnUrls
from .yamlpos import LoadError, decode_utf8

TEMPLATES = {"home": "disclosure/home.html", "category": "disclosure/category.html", "entry": "disclosure/entry.html"}


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str | None  # site-root-relative; None for the current page


@dataclass
class View:
    """What a generated page's template needs; handed to it as `disclosure.view`."""

    kind: str  # "home" | "category" | "entry"
    title: str
    crumbs: list[Crumb]
    entry: Entry | None = None
    category: Category | None = None
    entries: list[Entry] = field(default_factory=list)
    page: int = 1
    pages: int = 1
    markdown: str = ""  # the Markdown the page is rendered from


def category_counts(catalogue: Catalogue) -> Counter[str]:
    """Entries per category, each counted in its category and every ancestor."""
    direct = Counter(entry.category for entry in catalogue.entries)
    counts: Counter[str] = Counter()
    for category in catalogue.walk_categories():
        counts[category.id] = sum(direct[c.id] for c in category.walk())
    return counts


class ColumnPages:
    """Plans every generated page of the column; `views` maps src_uri → View. The column home joins
    MkDocs' Files; listings and entries are kept apart in `worker_files` (page_workers.py renders them)."""

    def __init__(self, catalogue: Catalogue, urls: ColumnUrls, column_title: str, page_size: int) -> None:
        self.catalogue = catalogue
        self.urls = urls
        self.column_title = column_title
        self.page_size = max(1, page_size)
        self.counts = category_counts(catalogue)
        self.views: dict[str, View] = {}
        self.worker_files = Files([])
        self._crumbs: dict[str, list[Crumb]] = {}

    def column_crumb(self) -> Crumb:
        return Crumb(self.column_title, self.urls.home())

    def category_crumbs(self, category_id: str) -> list[Crumb]:
        if category_id not in self._crumbs:  # once per category, not once per entry
            chain = self.catalogue.category_path(category_id)
            self._crumbs[category_id] = [self.column_crumb()] + [Crumb(c.title, self.urls.category(c.id)) for c in chain]
        return list(self._crumbs[category_id])

    def source_of(self, file: File, docs_dir: str) -> str | None:
        """The Markdown file editors wrote for a page (an entry's body, the column intro), if any."""
        view = self.views.get(file.src_uri)
        if view is None:
            return file.abs_src_path
        if view.entry is not None:
            return os.path.join(docs_dir, view.entry.body) if view.entry.body else None
        return os.path.join(docs_dir, file.src_uri) if view.kind == "home" and view.markdown else None

    def add_to(self, files: Files, config: MkDocsConfig, bodies: dict[str, str]) -> None:
        """Add generated Files; an editor's `<prefix>/index.md` becomes the column home's intro."""
        intro = files.get_file_from_path(self.urls.home_src())
        if intro is not None:
            files.remove(intro)
        self.plan(intro.content_string if intro is not None else "", bodies)
        for src_uri, view in self.views.items():
            existing = files.src_uris.get(src_uri)  # a normalized path: no PurePath per page
            if existing is not None:
                files.remove(existing)
            (files if view.kind == "home" else self.worker_files).append(self.file(config, src_uri))

    def file(self, config: MkDocsConfig, src_uri: str) -> File:
        """The generated File of a planned page."""
        inclusion = InclusionLevel.INCLUDED if self.views[src_uri].kind == "home" else InclusionLevel.NOT_IN_NAV
        return File.generated(config, src_uri, content=self.views[src_uri].markdown, inclusion=inclusion)

    def plan(self, intro_markdown: str, bodies: dict[str, str]) -> None:
        """Every generated page's View, by src_uri (home, listings, entries), without touching Files."""
        self.views = {self.urls.home_src(): View("home", self.column_title, [Crumb(self.column_title, None)],
                                                 markdown=intro_markdown)}
        listed = self._listed()
        for category in self.catalogue.walk_categories():
            self._add_listing(category, listed[category.id])
        for entry in self.catalogue.entries:
            crumbs = self.category_crumbs(entry.category) + [Crumb(entry.title, None)]
            markdown = bodies.get(entry.body, "") if entry.body else ""
            self.views[self.urls.entry_src(entry)] = View("entry", entry.title, crumbs, entry=entry, markdown=markdown)

    def _listed(self) -> dict[str, list[Entry]]:
        """The entries each category lists (its own and its subcategories'), in catalogue order: one pass."""
        chains = {c.id: [a.id for a in self.catalogue.category_path(c.id)] for c in self.catalogue.walk_categories()}
        listed: dict[str, list[Entry]] = {category_id: [] for category_id in chains}
        for entry in self.catalogue.entries:
            for category_id in chains[entry.category]:
                listed[category_id].append(entry)
        return listed

    def _add_listing(self, category: Category, entries: list[Entry]) -> None:
        pages = max(1, math.ceil(len(entries) / self.page_size))
        crumbs = self.category_crumbs(category.id)
        crumbs[-1] = Crumb(category.title, None)
        for page in range(1, pages + 1):
            chunk = entries[(page - 1) * self.page_size: page * self.page_size]
            title = category.title if page == 1 else f"{category.title}（第 {page} 页）"
            self.views[self.urls.category_src(category.id, page)] = View(
                "category", title, crumbs, category=category, entries=chunk, page=page, pages=pages)


def own_template(env: Environment, name: str, folder: str) -> bool:
    """Whether the theme finds template `name` in `folder` (the package's templates), not in an override."""
    try:
        filename = env.loader.get_source(env, name)[1] if env.loader is not None else None
    except TemplateNotFound:
        return False
    return filename is not None and os.path.abspath(filename).startswith(os.path.join(folder, ""))


def meta_text(text: str) -> str:
    """`text` escaped for Material's unescaped meta title and description, whitespace runs as one space
    (a multi-line 内容概述 would otherwise keep its page out of the shared chrome)."""
    return str(escape(" ".join(text.split())))


def read_markdown_files(paths: list[str], docs_dir: str, problems: list[Problem]) -> dict[str, str]:
    """Text of each docs-relative Markdown path; files that are not UTF-8 become problems."""
    texts = {}
    for relative_path in paths:
        full = os.path.join(docs_dir, relative_path)
        with open(full, "rb") as stream:
            data = stream.read()
        try:
            texts[relative_path] = decode_utf8(data, full)
        except LoadError as error:  # the path as an editor types it, made only when there is something to say
            problems.extend(dataclasses.replace(problem, file=display_path(full)) for problem in error.problems)
    return texts


def promote_column_home(nav: Navigation, home_src: str) -> None:
    """Auto-nav puts the column home in a section named after the URL folder ("Gkml"): lift it out."""
    for position, item in enumerate(nav.items):
        if isinstance(item, Section) and len(item.children) == 1:
            child = item.children[0]
            if isinstance(child, Page) and child.file.src_uri == home_src:
                child.parent = None
                nav.items[position] = child
