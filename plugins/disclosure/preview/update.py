"""Update a built site after a save, rendering only the pages the change reaches.

Handled here: entry body files, the catalogue (directory.yml and its includes) and attachment files.
The old and new `Catalogue` are planned into pages (`ColumnPages.plan`) and the Views compared: an
entry's page, the listings it was and is on (pagination shifts included), the column home and
pages with `index:` links to an added or removed entry are rendered again through MkDocs' own page
pipeline, with the Files, nav and Jinja environment of the last build; exports and search data are
laid out again from the texts collected so far. Anything else (mkdocs.yml, templates, CSS, editorial
pages, a changed agency or category tree) returns False: the caller builds everything.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .. import page_workers, project, xrefs
from ..pages import ColumnPages, read_markdown_files
from ..relations import interpretations
from ..problems import Problem, ProblemsError, display_path
from ..reports import hooks as report_hooks
from .material_search import SearchIndexPatch


@dataclass
class Plan:
    """Pages to render again or delete, after the new state is validated."""

    column: ColumnPages
    project: project.Project
    bodies: dict[str, str]
    render: list[str] = field(default_factory=list)  # src_uris, generated or editorial
    removed: list[str] = field(default_factory=list)
    changed_entries: set[str] = field(default_factory=set)  # index numbers whose body text may differ
    attachments: list[str] = field(default_factory=list)  # docs-relative paths to copy again


def update(config: MkDocsConfig, plugin, changed: set[str], start_exports: Callable[[Callable[[], None], bool], None],
           start_search: Callable[[Callable[[], None]], None]) -> bool:
    """Render the pages `changed` (absolute paths) reaches; False when a full build is needed. The
    job that writes the exports and the catalogue search's shards, which need the new catalogue only,
    goes to `start_exports` before the pages render, saying whether they changed (not when the
    catalogue was not read again); the job that lays out the search data again goes to `start_search`
    once the entry pages are rendered (their texts are all it needs), before the listings. Raises
    ProblemsError (nothing written) when the new state does not validate."""
    plan = make_plan(config, plugin, changed)
    if plan is None:
        return False

    def search_data(search: SearchIndexPatch) -> None:
        plugin.write_search_text(config)
        search.write(config)

    catalogue_read = plan.project is not plugin.project
    apply(config, plugin, plan, lambda: start_exports(lambda: plugin.write_exports(config), catalogue_read),
          lambda search: start_search(lambda: search_data(search)))
    return True


def make_plan(config: MkDocsConfig, plugin, changed: set[str]) -> Plan | None:
    docs = config.docs_dir
    old = plugin.project
    old_bodies = _bodies(old, docs)
    reload = any(_is_catalogue(p, old) or p in _attachments(old, docs) or not os.path.exists(p) for p in changed)
    new = project.from_config(config, plugin.config, old, changed) if reload else old  # validation: ProblemsError
    if new.catalogue.agency != old.catalogue.agency or new.catalogue.categories != old.catalogue.categories:
        return None
    new_bodies, attachments = _bodies(new, docs), _attachments(new, docs)
    known = old_bodies.keys() | new_bodies.keys() | attachments | _attachments(old, docs)
    if any(p not in known and not _is_catalogue(p, old) and not _is_catalogue(p, new) for p in changed):
        return None
    files = plugin.state.files
    if any(os.path.exists(p) for p in old_bodies.keys() - new_bodies.keys()) or any(
            files.get_file_from_path(new_bodies[p]) is not None for p in new_bodies.keys() - old_bodies.keys()):
        return None  # a body file becomes an editorial page, or an editorial page a body
    state = plugin.state
    problems: list[Problem] = []
    reread = sorted({new_bodies[p] for p in changed if p in new_bodies} | (set(new_bodies.values()) - state.bodies.keys()))
    kept = set(new_bodies.values())  # a set: `in dict.values()` walks them all, once per body
    bodies = {path: text for path, text in state.bodies.items() if path in kept}
    bodies.update(read_markdown_files(reread, docs, problems))
    column = ColumnPages(new.catalogue, plugin.urls, plugin.config.column_title, plugin.config.page_size)
    column.plan(plugin.column.views[plugin.urls.home_src()].markdown, bodies)
    plan = Plan(column, new, bodies, attachments=sorted(os.path.relpath(p, docs) for p in changed if p in attachments))
    _diff_views(plugin.column, column, plan, catalogue_changed=new is not old)
    _link_dependants(plugin, plan, old.catalogue, new.catalogue)
    for src_uri in plan.render:
        _check_links(config, plugin, plan, src_uri, problems)
    if problems:
        raise ProblemsError(problems)
    return plan


def _is_catalogue(path: str, proj: project.Project) -> bool:
    return path in proj.files or (path.endswith((".yml", ".yaml")) and any(path.startswith(f + os.sep) for f in proj.folders))


def _bodies(proj: project.Project, docs: str) -> dict[str, str]:
    """Absolute path → docs-relative path of every entry body."""
    return {os.path.join(docs, e.body): e.body for e in proj.catalogue.entries if e.body}


def _attachments(proj: project.Project, docs: str) -> set[str]:
    return {os.path.join(docs, a.file) for e in proj.catalogue.entries for a in e.attachments}


def _diff_views(old: ColumnPages, new: ColumnPages, plan: Plan, catalogue_changed: bool) -> None:
    """Pages whose View differs; a listing whose count changed; the home (counts, newest entries)
    and annual reports (each compares with the year before) whenever the catalogue changed."""
    plan.removed = sorted(old.views.keys() - new.views.keys())
    reports = catalogue_changed and any(view.entry is not None and view.entry.report for view in new.views.values())
    related = _relations_changed(old, new) if catalogue_changed else set()
    for uri, view in new.views.items():
        before = old.views.get(uri)
        if (before != view or (view.kind == "home" and catalogue_changed) or (reports and view.entry and view.entry.report)
                or (view.entry is not None and view.entry.index in related)
                or (view.category is not None and old.counts[view.category.id] != new.counts[view.category.id])):
            plan.render.append(uri)
            if view.entry is not None:
                plan.changed_entries.add(view.entry.index)


def _relations_changed(old: ColumnPages, new: ColumnPages) -> set[str]:
    """Entries whose 相关解读 list or 解读对象 (title, 文号) reads differently now."""
    before, after = interpretations(old.catalogue), interpretations(new.catalogue)
    changed = {index for index in before.keys() | after.keys() if before.get(index) != after.get(index)}
    for entry in new.catalogue.entries:
        if entry.interprets and old.catalogue.by_index.get(entry.interprets) != new.catalogue.by_index.get(entry.interprets):
            changed.add(entry.index)
    return changed


def _link_dependants(plugin, plan: Plan, old, new) -> None:
    """Pages whose `index:` links point at an entry that came or went."""
    came_or_went = old.by_index.keys() ^ new.by_index.keys()
    if not came_or_went:
        return
    rendering, linked = set(plan.render), _linked(plugin.state)
    for uri, view in plan.column.views.items():
        if uri not in rendering and view.markdown and linked(view.markdown) & came_or_went:
            plan.render.append(uri)
            rendering.add(uri)
    for file in plugin.state.files.documentation_pages():
        if not file.generated_by and file.src_uri not in rendering and linked(file.content_string) & came_or_went:
            plan.render.append(file.src_uri)


def prepare(plugin) -> None:
    """What the first save that adds or removes an entry would otherwise do itself: which index
    numbers each page links to (run by the server after a full build, while the site is served)."""
    linked = _linked(plugin.state)
    for view in plugin.column.views.values():
        if view.markdown:
            linked(view.markdown)


def _linked(state) -> Callable[[str], frozenset[str]]:
    """`xrefs.linked_indexes`, remembered per Markdown text for the build state's life: a body keeps
    its text (the same string) from save to save until it is edited."""
    memo = state.linked

    def linked(markdown: str) -> frozenset[str]:
        if (found := memo.get(markdown)) is None:
            found = memo[markdown] = frozenset(xrefs.linked_indexes(markdown))
        return found

    return linked


def _check_links(config: MkDocsConfig, plugin, plan: Plan, src_uri: str, problems: list[Problem]) -> None:
    """The `index:` links of a page to render, against the new catalogue (problems, nothing written)."""
    view = plan.column.views.get(src_uri)
    if view is None:
        file = plugin.state.files.get_file_from_path(src_uri)
        markdown, source = file.content_string, file.abs_src_path
    elif view.entry is not None and view.entry.body:
        markdown, source = view.markdown, os.path.join(config.docs_dir, view.entry.body)
    else:
        return
    problems += xrefs.check_links(markdown, display_path(source), plan.project.catalogue)


def apply(config: MkDocsConfig, plugin, plan: Plan, adopted: Callable[[], None],
          entries_rendered: Callable[[SearchIndexPatch], None]) -> None:
    """The plan into the build state and the site; `adopted` is called once the plugin holds the new
    catalogue, `entries_rendered` once the pages whose texts the search data holds are written."""
    state = plugin.state
    files, worker_files = state.files, plugin.column.worker_files
    for uri in plan.removed:
        held_in = worker_files if worker_files.get_file_from_path(uri) is not None else files
        file = held_in.get_file_from_path(uri)
        if file is not None:
            held_in.remove(file)
            _delete_output(file.abs_dest_path, config.site_dir)
    added = False
    for uri in plan.render:
        if (view := plan.column.views.get(uri)) is not None:
            added |= _replace_file(config, plan, files if view.kind == "home" else worker_files, uri)
    held = {file.src_uri: file for file in worker_files}  # in the order a full build has them (sitemap.xml)
    plan.column.worker_files = worker_files = Files([held[uri] for uri in plan.column.views if uri in held])
    moved = list(held) != [file.src_uri for file in worker_files]  # a new date moves an entry's page
    for path in plan.attachments:
        file = files.get_file_from_path(path)
        if file is None:
            file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
            files.append(file)
        file.copy_file()
    plugin.project, plugin.catalogue, plugin.column = plan.project, plan.project.catalogue, plan.column
    plugin.reports = report_hooks.ReportPages(plugin.catalogue, config)
    plugin.fulltext = plugin.fulltext.for_entries(plugin.catalogue.entries, plan.changed_entries)
    state.bodies = plan.bodies
    adopted()
    apart = [uri for uri in plan.render if worker_files.get_file_from_path(uri) is not None]
    held_by_mkdocs = [uri for uri in plan.render if files.get_file_from_path(uri) is not None]
    pages = [files.get_file_from_path(uri).page or Page(None, files.get_file_from_path(uri), config)
             for uri in held_by_mkdocs]
    for page in pages:
        _populate_page(page, config, files)
    plugin.share_env(state.env)  # the column's shared template data, fresh frames
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    search = SearchIndexPatch(config)
    for page in pages:
        with search.replacing(page):
            _build_page(page, config, doc_files, state.nav, state.env)
    job = page_workers.Job(config, files, worker_files, state.nav, state.env, plugin.harvest)
    listings = [uri for uri in apart if plan.column.views[uri].entry is None]
    page_workers.render(job, [uri for uri in apart if plan.column.views[uri].entry is not None])
    entries_rendered(search)
    page_workers.render(job, listings)
    if plan.removed or added or moved:
        _build_theme_template("sitemap.xml", state.env, files, config, state.nav)  # pages came, went or moved


def _replace_file(config: MkDocsConfig, plan: Plan, files, uri: str) -> bool:
    """The generated File of `uri` with the planned Markdown; the existing File (and its Page, which
    the nav may hold) is kept and given the new text. True when the File is new."""
    existing = files.get_file_from_path(uri)
    if existing is not None:
        existing.content_string = plan.column.views[uri].markdown
        return False
    files.append(plan.column.file(config, uri))
    return True


def _delete_output(path: str, site_dir: str) -> None:
    if os.path.isfile(path):
        os.remove(path)
    folder = os.path.dirname(path)
    while folder.startswith(site_dir + os.sep) and os.path.isdir(folder) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
