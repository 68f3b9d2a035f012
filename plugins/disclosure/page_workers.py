"""Listing and entry pages, rendered outside MkDocs' page loop: in forked worker processes when cores are free.

Listings and entries are nearly all of a column's pages (10,690 of 10,691 at 10k entries) and
independent of each other: generated, out of the nav, out of Material's search index; the column
home stays in MkDocs' loop (it is in the nav and in search). MkDocs renders pages one after
another in one process. Here each worker runs MkDocs' own `_populate_page` and `_build_page` on its
share, so every plugin's page events run and each page is written where MkDocs would write it, with
the Files, nav and Jinja environment of the build, inherited through `fork` once everything they need
exists (on_env). What a worker learned comes back to the build in an `Outcome`: whatever the plugin
harvests (problems, full-text texts) and the log records, replayed here so that `--strict` counts
the warnings. Output is the same in one process or many: each page depends only on the shared state.
"""

from __future__ import annotations

import logging
import math
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import markdown
import mkdocs.utils
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import (Page, _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor, _RawHTMLPreprocessor,
                                    _RelativePathTreeprocessor)
from mkdocs.structure.toc import get_toc

from .forks import ForkPool, can_fork, cores
from . import plain_paragraphs
from .plain_inline import skip_plain_text
from .site_cleanup import write_in_place

MIN_PER_WORKER = 200  # below this a fork costs more than it saves
SHARES_PER_WORKER = 32  # small shares even out the load: the last share ends the phase (~0.2 s at 10k)
BATCH = 200  # pages populated before they are built


class Converter:
    """One Markdown instance per process for every page it renders: building one (MkDocs does it per
    page) costs more than converting a short body. `reset()` between pages is Python-Markdown's way
    to reuse an instance; the page-specific processors are registered again under the same names.
    Its inline step skips text no inline pattern can match (plain_inline.py)."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.markdown: markdown.Markdown | None = None
        self.plain = False  # whether bodies of plain paragraphs may skip Markdown (plain_paragraphs.py)
        self.headings: plain_paragraphs.Headings | None = None  # how its toc names headings; None: no plain headings
        self.extras: frozenset[str] = frozenset()  # the forms of plain_blocks.py it makes as that module does

    def instance(self) -> markdown.Markdown:
        """The process's Markdown, reset for the next page."""
        md = self._made()
        md.reset()
        return md

    def plain_body(self, text: str) -> plain_paragraphs.PlainBody | None:
        """What Markdown makes of `text` when it is plain paragraphs and headings, with the simplest
        lists, tables, bold text, links and line breaks (and this Markdown is known), else None."""
        self._made()  # tells whether it is known; no reset: a plain body does not use it
        return plain_paragraphs.plain_body(text, self.headings, self.extras) if self.plain else None

    def _made(self) -> markdown.Markdown:
        if self.markdown is None:
            self.markdown = markdown.Markdown(extensions=self.config["markdown_extensions"],
                                              extension_configs=self.config["mdx_configs"] or {})
            md = self.markdown
            self.plain = skip_plain_text(md) and plain_paragraphs.known(md) and plain_paragraphs.agrees(md, None)
            named = plain_paragraphs.headings(md) if self.plain else None
            self.headings = named if named is not None and plain_paragraphs.agrees(md, named) else None
            self.extras = plain_paragraphs.supported(md, self.headings) if self.plain else frozenset()
        return self.markdown


class ColumnPage(Page):
    """A listing or entry page; renders as MkDocs' `Page.render` does, with the process's Markdown."""

    converter: Converter
    plain_html: str | None = None  # the content, when it was made without Markdown (plain_paragraphs.py)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        assert self.markdown is not None
        plain = self.converter.plain_body(self.markdown)
        self.plain_html = plain.html if plain is not None else None
        if plain is not None:
            self._render_plain(plain)
            return
        md = self.converter.instance()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        relative_paths = _RelativePathTreeprocessor(self.file, files, config)
        relative_paths._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative_paths.links_to_anchors

    def _render_plain(self, plain: plain_paragraphs.PlainBody) -> None:
        """What `render` sets for a body without Markdown's passes: no link for MkDocs to check."""
        self.content = plain.html
        self.toc, self._title_from_render, self.present_anchor_ids = get_toc(plain.toc_tokens), plain.title, plain.anchors
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}


@dataclass
class Job:
    """What rendering a listing or entry page needs; a worker inherits it through fork."""

    config: MkDocsConfig
    files: Files  # MkDocs' Files of the build (listings and entries are not among them)
    worker_files: Files
    nav: Any
    env: Any
    harvest: Callable[[Sequence[str]], Any]  # src_uris just rendered → what the build must learn of them
    side_task: Callable[[], None] | None = None  # work that needs none of the pages (exports), run alongside
    converter: Converter = field(init=False)

    def __post_init__(self) -> None:
        self.converter = Converter(self.config)

    def page(self, file) -> ColumnPage:
        page = ColumnPage(None, file, self.config)
        page.converter = self.converter
        return page

    def page_of(self, src_uri: str) -> Page:
        file = self.worker_files.get_file_from_path(src_uri)
        assert file is not None, src_uri
        return file.page or self.page(file)


@dataclass
class Outcome:
    harvest: Any = None
    records: list[logging.LogRecord] = field(default_factory=list)
    failure: str | None = None  # why a page could not be rendered
    plugin_error: bool = False  # the failure is a PluginError: a message for editors, not a bug


def render(job: Job, src_uris: Sequence[str]) -> None:
    """Render and write listing and entry pages in this process, as MkDocs renders any page; each
    written over the earlier page's blocks (`site_cleanup.write_in_place`, in MkDocs' `write_file`'s place
    while these pages are written). As in MkDocs' own build, pages are populated (Markdown, content
    events) before they are built (context, template): a batch at a time, which keeps each step's code
    and data in the CPU's caches (7 % less CPU time than page after page, measured)."""
    doc_files = job.files.documentation_pages(inclusion=InclusionLevel.is_included)
    mkdocs_write, mkdocs.utils.write_file = mkdocs.utils.write_file, write_in_place
    try:
        for start in range(0, len(src_uris), BATCH):
            pages = [job.page_of(src_uri) for src_uri in src_uris[start:start + BATCH]]
            for page in pages:
                _populate_page(page, job.config, job.files)
            for page in pages:
                _build_page(page, job.config, doc_files, job.nav, job.env)
                page.validate_anchor_links(files=job.files, log_level=job.config.validation.links.anchors)
    finally:
        mkdocs.utils.write_file = mkdocs_write


class PageWorkers:
    """Renders every listing and entry page of a build (and runs the job's side task), in forked
    workers when the machine allows; `finish` waits for them."""

    def __init__(self, job: Job, workers: int) -> None:
        """`workers`: processes to render in; 0 picks one per core, fewer when there is little to render."""
        self.job = job
        self.workers = workers
        self.pool: ForkPool | None = None
        self.futures: list[Future] = []

    def start(self) -> None:
        for file in self.job.worker_files:
            if file.page is None:  # made here, before any fork: sitemap.xml lists the pages
                self.job.page(file)
        src_uris = [file.src_uri for file in self.job.worker_files]
        workers = self.workers or min(cores(), len(src_uris) // MIN_PER_WORKER)
        if workers < 2 or not can_fork():
            render(self.job, src_uris)
            if self.job.side_task is not None:
                self.job.side_task()
            return
        self.pool = ForkPool(workers, self._work)
        size = math.ceil(len(src_uris) / (workers * SHARES_PER_WORKER))
        shares = [src_uris[i:i + size] for i in range(0, len(src_uris), size)]
        self.futures = [self.pool.submit(share) for share in ([None] if self.job.side_task else []) + shares]

    def finish(self, absorb: Callable[[Any], None]) -> None:
        """Wait for the workers; replay their log records; hand each share's harvest to `absorb`."""
        if self.pool is None:
            return
        outcomes = self.pool.results(self.futures)
        self.pool = None
        for outcome in outcomes:
            for record in outcome.records:
                logging.getLogger(record.name).handle(record)
        for outcome in outcomes:
            if outcome.failure is not None:
                raise PluginError(outcome.failure) if outcome.plugin_error else RuntimeError(outcome.failure)
            if outcome.harvest is not None:
                absorb(outcome.harvest)

    def _work(self, src_uris: list[str] | None) -> Outcome:
        """In a worker: render a share of the pages (None: run the side task)."""
        logging.getLogger("mkdocs").handlers = [_Keep()]  # records go back to the build, not to stderr
        _records.clear()
        outcome = Outcome()
        try:
            if src_uris is None:
                assert self.job.side_task is not None  # submitted only when there is one
                self.job.side_task()
            else:
                render(self.job, src_uris)
                outcome.harvest = self.job.harvest(src_uris)
        except PluginError as error:
            outcome.failure, outcome.plugin_error = str(error), True
        except Exception:
            outcome.failure = "生成页面时出错：\n" + traceback.format_exc()
        outcome.records = list(_records)
        return outcome


_records: list[logging.LogRecord] = []  # a worker's log records since its share began


class _Keep(logging.Handler):
    """Keeps a worker's log records for the build to replay."""

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        _records.append(record)
