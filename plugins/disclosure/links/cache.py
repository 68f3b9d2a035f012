"""A JSON file remembering external link results for a while (TTL), so weekly runs do not hammer hosts."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time


class ResultCache:
    def __init__(self, path: str | None, ttl: float) -> None:
        self.path = path
        self.ttl = ttl
        self.lock = threading.Lock()
        self.data: dict[str, dict] = self._load() if path else {}

    def _load(self) -> dict[str, dict]:
        try:
            with open(self.path, encoding="utf-8") as stream:  # type: ignore[arg-type]
                data = json.load(stream)
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, url: str) -> tuple[bool, str] | None:
        item = self.data.get(url)
        if not isinstance(item, dict) or time.time() - float(item.get("time", 0)) > self.ttl:
            return None
        return bool(item.get("ok")), str(item.get("reason", ""))

    def put(self, url: str, ok: bool, reason: str) -> None:
        with self.lock:
            self.data[url] = {"ok": ok, "reason": reason, "time": time.time()}

    def save(self) -> None:
        if not self.path:
            return
        folder = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump(self.data, stream, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(temporary, self.path)
