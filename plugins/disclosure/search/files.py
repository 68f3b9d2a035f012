"""Writing search data: compact JSON, content-hashed names (cacheable forever), and a folder whose
files of an earlier build (`mkdocs serve`) are replaced by this build's."""

from __future__ import annotations

import hashlib
import json
import os

from ..site_cleanup import write_in_place


def dump_json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def hashed_name(stem: str, extension: str, data: bytes) -> str:
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:10]}.{extension}"


def write_folder(folder: str, files: dict[str, bytes], extensions: tuple[str, ...]) -> dict[str, int]:
    """Write `files` into `folder`, removing the files with these extensions that this build did not
    write; returns {file name: size in bytes}."""
    os.makedirs(folder, exist_ok=True)
    for old in os.listdir(folder):
        path = os.path.join(folder, old)
        if old.endswith(extensions) and old not in files and os.path.isfile(path):
            os.remove(path)
    for name, data in files.items():
        write_in_place(data, os.path.join(folder, name))
    return {name: len(data) for name, data in files.items()}
