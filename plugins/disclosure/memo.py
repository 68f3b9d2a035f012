"""Values made from one source alone (an entry's export row, a search shard's filter), kept between saves.

The preview makes the exports again after every catalogue save, in a forked job, from a catalogue
in which nearly every entry is the one it was. The server fills a `Memo` (`remember`) while it waits
for saves and again after each one; the job, forked from the server, inherits it and makes only the
values of sources it does not hold. A value is found by its source's whole value (an `Entry`: every
field but its position in the YAML) and by the `context` its maker depends on besides the source
(category titles, site URL), so a remembered value is always the one making it again gives. A full
build has no memo: `derive(None, …)` makes every value.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

S = TypeVar("S", bound=Hashable)
T = TypeVar("T")


class Memo:
    """Remembered values by kind and context, each for the sources last remembered only."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, Hashable], dict[Any, Any]] = {}

    def remember(self, kind: str, context: Hashable, sources: Sequence[S], make: Callable[[S], Any]) -> None:
        """Hold the values of `sources` (made where not held yet), and no others of this kind."""
        values = derive(self, kind, context, sources, make)
        for key in [key for key in self.values if key[0] == kind]:
            del self.values[key]  # another context's values can never be found again
        self.values[(kind, context)] = dict(zip(sources, values))


def derive(memo: Memo | None, kind: str, context: Hashable, sources: Sequence[S], make: Callable[[S], T]) -> list[T]:
    """`[make(source) for source in sources]`, taking what `memo` remembers."""
    known = memo.values.get((kind, context)) if memo is not None else None
    if not known:
        return [make(source) for source in sources]
    return [known[source] if source in known else make(source) for source in sources]
