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
left empty" differ (a rate over a column the export lacks is not judged). When two exports of
one table disagree, `Tables.fields_of` says which fields each source had.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from cscaudit.ingest.frame_types import META as META
from cscaudit.ingest.frame_types import dtype_of as dtype_of
from cscaudit.ingest.frame_types import empty_frame, typed_series
from cscaudit.ingest.frame_types import field_dtypes as field_dtypes
from cscaudit.ingest.model import Record
from cscaudit.measures.base import RECORD_DATES, RECORD_WORKERS, evidence_text
from cscaudit.results.model import Evidence

SourceKey = tuple[str, str | None]  # (file, sheet)


def date_only(name: str) -> str:
    """The companion column marking the rows where datetime field `name` had no time."""
    return f"{name}.date_only"


class FrameBuilder:
    """Collects the records of one table, column by column, as the readers hand them over."""

    def __init__(self, table: str, dtypes: Mapping[str, pl.DataType]) -> None:
        self.table = table
        self._dtypes = dtypes
        self._files: list[str] = []
        self._sheets: list[str | None] = []
        self._rows: list[int] = []
        self._columns: dict[str, list[Any]] = {}
        self._sources: dict[SourceKey, set[str]] = {}

    def add(self, record: Record) -> None:
        n = len(self._rows)
        values = record.values
        columns = self._columns
        for key, value in values.items():
            column = columns.get(key)
            if column is None:
                column = columns[key] = [None] * n
            column.append(value)
        if len(values) != len(columns):  # a column this record lacks stays null on its row
            for column in columns.values():
                if len(column) == n:
                    column.append(None)
        source = (record.source.file, record.source.sheet)
        seen = self._sources.get(source)
        if seen is None:
            self._sources[source] = set(values)
        elif len(seen) != len(values) or not seen.issuperset(values):
            seen.update(values)
        self._files.append(record.source.file)
        self._sheets.append(record.source.sheet)
        self._rows.append(record.row)

    def frame(self) -> pl.DataFrame:
        series = [pl.Series("_file", self._files, dtype=pl.Utf8()),
                  pl.Series("_sheet", self._sheets, dtype=pl.Utf8()),
                  pl.Series("_row", self._rows, dtype=pl.Int64())]
        for key, column in self._columns.items():
            dtype = self._dtypes.get(key)
            series.append(typed_series(key, column, dtype))
            if isinstance(dtype, pl.Datetime) and any(type(v) is dt.date for v in column):
                series.append(pl.Series(date_only(key), [type(v) is dt.date for v in column],
                                        dtype=pl.Boolean()))
        return pl.DataFrame(series)

    def sources(self) -> dict[SourceKey, frozenset[str]]:
        return {key: frozenset(fields) for key, fields in self._sources.items()}


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

    def frame(self, table: str, *fields: str) -> pl.DataFrame:
        """The table's frame (empty when no export had records); each of `fields` the table
        lacks is added as a null column of its dictionary type, so expressions may name it."""
        frame = self.frames.get(table)
        if frame is None:
            frame = empty_frame()
        missing = [name for name in dict.fromkeys(fields) if name not in frame.columns]
        if missing:
            types = self.dtypes.get(table, {})
            frame = frame.with_columns(
                pl.lit(None, dtype=types.get(name, pl.Utf8())).alias(name) for name in missing)
        return frame


def build_tables(builders: Iterable[FrameBuilder],
                 dtypes: Mapping[str, Mapping[str, pl.DataType]]) -> Tables:
    built = list(builders)
    return Tables({b.table: b.frame() for b in built}, dtypes,
                  {b.table: b.sources() for b in built})


def evidence_of(frame: pl.DataFrame, table: str, key_field: str | None = None) -> list[Evidence]:
    """The evidence rows of every record in `frame` (rows of `table`), in frame order: where
    it is, its id (`key_field`), its date and its worker (the one-record rule it is held to:
    `tests/oracles/evidence.py`)."""
    date_field, worker_field = RECORD_DATES.get(table), RECORD_WORKERS.get(table)
    wanted = [key_field, date_field, worker_field]
    picked = [pl.col(name) if name and name in frame.columns else pl.lit(None)
              for name in wanted]
    rows = frame.select(pl.col("_file"), pl.col("_sheet"), pl.col("_row"),
                        *(expr.alias(f"_e{i}") for i, expr in enumerate(picked)))
    return [Evidence(file, sheet, row, evidence_text(key) if key_field else None, evidence_text(date),
                     evidence_text(worker))
            for file, sheet, row, key, date, worker in rows.iter_rows()]
