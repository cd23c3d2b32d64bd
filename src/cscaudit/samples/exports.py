"""One center's exports: build every table, plant duplicates, write the files, list defects.

`write_exports(spec, folder)` writes `folder/*.csv|xlsx` and returns the planted defects as
`PlantedRow`s (file relative to the center folder, row as the user sees it, key). Which
table goes to which format, encoding and file name is drawn from the center's seed: with
`format="mixed"` the ledger is a GB18030 CSV and the roster an XLSX with a title row and a
合计 row, so every center exercises the messy cases of the input contract.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from cscaudit.samples import events, headers, ledger, people, roster, visits
from cscaudit.samples.model import CenterSpec, Mark, Table
from cscaudit.samples.writers import DATE_STYLES, SheetLayout, write_csv, write_xlsx


@dataclass(frozen=True, slots=True)
class PlantedRow:
    kind: str
    table: str
    file: str
    sheet: str | None
    row: int | None
    key: str


@dataclass(frozen=True, slots=True)
class CenterTables:
    tables: dict[str, Table]
    households: int
    workers: tuple[str, ...]


def build_tables(spec: CenterSpec) -> CenterTables:
    community = roster.build_community(spec)
    tables = {
        "roster": roster.roster_table(spec, community),
        "visits": visits.visits_table(spec, community),
        "service_ledger": ledger.ledger_table(spec, community),
        "staff": people.staff_table(spec, community),
        "surveys": people.surveys_table(spec),
        "complaints": people.complaints_table(spec, community),
        "activities": events.activities_table(spec),
        "incidents": events.incidents_table(spec),
        "drills": events.drills_table(spec),
    }
    _relocate_household_marks(tables)
    _plant_duplicates(spec, tables)
    return CenterTables(tables, len(community.households), community.workers)


def _relocate_household_marks(tables: dict[str, Table]) -> None:
    """Marks about a household (row -1 in visits) point at its roster row."""
    visit_table, roster_table = tables["visits"], tables["roster"]
    index = {str(row[0]): i for i, row in enumerate(roster_table.rows)}
    kept: list[Mark] = []
    for m in visit_table.marks:
        if m.row < 0:
            roster_table.marks.append(Mark(m.kind, index[m.key], m.key))
        else:
            kept.append(m)
    visit_table.marks[:] = kept


def _plant_duplicates(spec: CenterSpec, tables: dict[str, Table]) -> None:
    """Exact copies of a few ledger and visit rows, appended at the end (marked)."""
    if not spec.plants_sign("duplicate_row"):
        return
    rng = spec.rng("duplicates")
    for name in ("service_ledger", "visits"):
        table = tables[name]
        if not table.rows:
            continue
        marked = {m.row for m in table.marks}
        candidates = [i for i in range(len(table.rows)) if i not in marked]
        n = max(5, round(len(table.rows) * spec.defect_rate / 50))
        for i in sorted(rng.sample(candidates, min(n, len(candidates)))):
            table.rows.append(list(table.rows[i]))
            table.mark("duplicate_row", len(table.rows) - 1, str(table.rows[i][0]))


@dataclass(frozen=True, slots=True)
class _Choice:
    kind: str  # "csv" or "xlsx"
    encoding: str = "utf-8"
    title: bool = False
    total: bool = False


def _choices(spec: CenterSpec, rng: random.Random) -> dict[str, _Choice]:
    choices = _format_choices(spec, rng)
    if spec.visits_format == "xlsx":
        choices["visits"] = _Choice("xlsx", title=True, total=True)
    elif spec.visits_format == "csv":
        choices["visits"] = _Choice("csv", "utf-8-sig")
    return choices


def _format_choices(spec: CenterSpec, rng: random.Random) -> dict[str, _Choice]:
    names = ("service_ledger", "roster", "visits", "staff", "activities", "surveys",
             "complaints", "incidents", "drills")
    if spec.format == "csv":
        encodings = ("utf-8-sig", "utf-8", "gb18030")
        out = {n: _Choice("csv", rng.choice(encodings)) for n in names}
        out["service_ledger"] = _Choice("csv", "gb18030")
        return out
    if spec.format == "xlsx":
        out = {n: _Choice("xlsx") for n in names}
        out["roster"] = _Choice("xlsx", title=True, total=True)
        return out
    return {
        "service_ledger": _Choice("csv", "gb18030", title=rng.random() < 0.3),
        "roster": _Choice("xlsx", title=True, total=True),
        "visits": _Choice("csv", rng.choice(("utf-8-sig", "utf-8"))),
        "staff": _Choice("xlsx"),
        "activities": _Choice("csv", "utf-8-sig"),
        "surveys": _Choice("xlsx", title=rng.random() < 0.5),
        "complaints": _Choice("csv", rng.choice(("utf-8", "gb18030"))),
        "incidents": _Choice("xlsx"),  # incidents and drills share one workbook
        "drills": _Choice("xlsx"),
    }


def write_exports(spec: CenterSpec, center_dir: Path, built: CenterTables | None = None,
                  exports_dir: str = "exports") -> list[PlantedRow]:
    """Write the center's export files under `center_dir/exports_dir`; return planted rows."""
    built = built or build_tables(spec)
    rng = spec.rng("layout")
    choices = _choices(spec, rng)
    folder = center_dir / exports_dir
    planted: list[PlantedRow] = []
    shared: list[SheetLayout] = []
    for name, table in built.tables.items():
        choice = choices[name]
        stem = rng.choice(headers.TABLE_NAMES[name])
        title = f"{spec.name}{spec.year}年{headers.TITLES[name]}" if choice.title else None
        layout = SheetLayout(table, headers.headers_for(name, table.fields, rng), stem, title,
                             choice.total, rng.choice(DATE_STYLES))
        if choice.kind == "csv":
            rel = f"{exports_dir}/{stem}.csv"
            first = write_csv(center_dir / rel, layout, choice.encoding)
            planted += _rows(table, rel, None, first)
        elif name in ("incidents", "drills") and spec.format == "mixed":
            shared.append(layout)
        else:
            rel = f"{exports_dir}/{stem}.xlsx"
            first = write_xlsx(center_dir / rel, [layout])[stem]
            planted += _rows(table, rel, stem, first)
    if shared:
        rel = f"{exports_dir}/应急管理.xlsx"
        firsts = write_xlsx(center_dir / rel, shared)
        for layout in shared:
            sheet = layout.sheet or layout.table.name
            planted += _rows(layout.table, rel, sheet, firsts[sheet])
    folder.mkdir(parents=True, exist_ok=True)
    return planted


def _rows(table: Table, file: str, sheet: str | None, first: int) -> list[PlantedRow]:
    return [PlantedRow(m.kind, table.name, file, sheet, first + m.row, m.key)
            for m in table.marks]
