"""Tables as columns: one polars DataFrame per table, read by measures and facts.

Every frame starts with three columns saying where each record is, then one column per
canonical field that an export of the table had:

- `_file` (str): the file as the user gave it; `_sheet` (str or null for CSV);
- `_row` (int): the 1-based row (XLSX) or line (CSV) number, as the user sees it;
- one column per field, typed by the field dictionary: `date` -> Date, `datetime` ->
  Datetime, `int` -> Int64, `number` -> Float64, `bool` -> Boolean, `tags` and `items` ->
  List(Utf8), every other type (text, key, enum, id_number, phone) -> Utf8. A field the
  dictionary does not know (`content_text`, derived by the reader) gets the type its values
  have, text when they disagree.

Rows keep the order the records were read in (discovery order of the files, then row order),
so evidence listed in frame order is listed as the record stream listed it.

A datetime field given as a date alone (a record holding a `date`, not a `datetime`: the YAML
measure cases do, the readers give midnight) is held as midnight, with a Boolean companion
column `date_only(field)` true on those rows, so a kind may take such a value as the end of
that day, as `common.as_datetime(..., end_of_day=True)` does.

A column exists when at least one export of the table had it: "no such column" and "column
left empty" differ (a rate over a column the export lacks is not judged: ask
`Tables.has_column`). When two exports of one table disagree, `Tables.fields_of` says which
fields each source had.

Evidence cannot lose its columns silently: `Tables.frame` always carries the table's evidence
fields (its date and worker, `record_fields`), null when no export had them, and
`evidence_of` raises `EvidenceColumnsLost` (a programming error) when the frame it is given
lacks one of them: a measure that narrows its frame (`select`) keeps those columns, or its
evidence dates and workers would go empty without a word. The key (the id an evidence row
shows) is held the same way: a measure names it (often from its params) and asks
`Tables.frame(table, key, ...)` for it, null when no export had it; a frame handed to
`evidence_of` with a key it lacks raises too. A fact's frame (rows of a table with derived
columns) is given a key its consumer names by `Tables.with_fields`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import polars as pl

from cscaudit.ingest.frame_builder import FrameBuilder as FrameBuilder
from cscaudit.ingest.frame_builder import SourceKey as SourceKey
from cscaudit.ingest.frame_builder import date_only as date_only
from cscaudit.ingest.frame_types import META as META
from cscaudit.ingest.frame_types import dtype_of as dtype_of
from cscaudit.ingest.frame_types import empty_frame
from cscaudit.ingest.frame_types import field_dtypes as field_dtypes
from cscaudit.results.model import Evidence

# The record's own date and the worker it names, shown beside each evidence row (问题明细).
RECORD_DATES: dict[str, str] = {
    "staff": "joined_on", "roster": "registered_on", "service_ledger": "received_at",
    "visits": "visited_on", "activities": "held_on", "incidents": "occurred_at",
    "drills": "held_on", "surveys": "surveyed_on", "complaints": "received_at",
}
RECORD_WORKERS: dict[str, str] = {
    "staff": "name", "roster": "worker", "service_ledger": "handler", "visits": "worker",
}


def evidence_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@dataclass(frozen=True)
class Tables:
    """The frames of one audit, by table name, and the fields each export had."""

    frames: Mapping[str, pl.DataFrame]
    dtypes: Mapping[str, Mapping[str, pl.DataType]] = field(default_factory=dict)
    sources: Mapping[str, Mapping[SourceKey, frozenset[str]]] = field(default_factory=dict)

    def __contains__(self, table: object) -> bool:
        return table in self.frames

    def has_column(self, table: str, name: str) -> bool:
        frame = self.frames.get(table)
        return frame is not None and name in frame.columns

    def fields_of(self, table: str) -> Mapping[SourceKey, frozenset[str]]:
        """(file, sheet) -> the fields that export of the table had."""
        return self.sources.get(table, {})

    def frame(self, table: str, *fields: str | None) -> pl.DataFrame:
        """The table's frame (empty when no export had records); each of `fields` and of the
        table's evidence fields (`record_fields`) the table lacks is added as a null column of
        its dictionary type, so expressions may name it and `evidence_of` finds it. A field
        given as None (an optional key the params leave out) is passed over."""
        frame = self.frames.get(table)
        return self.with_fields(empty_frame() if frame is None else frame, table,
                                *fields, *record_fields(table))

    def with_fields(self, frame: pl.DataFrame, table: str, *fields: str | None) -> pl.DataFrame:
        """`frame` (rows of `table` taken from `Tables.frame`, derived columns added: a fact's
        frame, say) with each of `fields` no export of the table had added as a null column
        of its dictionary type. One the table has but `frame` lacks was dropped on the way:
        it raises `EvidenceColumnsLost` rather than stand in a null for it."""
        missing = [name for name in dict.fromkeys(fields) if name and name not in frame.columns]
        if not missing:
            return frame
        dropped = [name for name in missing if self.has_column(table, name)]
        if dropped:
            raise EvidenceColumnsLost(
                f"{table!r}: the frame lacks {', '.join(dropped)}, which the table has; keep "
                "these columns when narrowing it")
        types = self.dtypes.get(table, {})
        return frame.with_columns(
            pl.lit(None, dtype=types.get(name, pl.Utf8())).alias(name) for name in missing)


def build_tables(builders: Iterable[FrameBuilder],
                 dtypes: Mapping[str, Mapping[str, pl.DataType]]) -> Tables:
    built = list(builders)
    return Tables({b.table: b.frame() for b in built}, dtypes,
                  {b.table: b.sources() for b in built})


class EvidenceColumnsLost(LookupError):
    """A programming error, not the user's: a frame handed to `evidence_of` lacks a column
    the evidence reads. Take the frame from `Tables.frame` (which carries the table's
    evidence fields and the key it is asked for) and keep `_file`, `_sheet`, `_row`, the key
    and `record_fields(table)` when narrowing it."""


def record_fields(table: str) -> tuple[str, ...]:
    """The fields every evidence row of `table` shows besides its key: its date, its worker."""
    return tuple(name for name in (RECORD_DATES.get(table), RECORD_WORKERS.get(table)) if name)


def evidence_of(frame: pl.DataFrame, table: str, key_field: str | None = None) -> list[Evidence]:
    """The evidence rows of every record in `frame` (rows of `table`), in frame order: where
    it is, its id (`key_field`), its date and its worker (the one-record rule it is held to:
    `tests/oracles/evidence.py`). A frame lacking a place or evidence column, or the
    `key_field` when one is given, raises `EvidenceColumnsLost`: one no export had is a null
    column of `Tables.frame`, so a missing one was dropped on the way."""
    shown = (key_field, RECORD_DATES.get(table), RECORD_WORKERS.get(table))
    lost = [name for name in (*META, *shown) if name and name not in frame.columns]
    if lost:
        raise EvidenceColumnsLost(
            f"evidence of {table!r}: the frame lacks {', '.join(lost)}; take it from "
            "Tables.frame (naming the key) and keep these columns when narrowing it")
    rows = frame.select(pl.col("_file"), pl.col("_sheet"), pl.col("_row"),
                        *((pl.col(name) if name else pl.lit(None)).alias(f"_e{i}")
                          for i, name in enumerate(shown)))
    return [Evidence(file, sheet, row, evidence_text(key), evidence_text(date),
                     evidence_text(worker))
            for file, sheet, row, key, date, worker in rows.iter_rows()]
