"""After a failed build: remove what this build wrote to the site folder, keep everything else.

MkDocs itself never writes or cleans dotfiles (`.git/` of a gh-pages worktree, `.nojekyll`), and before
it starts writing it has already cleaned the folder. So: every non-dot file modified since the build
started was written by it; folders left empty by the removal go too."""

from __future__ import annotations

import os
import time

CLOCK_SLACK = 0.1  # seconds: file times come from a coarser clock than time.time()


def build_started() -> float:
    return time.time() - CLOCK_SLACK


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
        for name in names:
            if _written(path := os.path.join(root, name), since):
                os.unlink(path)
        for name in dirs:
            path = os.path.join(root, name)
            if os.path.islink(path) and _written(path, since):
                os.unlink(path)
    for root, dirs, names in os.walk(folder, topdown=False):
        if not os.listdir(root):
            os.rmdir(root)


def _written(path: str, since: float) -> bool:
    try:
        return os.lstat(path).st_mtime >= since
    except FileNotFoundError:
        return False
