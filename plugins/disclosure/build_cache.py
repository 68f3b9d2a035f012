"""A build whose inputs are all unchanged keeps the column of the last good build as it is.

The column folder (`<site>/<prefix>/`: listings, entries, reports, exports, search data) is what takes
a build its time. A normal build takes the earlier column back and rewrites it in place
(`site_cleanup.py`). After a build that finished without a warning, a manifest in `.cache/disclosure/`
next to mkdocs.yml records a fingerprint of everything the build read: every file MkDocs found (docs
and theme assets: path, size, modification time), every template folder of the theme, the catalogue
and report files, the plugin's own code, mkdocs.yml and the settings loaded from it (`!ENV` values
included), the site folder, Python's and the installed packages' versions, the options the command
line can change and the day. The next build with the same fingerprint leaves the column as it is
instead of rendering pages, exports and search data, and skips the link check (same inputs, same site,
checked then). Anything changed, even a touch: a full build.

The manifest also holds a digest of the column's files (paths, sizes, modification times), so a column
file edited, removed or added since (`--dirty`, a post-processing script, an interrupted build) means a
full build (an edit that keeps the size and sets the modification time back is not seen). The files
MkDocs itself writes into the column on every build (the column home, static files under the prefix)
are left out of the digest: it rewrites them anyway.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import sys
import sysconfig
from collections.abc import Container, Iterable, Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import CountHandler, get_build_date

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
MANIFEST = "fingerprint.json"
EARLIER_COPY = "column"  # where versions before 2026-12 kept hard links of the column: removed
SETTINGS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name", "edit_uri",
            "edit_uri_template", "nav", "extra", "extra_css", "extra_javascript", "markdown_extensions", "mdx_configs",
            "validation", "not_in_nav", "exclude_docs", "draft_docs")  # settings as loaded, beyond mkdocs.yml's bytes


def project_cache(config: MkDocsConfig) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(config.config_file_path)), ".cache", "disclosure")


class BuildCache:
    def __init__(self, folder: str, fingerprint: str, column_dir: str, config: MkDocsConfig, files: Files) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.column_dir = column_dir
        self.config = config
        self.files = files  # the build's, complete by the time the column is looked at

    @classmethod
    def for_build(cls, config: MkDocsConfig, files: Files, read: Iterable[str], column_dir: str) -> BuildCache:
        """`read`: the project files the plugin loaded (catalogue, includes, reports)."""
        digest = hashlib.sha256()
        for line in _inputs(config, files, read):
            digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
        return cls(project_cache(config), digest.hexdigest(), os.path.normpath(column_dir), config, files)

    def hit(self) -> bool:
        """Same fingerprint, and the column's files still as they were kept."""
        try:
            with open(os.path.join(self.folder, MANIFEST), encoding="utf-8") as stream:
                kept = json.load(stream)
            return kept.get("fingerprint") == self.fingerprint and kept.get("column") == self.column_digest()
        except (OSError, ValueError, AttributeError):
            return False

    def forget(self) -> None:
        """Before the column is rewritten: no manifest may vouch for it until the build finished."""
        try:
            os.unlink(os.path.join(self.folder, MANIFEST))
        except FileNotFoundError:
            pass

    def store(self) -> None:
        """Record the column just built as the one these inputs give."""
        os.makedirs(self.folder, exist_ok=True)
        shutil.rmtree(os.path.join(self.folder, EARLIER_COPY), ignore_errors=True)
        with open(os.path.join(self.folder, MANIFEST), "w", encoding="utf-8") as stream:
            json.dump({"fingerprint": self.fingerprint, "column": self.column_digest()}, stream)

    def column_digest(self) -> str:
        """sha256 over the sorted lines `path size mtime_ns` of the column's files (stat only), but for
        those MkDocs rewrites."""
        lines = sorted(_stat_lines(self.column_dir, "", _mkdocs_writes(self.config, self.files)))
        return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def _mkdocs_writes(config: MkDocsConfig, files: Files) -> set[str]:
    """What MkDocs writes after `on_env`: its files, the theme's and the extra templates."""
    templates = (os.path.join(config.site_dir, name) for name in (*config.theme.static_templates, *config.extra_templates))
    return {os.path.normpath(path) for path in templates} | {file.abs_dest_path for file in files}


def _stat_lines(folder: str, relative: str, skip: Container[str]) -> Iterator[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _stat_lines(entry.path, f"{relative}{entry.name}/", skip)
            elif entry.path not in skip:
                stat = entry.stat(follow_symlinks=False)
                yield f"{relative}{entry.name} {stat.st_size} {stat.st_mtime_ns}"


def _inputs(config: MkDocsConfig, files: Files, read: Iterable[str]) -> Iterable[str]:
    yield f"day {get_build_date()} epoch {os.environ.get('SOURCE_DATE_EPOCH', '')}"
    yield f"python {sys.version} options {config.theme.name} {config.use_directory_urls} {config.strict}"
    yield f"site {os.path.abspath(config.site_dir)}"
    yield json.dumps({key: config.get(key) for key in SETTINGS}, default=str, sort_keys=True)  # !ENV values too
    yield from sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    for file in files:
        if file.abs_src_path and not file.generated_by:
            yield _stamp(file.abs_src_path, file.src_uri)
    installed = tuple(os.path.join(sysconfig.get_path(key), "") for key in ("purelib", "platlib"))
    walked = (*installed, os.path.join(PACKAGE_DIR, ""))  # installed: by version; ours: walked whole below
    for folder in [PACKAGE_DIR, *(d for d in config.theme.dirs if not os.path.join(d, "").startswith(walked))]:
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            yield from (_stamp(os.path.join(root, name)) for name in sorted(names))
    hooks = [getattr(module, "__file__", None) for module in (config.hooks or {}).values()]  # type: ignore[union-attr]  # a dict, typed a list
    for path in sorted({config.config_file_path, *read, *filter(None, hooks)}):
        yield _stamp(path)


def _stamp(path: str, label: str | None = None) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return f"{label or path} missing"
    return f"{label or path} {stat.st_size} {stat.st_mtime_ns}"


def warning_counter() -> CountHandler:
    """MkDocs' own counter of a build's warnings (as `--strict` uses it): only a build without any is
    kept, since a reuse would not repeat them."""
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    return counter
