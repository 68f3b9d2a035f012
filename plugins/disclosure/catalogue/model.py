"""Typed, immutable objects of a validated catalogue (directory.yml, format v1)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Iterator

from ..problems import Pos

VALIDITY_LABELS = {"in_force": "有效", "expired": "失效", "repealed": "废止"}


@dataclass(frozen=True)
class Agency:
    name: str
    code: str
    address: str | None = None
    phone: str | None = None
    postcode: str | None = None
    icp: str | None = None
    police_record: str | None = None
    site_code: str | None = None


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    parent: str | None
    children: tuple[Category, ...]
    pos: Pos = field(compare=False)  # equality ignores positions (the preview diffs catalogues)
    update_within: int | None = None  # days its newest entry may be old (self-inspection), None: not judged

    def walk(self) -> Iterator[Category]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Attachment:
    title: str
    file: str  # path relative to docs_dir, "/"-separated
    size: int  # bytes
    pos: Pos = field(compare=False)  # where `file:` was written

    @property
    def kind(self) -> str:
        """Upper-case file extension, e.g. "PDF"."""
        _, dot, ext = self.file.rpartition(".")
        return ext.upper() if dot else ""


@dataclass(frozen=True)
class Entry:
    index: str
    title: str
    category: str
    publisher: str
    date: datetime.date
    pos: Pos = field(compare=False)  # the start of the entry's mapping
    doc_number: str | None = None
    validity: str | None = None
    keywords: tuple[str, ...] = ()
    summary: str | None = None
    body: str | None = None  # path relative to docs_dir
    link: str | None = None
    attachments: tuple[Attachment, ...] = ()
    published: datetime.date | None = None  # when it went online (for timeliness checks)
    valid_until: datetime.date | None = None
    report: str | None = None  # annual report data (YAML under docs_dir), see reports/
    interprets: str | None = None  # index number of the document this entry (a 政策解读) explains
    field_places: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    # ^ each field's value: (lines below `pos`, column); an entry moved down a file moves only `pos`

    @property
    def slug(self) -> str:
        return self.index.replace("/", "-")

    @property
    def validity_label(self) -> str | None:
        return VALIDITY_LABELS.get(self.validity) if self.validity else None

    @property
    def year(self) -> int:
        return self.date.year

    def pos_of(self, field_name: str) -> Pos:
        place = self.field_places.get(field_name)
        return self.pos if place is None else Pos(self.pos.file, self.pos.line + place[0], place[1])


@dataclass(frozen=True)
class Catalogue:
    source: str  # directory.yml path as shown in messages
    agency: Agency
    categories: tuple[Category, ...]  # roots of the tree
    entries: tuple[Entry, ...]  # newest first (date desc, then index desc)
    by_index: dict[str, Entry] = field(compare=False, repr=False)
    by_category: dict[str, Category] = field(compare=False, repr=False)

    def walk_categories(self) -> Iterator[Category]:
        for root in self.categories:
            yield from root.walk()

    def category_path(self, category_id: str) -> list[Category]:
        """Root-first chain of categories down to `category_id`."""
        chain: list[Category] = []
        current: str | None = category_id
        while current is not None:
            category = self.by_category[current]
            chain.append(category)
            current = category.parent
        return chain[::-1]

    def category_labels(self) -> dict[str, str]:
        """How each category is named in an export: its title, or "父分类/子分类" when the title repeats
        (so that `disclosure import` finds it again)."""
        titles = [c.title for c in self.walk_categories()]
        return {c.id: c.title if titles.count(c.title) == 1 else "/".join(p.title for p in self.category_path(c.id))
                for c in self.walk_categories()}

    def subtree_ids(self, category_id: str) -> set[str]:
        return {c.id for c in self.by_category[category_id].walk()}
