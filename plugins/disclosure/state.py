"""What one build gathered that the preview (preview/update.py) needs to update the site later."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.files import Files

from .memo import Memo


@dataclass
class BuildState:
    files: Files  # MkDocs' files after on_files (generated pages included)
    bodies: dict[str, str]  # entry body path (docs-relative) → its Markdown text
    nav: Any = None  # MkDocs Navigation, after on_nav
    env: Any = None  # the theme's Jinja Environment, after on_env
    linked: dict[str, frozenset[str]] = field(default_factory=dict)  # Markdown text → index numbers it links to (preview)
    memo: Memo = field(default_factory=Memo)  # export rows and search filters of the last catalogue (preview)
