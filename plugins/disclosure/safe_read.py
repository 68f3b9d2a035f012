"""Reading a file an editor or a build produced without trusting it: only regular files, never
blocking on a pipe or device, never more than a size limit. Problems become Chinese messages."""

from __future__ import annotations

import errno
import os
import stat


class UnreadableFile(Exception):
    """`str(error)` is the Chinese reason, ready for a problem or finding."""


def read_regular(path: str, limit: int) -> bytes:
    """The bytes of the regular file at `path` (symlinks to regular files are followed)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once instead of waiting for a writer
    except OSError as error:
        raise UnreadableFile(_reason(path, error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"不是普通文件（{_kind(info.st_mode)}），无法读取")
        if info.st_size > limit:
            raise UnreadableFile(f"文件过大（{_size(info.st_size)}，上限 {_size(limit)}）")
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # e.g. files under /proc report size 0
                raise UnreadableFile(f"文件过大（超过 {_size(limit)}）")
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFile(_reason(path, error)) from None
    finally:
        os.close(fd)


def _reason(path: str, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "符号链接循环（链接最终指回自己），无法读取"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return f"符号链接指向不存在的文件（{os.readlink(path)}）"
    if error.errno == errno.ENOENT:
        return "文件不存在"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "没有读取权限"
    if error.errno == errno.EISDIR:
        return "这是一个文件夹，不是文件"
    return f"无法读取（{error.strerror or error}）"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISDIR(mode):
        return "文件夹"
    return "特殊文件"


def _size(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{size} 字节"
