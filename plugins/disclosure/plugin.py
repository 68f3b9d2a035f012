"""MkDocs events → the modules that do the work. Nothing else lives here."""

from __future__ import annotations

import contextlib
import logging
import os

from markupsafe import Markup

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import exports, forks, material_search, plain_paragraphs, project, sanitize, site_cleanup, xrefs
from .build_cache import BuildCache, warning_counter
from .chrome import SharedChrome
from .page_workers import Job, PageWorkers
from .reports import hooks as report_hooks
from .links.build import check_built_site
from .search import FULLTEXT_FORMAT, FullTextIndex, html_text, write_fulltext
from .search.laid_out import LaidOut
from .search.postings import Postings
from .catalogue import Catalogue
from .config import DisclosureConfig
from .pages import TEMPLATES, ColumnPages, meta_text, own_template, read_markdown_files, promote_column_home
from .relations import interpretations
from .problems import Problem, ProblemsError, display_path
from .state import BuildState
from .urls import ColumnUrls, href

log = get_plugin_logger(__name__)
PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
TEMPLATES_DIR = os.path.join(PACKAGE_DIR, "templates")
STYLES = ("assets/disclosure/disclosure.css", "assets/disclosure/care.css")  # first of extra_css, in this order
SCRIPTS = ("assets/disclosure/search-history.js", "assets/disclosure/site-search.js",
           "assets/disclosure/care.js")  # every page, in this order
PRERENDERED = "disclosure/prerendered.html"


class DisclosurePlugin(BasePlugin[DisclosureConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.column: ColumnPages | None = None
        self.problems: list[Problem] = []
        self.serving = False
        self.dirty = False
        self.fulltext = FullTextIndex(())
        self.build_started: float | None = None
        self.earlier_site: site_cleanup.EarlierSite | None = None  # what a normal build replaces; its column is rewritten
        self.cache: BuildCache | None = None
        self.warnings = warning_counter()  # only a build without warnings is kept in the cache
        self.page_workers: PageWorkers | None = None  # None: nothing to render (the column came from the cache)
        self.exports_ahead: exports.Ahead | None = None  # the exports, made in a child while the build starts

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.mkdocs_config = config
        self.urls = ColumnUrls(self.config.prefix)
        self.project = project.from_config(config, self.config)
        self.catalogue = self.project.catalogue
        for warning in self.project.warnings:
            log.warning(str(warning))
        dirs = config.theme.dirs
        dirs.insert(1 if config.theme.custom_dir else 0, TEMPLATES_DIR)
        config.theme["font"] = False  # web fonts come from another host; the site must work on an intranet
        config.extra_css[:0] = [style for style in STYLES if style not in config.extra_css]
        config.extra_javascript.extend(script for script in SCRIPTS if script not in config.extra_javascript)
        report_hooks.configure(config)
        material_search.spare_unindexed_pages(config.plugins)
        self.problems = []
        self.build_started = None
        self.earlier_site = None
        self.cache = None
        self.warnings = warning_counter()
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.build_started = site_cleanup.build_started()  # MkDocs writes nothing to site_dir before this
        if not self.dirty and not self.serving:
            self.earlier_site = site_cleanup.EarlierSite.set_aside(config.site_dir)
        self.exports_ahead = None
        if not self.serving and self.config.workers != 1 and forks.cores() > 1 and forks.can_fork():  # a core left idle
            self.exports_ahead = exports.Ahead(lambda: self.export_files(config))
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.catalogue is not None
        if self.earlier_site is not None:  # MkDocs has cleaned the site folder
            self.earlier_site.take_back(self.urls.prefix)
        if self.config.cache and not self.serving and not self.dirty:  # every file MkDocs found, bodies too
            self.cache = BuildCache.for_build(config, files, [*self.project.files, *self.project.folders],
                                              os.path.join(config.site_dir, self.urls.prefix))
        body_paths = sorted({entry.body for entry in self.catalogue.entries if entry.body})
        for path in body_paths:  # bodies render inside their entry pages, not on their own
            if (body := files.src_uris.get(path)) is not None:  # body paths are normalized: no PurePath per body
                files.remove(body)
        pages = [f.src_uri for f in files.documentation_pages() if not f.generated_by]
        read_markdown_files(pages, config.docs_dir, self.problems)  # MkDocs itself would crash on non-UTF-8
        bodies = read_markdown_files(body_paths, config.docs_dir, self.problems)
        if self.problems:
            raise ProblemsError(self.problems)
        for path, text in bodies.items():  # entry pages render later, in workers: check their links now
            if xrefs.may_link(text):  # before making the path to show
                self.problems += xrefs.check_links(text, display_path(os.path.join(config.docs_dir, path)), self.catalogue)
        self.column = ColumnPages(self.catalogue, self.urls, self.config.column_title, self.config.page_size)
        self.column.add_to(files, config, bodies)
        self.state = BuildState(files, bodies)
        self.fulltext = FullTextIndex(self.catalogue.entries)
        self.reports = report_hooks.ReportPages(self.catalogue, config)
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        promote_column_home(nav, self.urls.home_src())
        self.state.nav = nav
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.catalogue is not None and self.column is not None
        view = self.column.views.get(page.file.src_uri)
        if view is not None:
            # Material prints meta title/description unescaped: escaped text, on one line (see meta_text).
            # The page's HTML comes from on_page_context (shared chrome); MkDocs' own render prints it.
            page.meta.update(template=PRERENDERED, title=meta_text(view.title))
            if view.kind != "home":  # entries and listings are found by the catalogue search
                page.meta["search"] = {"exclude": True}
            if view.entry is not None:
                page.meta["description"] = meta_text(view.entry.summary or view.entry.title)
        if (view is None or view.entry is None) and (source := self.column.source_of(page.file, config.docs_dir)) is not None:
            self.problems += xrefs.check_links(page.file.content_string, display_path(source), self.catalogue)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.catalogue is not None and self.column is not None
        catalogue, source = self.catalogue, self.column.source_of(page.file, config.docs_dir)
        worker_files = self.column.worker_files

        def entry_url(index: str) -> str:  # called for indexes of the catalogue only: each has its page
            file = worker_files.get_file_from_path(self.urls.entry_src(catalogue.by_index[index]))
            assert file is not None, index
            return get_relative_url(file.url, page.file.url)

        plain = html == getattr(page, "plain_html", None)  # made by plain_paragraphs: nothing to clean or parse
        html, unresolved = xrefs.resolve_index_hrefs(html, catalogue, entry_url)  # to plain relative URLs
        if unresolved and source is not None:
            self.problems += xrefs.unresolved_problems(unresolved, page.file.content_string, display_path(source),
                                                       catalogue, self.problems)
        plain = plain and not unresolved
        body_text = plain_paragraphs.text_of(html) if plain else None
        if self.config.sanitize_html:
            html = sanitize.clean(html, plain)
        view = self.column.views.get(page.file.src_uri)
        if view is not None and view.entry is not None and view.entry.report:
            html, body_text = self.reports.render(html, view.entry, page), None  # annual report tables
        if view is not None and view.entry is not None:
            self.fulltext.add(view.entry, html_text(html) if body_text is None else body_text)
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        self.share_env(env)
        if self.earlier_site is not None:  # the last event before MkDocs copies its static files
            site_cleanup.place_static_files(self.earlier_site, files)
        if self.cache is not None and self.cache.hit():
            log.info("输入与上次生成完全相同：沿用上次生成的目录页、条目页、导出文件和检索数据")
            self.page_workers = None
            self.cancel_exports()
            return env
        if self.cache is not None:
            self.cache.forget()
        assert self.column is not None
        if self.earlier_site is not None:
            self.earlier_site.make_room({file.abs_dest_path for file in (*files, *self.column.worker_files)})
        job = Job(config, files, self.column.worker_files, self.state.nav, env, self.harvest,
                  side_task=None if self.exports_ahead else lambda: self.write_exports(config))
        self.page_workers = PageWorkers(job, self.config.workers)
        self.page_workers.start()  # while MkDocs renders the other pages
        return env

    def share_env(self, env) -> None:
        """The column's data and filters in the theme's Jinja environment; fresh frames."""
        if self.problems:
            raise ProblemsError(self.problems)
        env.filters["dc_filesize"] = exports.human_size
        env.filters["dc_url"] = href
        env.globals["dc_own_entry_row"] = own_template(env, "disclosure/entry-row.html", TEMPLATES_DIR)  # a macro
        assert self.catalogue is not None and self.column is not None
        self.chrome = SharedChrome(env) if self.config.shared_chrome else None
        self.env = self.state.env = env
        self.shared = env.globals["disclosure"] = {
            "agency": self.catalogue.agency, "catalogue": self.catalogue, "urls": self.urls,
            "counts": self.column.counts, "view": None, "interpretations": interpretations(self.catalogue),
            "worker_files": list(self.column.worker_files),  # sitemap.xml lists them
            "search_format": FULLTEXT_FORMAT,  # in the search worker's URL
        }

    def harvest(self, src_uris) -> tuple[dict[str, str], list[Problem]]:
        """What rendering these entry pages taught this process (a worker): their texts, new problems."""
        assert self.column is not None
        indexes = [view.entry.index for uri in src_uris if (view := self.column.views[uri]).entry is not None]
        problems, self.problems = self.problems, []
        return {index: self.fulltext.texts[index] for index in indexes if index in self.fulltext.texts}, problems

    def absorb(self, harvest: tuple[dict[str, str], list[Problem]]) -> None:
        texts, problems = harvest
        self.fulltext.texts.update(texts)
        self.problems += problems

    @event_priority(-100)  # last: the page renders here, from the context every other plugin has seen
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        assert self.column is not None
        view = self.column.views.get(page.file.src_uri)
        if view is not None:
            context["disclosure"] = {**self.shared, "view": view}
            template = TEMPLATES[view.kind]
            if self.chrome is not None and view.kind != "home":
                identity = (page.url, view.entry.index if view.entry else "")
                html = self.chrome.render(template, context, page, identity)
            else:
                html = self.env.get_template(template).render(context)
            context["disclosure_html"] = Markup(html)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            if self.page_workers is not None:  # else the column is the last build's: same inputs, same links
                self._finish_column(config)
        finally:  # nothing may still be writing when a failed build's site is removed
            if self.earlier_site is not None:
                self.earlier_site.wait()
            logging.getLogger("mkdocs").removeHandler(self.warnings)  # after the workers' records were replayed
        if self.page_workers is not None and self.earlier_site is not None:
            self.earlier_site.remove_unwritten(self.build_started or 0.0)
        if self.cache is not None and self.page_workers is not None and not self.warnings.get_counts():
            self.cache.store()

    def _finish_column(self, config: MkDocsConfig) -> None:
        """The workers' pages and problems; then the links checked while a forked child writes the
        full-text index and joins the check. The preview takes the child's postings and lines back:
        its saves then post and lay out only the entries and grams they change."""
        assert self.page_workers is not None
        self.page_workers.finish(self.absorb)
        if self.problems:
            raise ProblemsError(self.problems)
        if self.exports_ahead is not None:
            self.write_exports(config, self.exports_ahead.made())
        if self.earlier_site is not None:  # the static files in place before the link check
            self.earlier_site.wait()
        handed, _ = check_built_site(config, self.config, self.catalogue, self.serving, log,
                                     beside=lambda: self.write_search_text(config, hand_back=self.serving))
        if handed is not None:
            self.fulltext.postings, self.fulltext.laid_out = handed

    def export_files(self, config: MkDocsConfig) -> exports.Made:
        assert self.catalogue is not None
        memo = self.state.memo if self.serving else None  # a build's own exports are made before its state
        return exports.make(self.catalogue, self.urls, config, self.config.feed_size, memo)

    def remember_for_saves(self, config: MkDocsConfig) -> None:
        """What the next save's exports and search data can take from this catalogue's (the preview,
        while it waits): export rows, search filters, the full-text index's lines and bucket files."""
        assert self.catalogue is not None
        exports.remember(self.state.memo, self.catalogue, self.urls, config)
        self.fulltext.lay_out().files()

    def write_exports(self, config: MkDocsConfig, made: exports.Made | None = None) -> None:
        """The exports and the catalogue search's shards (`made` ahead, or made now) into the column."""
        exports.write(made or self.export_files(config), self.urls, config.site_dir)

    def cancel_exports(self) -> None:
        if self.exports_ahead is not None:
            self.exports_ahead.cancel()
            self.exports_ahead = None

    def write_search_text(self, config: MkDocsConfig, hand_back: bool = False) -> tuple[Postings, LaidOut] | None:
        """The full-text index, from the texts the entry pages gave; its postings and lines when `hand_back`."""
        write_fulltext(self.fulltext, os.path.join(config.site_dir, self.urls.fulltext()), self.urls.home(),
                       self.urls.entry_pattern(config.use_directory_urls), once=not self.serving)
        return (self.fulltext.postings, self.fulltext.laid_out) if hand_back else None

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build must not leave a site that looks finished; dotfiles (.git, .nojekyll) stay."""
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.cancel_exports()
        if self.earlier_site is not None:
            with contextlib.suppress(PluginError):  # a static file that failed to copy: the build failed anyway
                self.earlier_site.wait()
        if not self.serving and hasattr(self, "mkdocs_config"):
            site_cleanup.remove_after_failure(self.mkdocs_config.site_dir, self.dirty, self.build_started)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        for path in (*self.project.files, *self.project.folders):  # directory.yml and what it includes
            server.watch(path)
        return server
