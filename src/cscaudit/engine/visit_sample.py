"""A reproducible random sample of a center's visit records, for phone verification (R2 of
gbt36735-onsite): the same center data, size and seed always draw the same visits.

The visits table is read once (reservoir sampling: memory grows with the sample, not with
the table). Only visits dated in `year` are drawn when a year is given.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from cscaudit.errors import InputError
from cscaudit.i18n import t


@dataclass(frozen=True)
class SampledVisit:
    """One drawn visit: where it is in the export and what it claims."""

    file: str
    row: int
    visit_id: str | None
    visited_on: dt.date | None
    worker: str | None
    household_id: str | None
    groups: tuple[str, ...]
    content: tuple[str, ...]  # content tag codes


@dataclass(frozen=True)
class VisitSample:
    center_id: str
    center_name: str
    seed: int
    size: int
    population: int  # visits the sample was drawn from
    visits: tuple[SampledVisit, ...]


def _tuple(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()


def draw_visit_sample(center_path: Path, size: int, seed: int, year: int | None = None) -> VisitSample:
    """Draw `size` visits (all of them when there are fewer) with `random.Random(seed)`."""
    from cscaudit.config.center import load_center
    from cscaudit.ingest import discover_tables, load_dictionary, open_table

    center = load_center(center_path)
    year = year if year is not None else center.year
    sources = [s for s in discover_tables(center.root, center.exports).sources if s.table == "visits"]
    if not sources:
        raise InputError(t("找不到走访记录表：请确认 exports 中有走访记录",
                           "no visits table found: check the center's exports"), file=str(center_path))
    rng = random.Random(seed)
    kept: list[SampledVisit] = []
    seen = 0
    for source in sources:
        with open_table(source, load_dictionary()) as reader:
            for record in reader.records():
                values = record.values
                day = values.get("visited_on")
                day = day.date() if isinstance(day, dt.datetime) else day
                if year is not None and (not isinstance(day, dt.date) or day.year != year):
                    continue
                seen += 1
                slot = len(kept) if len(kept) < size else rng.randrange(seen)
                if slot >= size:
                    continue
                visit = SampledVisit(
                    file=record.source.file, row=record.row,
                    visit_id=_text(values.get("visit_id")), visited_on=day if isinstance(day, dt.date) else None,
                    worker=_text(values.get("worker")), household_id=_text(values.get("household_id")),
                    groups=_tuple(values.get("group")), content=_tuple(values.get("content")))
                if slot == len(kept):
                    kept.append(visit)
                else:
                    kept[slot] = visit
    kept.sort(key=lambda v: (v.visited_on or dt.date.min, v.file, v.row))
    return VisitSample(center.id, center.name, seed, size, seen, tuple(kept))


def _text(value: object) -> str | None:
    return None if value is None else str(value)
