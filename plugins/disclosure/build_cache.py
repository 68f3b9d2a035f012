"""A build whose inputs are all unchanged reuses the column of the last good build (`.cache/`).

The column folder (`<site>/<prefix>/`: listings, entries, reports, exports, search data) is what takes
a build its time. After a build that finished without a warning, it is kept in `.cache/disclosure/`
next to mkdocs.yml, with a fingerprint of everything the build read: every file
MkDocs found (docs and theme assets: path, size, modification time), every template folder of the
theme, the catalogue and report files, the plugin's own code, mkdocs.yml and the settings loaded
from it (`!ENV` values included), Python's and the installed packages' versions, the options the
command line can change and the day. The next build with the same
fingerprint puts the folder back instead of rendering pages, exports and search data, and skips the
link check (same inputs, same site, checked then). Anything changed, even a touch: a full build.

Hard links both ways (copies where the filesystem has none, or `.cache` is on another one), so
keeping and restoring 10k files costs a walk, not 280 MB of writes. A cache file is then the same
inode as a site file, and whatever edits the site in place (`--dirty`, a post-processing script)
edits the cache too. So the manifest also holds a digest of the cached files' paths, sizes and
modification times as kept, and only a cache whose files still match it is reused: an in-place edit
means a full build (one that keeps the size and sets the modification time back is not seen). A
normal build moves the old site aside and unlinks it, which leaves the cache's files as they were.
The files MkDocs itself writes into the column on every build (the column home, static files under
the prefix) are not linked back: MkDocs would rewrite them in place.
"""

from __future__ import annotations

import errno
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
COLUMN = "column"
UNLINKABLE = {errno.EXDEV, errno.EPERM, errno.ENOTSUP}  # another filesystem, or one without hard links
SETTINGS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name", "edit_uri",
            "edit_uri_template", "nav", "extra", "extra_css", "extra_javascript", "markdown_extensions", "mdx_configs",
            "validation", "not_in_nav", "exclude_docs", "draft_docs")  # settings as loaded, beyond mkdocs.yml's bytes


def project_cache(config: MkDocsConfig) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(config.config_file_path)), ".cache", "disclosure")


class BuildCache:
    def __init__(self, folder: str, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint

    @classmethod
    def for_build(cls, config: MkDocsConfig, files: Files, read: Iterable[str]) -> BuildCache:
        """`read`: the project files the plugin loaded (catalogue, includes, reports)."""
        digest = hashlib.sha256()
        for line in _inputs(config, files, read):
            digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
        return cls(project_cache(config), digest.hexdigest())

    def hit(self) -> bool:
        """Same fingerprint, and the cached files still as they were kept (no in-place edit since)."""
        try:
            with open(os.path.join(self.folder, MANIFEST), encoding="utf-8") as stream:
                kept = json.load(stream)
            return kept.get("fingerprint") == self.fingerprint and \
                kept.get("column") == column_digest(os.path.join(self.folder, COLUMN))
        except (OSError, ValueError, AttributeError):
            return False

    def restore(self, column_dir: str, config: MkDocsConfig, files: Files) -> None:
        """Link the cached column back, but for what MkDocs writes there itself next (in place)."""
        link_tree(os.path.join(self.folder, COLUMN), os.path.normpath(column_dir), _mkdocs_writes(config, files))

    def store(self, column_dir: str) -> None:
        """Keep the column just built; the manifest is written last, so a half-made cache never hits."""
        shutil.rmtree(self.folder, ignore_errors=True)
        column, making = os.path.join(self.folder, COLUMN), os.path.join(self.folder, COLUMN + ".new")
        link_tree(column_dir, making)
        os.rename(making, column)
        with open(os.path.join(self.folder, MANIFEST), "w", encoding="utf-8") as stream:
            json.dump({"fingerprint": self.fingerprint, "column": column_digest(column)}, stream)


def link_tree(source: str, target: str, skip: Container[str] = frozenset(), linking: bool = True) -> bool:
    """Hard-link the files of `source` into `target`, folders made as it walks; from the first file
    the filesystem will not link on, copies. Paths in `skip` (normalized) are left out. Returns
    whether it still links."""
    os.makedirs(target, exist_ok=True)
    with os.scandir(source) as entries:
        for entry in entries:
            path = os.path.join(target, entry.name)
            if entry.is_dir():
                linking = link_tree(entry.path, path, skip, linking)
            elif path not in skip:
                linking = _link_or_copy(entry.path, path, linking)
    return linking


def _link_or_copy(source: str, path: str, linking: bool) -> bool:
    if linking:
        try:
            os.link(source, path)
            return True
        except FileExistsError:  # written before the restore (another plugin): the cached file wins, as a copy's did
            os.unlink(path)
            return _link_or_copy(source, path, linking)
        except OSError as error:
            if error.errno not in UNLINKABLE:
                raise
    shutil.copy2(source, path)
    return False


def _mkdocs_writes(config: MkDocsConfig, files: Files) -> set[str]:
    """What MkDocs writes after `on_env`: its files, the theme's and the extra templates."""
    templates = (os.path.join(config.site_dir, name) for name in (*config.theme.static_templates, *config.extra_templates))
    return {os.path.normpath(path) for path in templates} | {file.abs_dest_path for file in files}


def column_digest(folder: str) -> str:
    """sha256 over the sorted lines `path size mtime_ns` of every file under `folder` (stat only)."""
    lines = sorted(_stat_lines(folder, ""))
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def _stat_lines(folder: str, relative: str) -> Iterator[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _stat_lines(entry.path, f"{relative}{entry.name}/")
            else:
                stat = entry.stat(follow_symlinks=False)
                yield f"{relative}{entry.name} {stat.st_size} {stat.st_mtime_ns}"


def _inputs(config: MkDocsConfig, files: Files, read: Iterable[str]) -> Iterable[str]:
    yield f"day {get_build_date()} epoch {os.environ.get('SOURCE_DATE_EPOCH', '')}"
    yield f"python {sys.version} options {config.theme.name} {config.use_directory_urls} {config.strict}"
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
