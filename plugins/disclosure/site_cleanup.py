"""The earlier site: moved aside before MkDocs cleans the site folder, its column taken back to be
rewritten in place; after a failed build, no site that looks finished. Dotfiles always stay.

MkDocs itself never writes or cleans dotfiles (`.git/` of a gh-pages worktree, `.nojekyll`). A normal
build cleans everything else before writing. The column (`<site>/<prefix>/`, 10k folders and files at
10k entries) is the exception: unlinking it and making it again costs seconds of filesystem work per
build (ext4 without a journal even skips every inode freed in the last minute when it makes one), so it
is taken back after MkDocs' clean and its files are rewritten where they are, over their own blocks
(`write_in_place`), as Hugo does. What this build did not write (a removed entry's page) is removed
after it. A symlink, a hard-linked file, a pipe or device is unlinked first, so the rewrite never
reaches anything outside the site. Static files (attachments, the theme's assets) whose earlier copies
are still their sources byte for byte are put back too, by a forked child beside the build that also
copies the others, and MkDocs does not copy them again.

After a failure everything but dotfiles is cleaned, as MkDocs' own `clean_directory` does. A `--dirty`
build keeps earlier files on purpose, so there only the files modified since the build started are
removed, with the folders that removal leaves empty."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterator
from stat import S_ISREG

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import clean_directory, copy_file

from .forks import aside

STALE = ".disclosure-stale"  # a dot folder: MkDocs neither cleans nor copies it
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows only
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW


class EarlierSite:
    """What a normal build replaces, moved into a dot folder of the site folder and removed in a
    forked child while the build goes on (removing 100k pages takes seconds)."""

    def __init__(self, site_dir: str) -> None:
        self.site_dir = site_dir
        self.batch: str | None = None
        self.removed: Callable[[], None] | None = None
        self.column: str | None = None  # the folder taken back, rewritten in place

    @classmethod
    def set_aside(cls, site_dir: str) -> EarlierSite:
        """Move what MkDocs' clean_directory is about to remove (all but dotfiles) aside."""
        earlier = cls(site_dir)
        if os.path.isdir(site_dir):
            earlier.batch = os.path.join(site_dir, STALE, str(time.time_ns()))  # a crashed build may have left one
            os.makedirs(earlier.batch)
            for name in os.listdir(site_dir):
                if not name.startswith("."):
                    os.rename(os.path.join(site_dir, name), os.path.join(earlier.batch, name))
        return earlier

    def take_back(self, folder: str) -> None:
        """After MkDocs' clean: put the earlier site's `folder` (relative) back, if it had one."""
        kept = os.path.join(self.batch, folder) if self.batch and self.removed is None else None
        if kept is not None and os.path.isdir(kept) and not os.path.islink(kept):
            self.column = os.path.normpath(os.path.join(self.site_dir, folder))  # as MkDocs' paths of its files
            os.makedirs(os.path.dirname(self.column), exist_ok=True)
            os.rename(kept, self.column)

    def place_copies(self, copies: Collection[tuple[str, str]]) -> bool:
        """In MkDocs' place, where there is an earlier site: a forked child puts back each earlier copy of a
        static file (`(source, path in the site)`, none in the column) that is still its source byte for
        byte, a plain file (no link of either kind), copies the others as MkDocs would, then removes the
        rest of the earlier site. True when it took the copies over."""
        if self.batch is None or self.removed is not None:
            self.remove()
            return False
        batch, site_dir = self.batch, self.site_dir

        def place() -> None:
            for source, relative in copies:
                earlier, target = os.path.join(batch, relative), os.path.join(site_dir, relative)
                if _same_bytes(source, earlier):
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    os.rename(earlier, target)
                else:
                    copy_file(source, target)

        self.remove(first=place)
        return True

    def make_room(self, written: Collection[str]) -> None:
        """Before the column taken back is rewritten: see `make_room`."""
        if self.column is not None:
            make_room(self.column, written)

    def remove_unwritten(self, since: float) -> None:
        """After the column taken back was rewritten: see `remove_unwritten`."""
        if self.column is not None:
            remove_unwritten(self.column, since)

    def remove(self, first: Callable[[], None] | None = None) -> None:
        """Start removing the rest (once), in a forked child that does `first` before (even if it fails)."""
        if self.removed is None:
            stale = os.path.join(self.site_dir, STALE)

            def remove_rest() -> None:
                try:
                    if first is not None:
                        first()
                finally:
                    shutil.rmtree(stale, ignore_errors=True)

            self.removed = aside(remove_rest) if self.batch else lambda: None

    def wait(self) -> None:
        """Until the static files are in place and the rest is gone."""
        self.remove()
        assert self.removed is not None
        try:
            self.removed()
        except RuntimeError as error:  # the child's traceback: its last line says what went wrong
            raise PluginError(f"整理网站文件夹（复制附件等静态文件、删除上次生成的文件）时出错：{str(error).strip().splitlines()[-1]}") from None


def _same_bytes(source: str, earlier: str) -> bool:
    """Whether `earlier` is a plain file (not a link of either kind) with exactly `source`'s bytes."""
    try:
        stat = os.lstat(earlier)
        if not S_ISREG(stat.st_mode) or stat.st_nlink > 1 or stat.st_size != os.stat(source).st_size:
            return False
        with open(source, "rb") as wanted, open(os.open(earlier, os.O_RDONLY | NO_FOLLOW), "rb") as there:
            while chunk := wanted.read(1 << 20):
                if there.read(len(chunk)) != chunk:
                    return False
        return True
    except OSError:
        return False


def write_in_place(content: bytes, output_path: str) -> None:
    """MkDocs' `write_file`, over the file's own blocks: truncating a file to nothing frees its blocks
    (a discard on a filesystem mounted with `discard`) and must wait for their writeback, where
    writing over them does not; only a shorter content frees the tail. A symlink in the file's place is
    an error, not followed, and a file with another name too (a hard link) is replaced, not written
    through: the site is written inside the site folder only. A new file (a first build) takes the
    fewest system calls: its folder is made only when the file cannot be."""
    size = 0  # of the file written over
    try:
        descriptor = os.open(output_path, NEW_FILE, 0o666)
    except FileNotFoundError:  # a new folder
        _make_folder(os.path.dirname(output_path))
        descriptor = os.open(output_path, NEW_FILE, 0o666)
    except FileExistsError:  # or a symlink there: O_EXCL does not follow it, and this open refuses it
        descriptor = os.open(output_path, os.O_WRONLY | NO_FOLLOW)
        found = os.fstat(descriptor)
        if found.st_nlink > 1:
            os.close(descriptor)
            os.unlink(output_path)
            descriptor = os.open(output_path, NEW_FILE, 0o666)
        else:
            size = found.st_size
    try:
        written = 0
        while written < len(content):
            written += os.write(descriptor, content[written:] if written else content)
        if size > len(content):
            os.ftruncate(descriptor, len(content))
    finally:
        os.close(descriptor)


def _make_folder(folder: str) -> None:
    """One mkdir for an entry's new folder in a folder that exists; `makedirs` checks the parent first."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:  # its parent is new too
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:  # made meanwhile by another worker (a file in its place: the open says so)
        pass


def make_room(folder: str, written: Collection[str]) -> None:
    """Before `folder` is rewritten (`written`: the normalized paths this build writes there): unlink
    what a rewrite must not write through (a symlink, a file with another name too, which is a hard link,
    a pipe or device), and whatever stands where a file of the other kind goes (a folder where a file
    goes, a file where a folder goes)."""
    folders = {parent for path in written for parent in _parents(path, folder)}
    for root, dirs, names in os.walk(folder):
        for name in list(dirs):
            if os.path.islink(path := os.path.join(root, name)):
                dirs.remove(name)
                os.unlink(path)
            elif path in written:
                dirs.remove(name)
                shutil.rmtree(path)
        for name in names:
            if (path := os.path.join(root, name)) in folders or _matches(path, _not_plain):
                os.unlink(path)


def _not_plain(stat: os.stat_result) -> bool:
    return stat.st_nlink > 1 or not S_ISREG(stat.st_mode)


def _parents(path: str, top: str) -> Iterator[str]:
    while (path := os.path.dirname(path)).startswith(top + os.sep):
        yield path


def remove_unwritten(folder: str, since: float) -> None:
    """Remove the files of `folder` that no one wrote, linked or renamed since `since` (by their inode
    change time, which no one can set back), and the folders that leaves empty."""
    _remove_tree(folder, lambda stat: stat.st_ctime < since)


def build_started() -> float:
    """The time the file system gives a file written now, once its clock has moved on: every file
    written before has an earlier time, every file written after this time or a later one. The
    file system's clock is coarser than `time.time()` (a tick of 1–10 ms), so a time taken from
    `time.time()` can come before files written just before it (a script that writes into the site
    folder, then builds)."""
    with tempfile.TemporaryFile() as probe:
        first = os.fstat(probe.fileno()).st_ctime_ns
        give_up = time.monotonic() + 0.1  # a file system whose times never move on
        while (now := _touched(probe.fileno())) == first and time.monotonic() < give_up:
            pass
    return now / 1e9


def _touched(descriptor: int) -> int:
    os.write(descriptor, b".")
    return os.fstat(descriptor).st_ctime_ns


def remove_after_failure(site_dir: str, dirty: bool, since: float | None) -> None:
    if not dirty:
        clean_directory(site_dir)
    elif since is not None:
        remove_written(site_dir, since)


def remove_written(site_dir: str, since: float) -> None:
    if not os.path.isdir(site_dir):
        return
    written = lambda stat: stat.st_mtime >= since  # noqa: E731
    for name in os.listdir(site_dir):
        if name.startswith("."):
            continue
        path = os.path.join(site_dir, name)
        if os.path.isdir(path) and not os.path.islink(path):
            _remove_tree(path, written)
        elif _matches(path, written):
            os.unlink(path)


def _remove_tree(folder: str, doomed: Callable[[os.stat_result], bool]) -> None:
    """Unlink the files (and links) of `folder` whose lstat is `doomed`, then the folders left empty."""
    for root, dirs, names in os.walk(folder, topdown=False):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            if _matches(path := os.path.join(root, name), doomed):
                os.unlink(path)
        if not os.listdir(root):
            os.rmdir(root)


def _matches(path: str, test: Callable[[os.stat_result], bool]) -> bool:
    try:
        return test(os.lstat(path))
    except FileNotFoundError:
        return False


def place_static_files(earlier_site: EarlierSite, files: Files) -> None:
    """MkDocs would copy every static file again (at 10k entries, thousands of attachments); those with an
    earlier copy of the same bytes stay where they are instead, as Hugo leaves them, and the rest are
    copied beside the build (`EarlierSite.place_copies`). Not those in the column (rewritten in place)
    nor a file whose bytes a plugin set in memory: MkDocs copies them."""
    column = earlier_site.column
    placed = [(file, source) for file in files
              if (source := file.abs_src_path) and not file.is_documentation_page() and file.inclusion.is_included()
              and getattr(file, "_content", None) is None
              and not (column and os.path.normpath(file.abs_dest_path).startswith(column + os.sep))]
    if earlier_site.place_copies([(source, file.dest_uri) for file, source in placed]):
        for file, _ in placed:
            file.copy_file = _placed  # type: ignore[method-assign]


def _placed(dirty: bool = False) -> None:
    """`File.copy_file` of a static file that `place_static_files` puts in place."""
