"""After a failed build: leave no site that looks finished, and keep the site folder's dotfiles.

MkDocs itself never writes or cleans dotfiles (`.git/` of a gh-pages worktree, `.nojekyll`). A normal
build cleans everything else before writing, so after a failure we clean the same way (MkDocs'
own `clean_directory`): what this build wrote, or the earlier site it was about to replace. A
`--dirty` build keeps earlier files on purpose, so there only the files modified since the build
started are removed, with the folders that removal leaves empty."""

from __future__ import annotations

import os
import time

from mkdocs.utils import clean_directory

CLOCK_SLACK = 0.1  # seconds: file times come from a coarser clock than time.time()


def build_started() -> float:
    return time.time() - CLOCK_SLACK


def remove_after_failure(site_dir: str, dirty: bool, since: float | None) -> None:
    if not dirty:
        clean_directory(site_dir)
    elif since is not None:
        remove_written(site_dir, since)


def remove_written(site_dir: str, since: float) -> None:
    if not os.path.isdir(site_dir):
        return
    for name in os.listdir(site_dir):
        if name.startswith("."):
            continue
        path = os.path.join(site_dir, name)
        if os.path.isdir(path) and not os.path.islink(path):
            _remove_tree(path, since)
        elif _written(path, since):
            os.unlink(path)


def _remove_tree(folder: str, since: float) -> None:
    for root, dirs, names in os.walk(folder, topdown=False):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            if _written(path := os.path.join(root, name), since):
                os.unlink(path)
        if not os.listdir(root):
            os.rmdir(root)


def _written(path: str, since: float) -> bool:
    try:
        return os.lstat(path).st_mtime >= since
    except FileNotFoundError:
        return False
