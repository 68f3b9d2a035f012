"""Cyclic garbage collection paused while a step makes many objects that hold no cycles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a step makes hundreds of thousands of objects without cycles
    (a catalogue's YAML tree, the links of every page a check parsed): each collection they would
    start walks every object alive (the whole MkDocs build), and there are no cycles to collect."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
