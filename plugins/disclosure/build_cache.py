"""A build whose inputs are all unchanged reuses the column of the last good build (`.cache/`).

The column folder (`<site>/<prefix>/`: listings, entries, reports, exports, search data) is what takes
a build its time. After a build that finished without a warning, it is copied into
`.cache/disclosure/` next to mkdocs.yml, with a fingerprint of everything the build read: every file
MkDocs found (docs and theme assets: path, size, modification time), every template folder of the
theme, the catalogue and report files, the plugin's own code, mkdocs.yml and the settings loaded
from it (`!ENV` values included), Python's and the installed packages' versions, the options the
command line can change and the day. The next build with the same
fingerprint copies the folder back instead of rendering pages, exports and search data, and skips the
link check (same inputs, same site, checked then). Anything changed, even a touch: a full build.
Copies, not hard links: a step that edits the built site in place must not edit the cache.
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
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import CountHandler, get_build_date

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
MANIFEST = "fingerprint.json"
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
        try:
            with open(os.path.join(self.folder, MANIFEST), encoding="utf-8") as stream:
                return json.load(stream).get("fingerprint") == self.fingerprint
        except (OSError, ValueError):
            return False

    def restore(self, column_dir: str) -> None:
        shutil.copytree(os.path.join(self.folder, "column"), column_dir, dirs_exist_ok=True)

    def store(self, column_dir: str) -> None:
        """Keep the column just built; the fingerprint is written last, so a half-made copy never hits."""
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.copytree(column_dir, os.path.join(self.folder, "column"))
        with open(os.path.join(self.folder, MANIFEST), "w", encoding="utf-8") as stream:
            json.dump({"fingerprint": self.fingerprint}, stream)


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
    hooks = [getattr(module, "__file__", None) for module in (config.hooks or {}).values()]
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
