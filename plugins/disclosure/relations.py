"""Relations between entries: a 政策解读 names the document it explains (`interprets:`).

The validator has checked that every `interprets:` names an entry; this module gives the reverse
direction once per build, so a document's page can list its interpretations (相关解读).
"""

from __future__ import annotations

from .catalogue.model import Catalogue, Entry


def interpretations(catalogue: Catalogue) -> dict[str, tuple[Entry, ...]]:
    """Index number of a document → the entries that interpret it, newest first."""
    found: dict[str, list[Entry]] = {}
    for entry in catalogue.entries:  # already newest first
        if entry.interprets:
            found.setdefault(entry.interprets, []).append(entry)
    return {index: tuple(entries) for index, entries in found.items()}
