"""A loaded annual report: every number by field path, with where it was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..problems import Pos
from . import layout
from .layout import Outcome  # in the class, `layout` is the field below

Number = int | Decimal


@dataclass(frozen=True)
class AnnualReport:
    year: int
    source: str  # the report file as messages name it
    content_path: str  # relative to docs_dir
    values: dict[str, Number] = field(default_factory=dict)
    pos: dict[str, Pos] = field(default_factory=dict, compare=False, repr=False)
    layout: str = "2021"
    agency: str | None = None  # `agency:` of the file, when it names one

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return layout.outcomes(self.layout)

    def get(self, path: str) -> Number:
        return self.values.get(path, 0)

    def row(self, path: str) -> list[Number]:
        """The 7 numbers of an applications row (自然人 … 总计)."""
        return [self.get(f"{path}[{i}]") for i in range(len(layout.APPLICANT_COLUMNS))]

    def total(self, path: str) -> Number:
        """The 总计 column of an applications row, or the total of an outcome group."""
        return self.get(f"{path}[{layout.TOTAL_COLUMN}]")

    def outcome_total(self, outcome: Outcome) -> Number:
        return sum((self.total(p) for p in layout.outcome_paths(outcome)), 0)

    def where(self, path: str) -> Pos:
        return self.pos.get(path) or Pos(self.source, 1, 1)
