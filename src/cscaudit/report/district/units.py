"""A province in units: one assessment per street office or district, and their summary.

`--split-by street|district` groups the centers by the unit that assesses them:

- street: the street named for the center in district.yaml; otherwise the folder that holds
  the center's folder (`杭州市/西湖区/北山街道` for `杭州市/西湖区/北山街道/c001`);
- district: the folder two levels above the center's folder (`杭州市/西湖区`).

A center at the top of the tree belongs to the unit `.` (shown under the district's name).
Units come from the discovered entries only, so they are known, and their workbooks' paths
checked, before any center is audited. Each unit is ranked on its own (the cap on 优秀 is
applied per assessing body), with the rules, previous year and peer scores of the whole run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from cscaudit.engine.district.assessment import Assessment
from cscaudit.engine.district.discover import District
from cscaudit.scoring.district.model import CenterEntry
from cscaudit.scoring.district.ranking import Previous, rank_centers

SplitBy = Literal["street", "district"]
SPLITS: tuple[SplitBy, ...] = ("street", "district")
TOP_UNIT = "."
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
FILE_PART_MAX = 80  # characters of a unit's name kept in its workbook's file name


def unit_of(entry: CenterEntry, split_by: SplitBy) -> str:
    """The unit a center belongs to (see the module docstring)."""
    if split_by == "street" and entry.street:
        return entry.street
    folder = PurePosixPath(entry.rel).parent
    if split_by == "district":
        folder = folder.parent
    return folder.as_posix() or TOP_UNIT


@dataclass(frozen=True)
class Unit:
    """One unit's own assessment and the workbook it is written to."""

    name: str
    assessment: Assessment
    path: Path


def unit_paths(district: District, split_by: SplitBy, summary: Path) -> dict[str, Path]:
    """Each unit's workbook beside the summary: `<stem>-<unit><suffix>`, the unit's name made
    safe for every file system and unique (a number added on a clash)."""
    names = sorted({unit_of(e, split_by) for e in district.entries})
    taken: set[str] = {summary.name.lower()}
    paths: dict[str, Path] = {}
    for name in names:
        shown = (district.name or "district") if name == TOP_UNIT else name
        part = _UNSAFE.sub("-", shown).strip(" .-")[:FILE_PART_MAX] or "unit"
        candidate, n = f"{summary.stem}-{part}{summary.suffix}", 2
        while candidate.lower() in taken:
            candidate, n = f"{summary.stem}-{part}-{n}{summary.suffix}", n + 1
        taken.add(candidate.lower())
        paths[name] = summary.with_name(candidate)
    return paths


def split_assessment(whole: Assessment, split_by: SplitBy, paths: Mapping[str, Path], *,
                     peers: Mapping[str, float] | None = None,
                     previous: Mapping[str, Previous] | None = None) -> tuple[Unit, ...]:
    """One `Unit` per unit, in the order of their names."""
    units: list[Unit] = []
    for name, path in sorted(paths.items()):
        outcomes = tuple(o for o in whole.outcomes if unit_of(o.entry, split_by) == name)
        district = District(root=whole.district.root, entries=tuple(o.entry for o in outcomes),
                            source=whole.district.source,
                            name=whole.district.name if name == TOP_UNIT else name)
        ranking = rank_centers(outcomes, whole.ranking.settings, peers, previous)
        units.append(Unit(name, Assessment(district, outcomes, ranking, whole.period,
                                           whole.has_previous), path))
    return tuple(units)


@dataclass(frozen=True)
class UnitLine:
    """A unit's line in the summary: ranked by mean composite."""

    rank: int
    unit: Unit
    rated: int
    pending: int  # audited, inputs incomplete (待补正): not ranked
    failed: int
    mean: float | None  # mean composite of its rated centers; None when none was rated
    best: float | None
    worst: float | None


def unit_lines(units: tuple[Unit, ...]) -> tuple[UnitLine, ...]:
    """Units by mean composite, higher first; ties (and units with none rated, last) by name."""
    rows = []
    for unit in units:
        values = [r.composite.value for r in unit.assessment.ranking.ranked]
        mean = round(sum(values) / len(values), 2) if values else None
        ranking = unit.assessment.ranking
        rows.append((unit, len(values), len(ranking.pending), len(ranking.failed), mean,
                     max(values, default=None), min(values, default=None)))
    rows.sort(key=lambda r: (r[4] is None, -(r[4] or 0.0), r[0].name))
    return tuple(UnitLine(i, *row) for i, row in enumerate(rows, start=1))
