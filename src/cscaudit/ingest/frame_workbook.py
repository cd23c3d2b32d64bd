"""The rows below a workbook's header, kept by column: `read_workbook_body(body, width)`.

calamine hands over each row as a list of typed cells (str, float, int, bool, dates, times,
durations; "" for an empty cell), every row of a sheet as wide as its used range. The rows
are taken as they come, in one list: a row is copied only when it is narrower than `width`
(a sheet of one or two columns, a streamed sheet's empty row), padded with "" as the record
reader pads it. Each column is cut out of the rows once, when a parser first asks for it,
and a column whose cells are all str is made one polars Series once (polars refuses any
other cell type, so past its first cells a column's types are not looked at one by one).
Rows are numbered contiguously from the first one.
"""

from __future__ import annotations

import operator
from typing import Any

import polars as pl

from cscaudit.ingest.frame_body import Cells, padded
from cscaudit.ingest.model import CellValue
from cscaudit.ingest.reader import Body

SAMPLE = 1024  # first cells of a column whose types are looked at before polars is asked


class WorkbookCells(Cells):
    """A workbook body's rows, by column; every row at least `width` cells wide."""

    def __init__(self, width: int, rows: list[list[CellValue]]) -> None:
        super().__init__(width)
        self.n = len(rows)
        self._listed = rows
        self._objects: dict[int, list[Any]] = {}
        self._strings: dict[int, pl.Series | None] = {}

    def row(self, index: int) -> list[CellValue]:
        return self._listed[index]

    def objects(self, index: int) -> list[CellValue]:
        found = self._objects.get(index)
        if found is None:
            found = self._objects[index] = list(map(operator.itemgetter(index), self._listed))
        return found

    def strings(self, index: int) -> pl.Series | None:
        """The column as a str Series, None when some cell is not a str."""
        if index in self._strings:
            return self._strings[index]
        cells = self.objects(index)
        found: pl.Series | None = None
        # a typed column mostly shows in its first cells, where looking is cheap; polars
        # refusing one late (strict) costs more than looking at every cell's type
        if set(map(type, cells[:SAMPLE])) <= {str}:
            try:  # strict: any cell that is not a str raises, except None, made a null
                found = pl.Series(cells, dtype=pl.Utf8(), strict=True)
            except TypeError:
                found = None
        if found is not None and found.null_count():
            found = None
        self._strings[index] = found
        return found


def read_workbook_body(body: Body, width: int) -> tuple[Cells, pl.Series, int]:
    """(the cells, the number of each row, 0: no csv lines to account for)."""
    rows = [cells for _, cells in body.head]
    rows.extend(body.rest)
    if rows and min(map(len, rows)) < width:
        rows = [padded(cells, width) for cells in rows]
    first = body.head[0][0] if body.head else body.next_number
    numbers = pl.int_range(first, first + len(rows), dtype=pl.Int64(), eager=True)
    return WorkbookCells(width, rows), numbers, 0
