"""What the generator builds before anything is written: center settings, tables, marks.

A `Table` holds rows as lists of Python values (str, int, date, datetime, None) in the order
of its canonical `fields`; the writers decide headers, encodings and date spellings. A
`Mark` remembers which row carries a planted defect, so the manifest can name the row
number the user will see once the file is written.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

T = TypeVar("T")

Format = Literal["csv", "xlsx", "mixed"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "mixed")


@dataclass(frozen=True, slots=True)
class CenterSpec:
    """Settings of one synthetic center."""

    id: str
    name: str
    street: str
    district: str
    city: str
    year: int
    households: int
    seed: int
    defect_rate: float = 0.0
    defects: frozenset[str] | None = None  # defect kinds allowed; None = every kind
    format: Format = "mixed"
    cases_per_household: float = 2.2
    households_per_worker: int = 150
    workers: int | None = None  # blocks (one worker each); None = households / 150
    staff: int | None = None  # staff listed in the staff table, at least workers + 2
    # Published service items (catalogue id, promised working days or None); None = every
    # item of the standard's catalogue.
    service_items: tuple[tuple[str, int | None], ...] | None = None
    visits_format: Literal["csv", "xlsx"] | None = None  # overrides `format` for visits

    def rng(self, purpose: str) -> random.Random:
        """An independent, reproducible random stream for one part of the center."""
        return random.Random(stable_seed(self.seed, self.id, purpose))

    def wants(self, kind: str) -> bool:
        """Whether defects of `kind` may be planted in this center."""
        return self.defect_rate > 0 and (self.defects is None or kind in self.defects)

    def plants_sign(self, kind: str) -> bool:
        """Whether this center shows a sign of made-up ledgers of `kind` (all or nothing).

        Each sign appears with probability 3 × the defect rate (at 10 %, in about a third
        of the centers), so a district has honest centers, sloppy ones and vetoed ones.
        """
        return self.wants(kind) and self.rng("sign:" + kind).random() < 3 * self.defect_rate


def pick(rng: random.Random, options: Sequence[T]) -> T:
    """`rng.choice` without its rejection sampling: several times faster, still seeded."""
    return options[int(rng.random() * len(options))]


def stable_seed(*parts: object) -> int:
    """A seed derived from parts, stable across runs and Python versions (not `hash`)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")


@dataclass(frozen=True, slots=True)
class Mark:
    """A planted defect on one row of one table (row = index in `Table.rows`)."""

    kind: str
    row: int
    key: str


@dataclass(frozen=True, slots=True)
class CenterMark:
    """A planted defect of the center as a whole (a missing drill, a stale plan...)."""

    kind: str
    file: str
    key: str
    row: int | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """One table of a center: canonical fields, rows, and marks of planted defects."""

    name: str
    fields: tuple[str, ...]
    rows: list[list[object]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    def index(self, name: str) -> int:
        return self.fields.index(name)

    def mark(self, kind: str, row: int, key: str) -> None:
        self.marks.append(Mark(kind, row, key))
