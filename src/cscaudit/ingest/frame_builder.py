"""`FrameBuilder`: the records of one table collected column by column into a frame (what
`facts.frames` says a frame holds), as the record reader hands them over.

It lives with the readers because `frame_reader` reads a small source this way (`ReadTuning`);
`facts.frames` re-exports it for the facts and the tests that build frames of records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import polars as pl

from cscaudit.ingest.frame_types import typed_series
from cscaudit.ingest.model import Record

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
