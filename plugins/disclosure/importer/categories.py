"""分类 of a CMS export → a category id: by id, by leaf title, or by a "父分类/子分类" path when titles repeat."""

from __future__ import annotations

import re

from ..catalogue.model import Catalogue
from .cells import CellError, text

_SEPARATORS = re.compile(r"\s*[/／>＞\\]\s*")


class CategoryFinder:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.paths: dict[str, list[str]] = {}  # category id → root-first titles
        for category in catalogue.walk_categories():
            self.paths[category.id] = [c.title for c in catalogue.category_path(category.id)]

    def find(self, value: object) -> str:
        raw = text(value)
        if raw is None:
            raise CellError("缺少分类：请填写分类名称（如 规范性文件），同名分类写成“父分类/子分类”")
        if raw in self.catalogue.by_category:
            return raw
        wanted = [_plain(part) for part in _SEPARATORS.split(raw) if part]
        found = [cid for cid, path in self.paths.items() if [_plain(t) for t in path[-len(wanted):]] == wanted]
        if len(found) == 1:
            return found[0]
        if found:
            choices = "、".join("/".join(self.paths[cid]) for cid in found)
            raise CellError(f"分类 \"{raw}\" 有多个同名分类：请写成“父分类/子分类”，可选：{choices}")
        leaves = [c.title for c in self.catalogue.walk_categories() if not c.children]
        raise CellError(f"未知分类 \"{raw}\"：请用 directory.yml 中的分类名称，如 {'、'.join(leaves[:8])}")


def _plain(title: str) -> str:
    return re.sub(r"[\s\u3000]+", "", title)
