"""After a failed build: leave no site that looks finished, and keep the site folder's dotfiles.

MkDocs itself never writes or cleans dotfiles (`.git/` of a gh-pages worktree, `.nojekyll`). A normal
build cleans everything else before writing, so after a failure we clean the same way (MkDocs'
own `clean_directory`): what this build wrote, or the earlier site it was about to replace. A
`--dirty` build keeps earlier files on purpose, so there only the files modified since the build
started are removed, with the folders that removal leaves empty."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable

from mkdocs.utils import clean_directory

from .forks import aside

CLOCK_SLACK = 0.1  # seconds: file times come from a coarser clock than time.time()
STALE = ".disclosure-stale"  # a dot folder: MkDocs neither cleans nor copies it


def set_aside(site_dir: str) -> Callable[[], None]:
    """Move what MkDocs' clean_directory is about to remove (all but dotfiles) into a dot folder of the
    site folder, and remove that in a forked child while the build goes on: removing 100k pages takes
    seconds. Returns the function that waits until it is gone."""
    if not os.path.isdir(site_dir):
        return lambda: None
    stale = os.path.join(site_dir, STALE)
    batch = os.path.join(stale, str(time.time_ns()))  # a crashed earlier build may have left one
    os.makedirs(batch)
    for name in os.listdir(site_dir):
        if not name.startswith("."):
            os.rename(os.path.join(site_dir, name), os.path.join(batch, name))
    return aside(lambda: shutil.rmtree(stale, ignore_errors=True))


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
