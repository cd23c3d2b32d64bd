"""The rows below a workbook's header, kept by column: `read_workbook_body(body, width)`.

calamine hands over each row as a list of typed cells (str, float, int, bool, dates, times,
durations; "" for an empty cell), every row of a sheet as wide as its used range. Such rows
(all of one width, at least `width`) are poured into one flat list as they come, so that no
row list outlives its turn (100,000 kept lists cost more in the garbage collector's passes
than in copying) and a column is a strided slice of it, cut in C. Rows of varying widths (a
streamed sheet leaves out empty rows and trailing cells) or narrower than `width` (a sheet
of one or two columns) are kept as rows instead, the narrow ones padded with "" as the
record reader pads them. Each column is cut out once, when a parser first asks for it, and a
column whose cells are all str is made one polars Series once (polars refuses any other cell
type, so past its first cells a column's types are not looked at one by one). Rows are
numbered contiguously from the first one.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from itertools import chain

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
        self._objects: dict[int, list[CellValue]] = {}
        self._strings: dict[int, pl.Series | None] = {}

    def row(self, index: int) -> list[CellValue]:
        return self._listed[index]

    def uneven(self, extent: int) -> dict[int, int]:
        """The rows with a cell from `extent` on that is not empty, with their cells."""
        return {row: len(cells) for row, cells in enumerate(self._listed)
                if len(cells) > extent and _filled(cells[extent:])}

    def objects(self, index: int) -> list[CellValue]:
        found = self._objects.get(index)
        if found is None:
            found = self._objects[index] = self._column(index)
        return found

    def _column(self, index: int) -> list[CellValue]:
        return list(map(operator.itemgetter(index), self._listed))

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


class FlatCells(WorkbookCells):
    """Rows all `stride` cells wide (`stride` >= `width`), held end to end in one list."""

    def __init__(self, width: int, flat: list[CellValue], stride: int) -> None:
        super().__init__(width, [])
        self.n = len(flat) // stride if stride else 0
        self._flat, self._stride = flat, stride

    def row(self, index: int) -> list[CellValue]:
        start = index * self._stride
        return self._flat[start:start + self._stride]

    def uneven(self, extent: int) -> dict[int, int]:
        found: dict[int, int] = {}
        for index in range(extent, self._stride):
            column = self._column(index)
            if _filled(column):
                found.update((row, self._stride) for row, cell in enumerate(column)
                             if cell != "" and cell is not None)
        return found

    def _column(self, index: int) -> list[CellValue]:
        return self._flat[index::self._stride]


def _filled(cells: list[CellValue]) -> bool:
    """Whether some cell is neither "" nor None (counted in C)."""
    return cells.count("") + cells.count(None) != len(cells)


def read_workbook_body(body: Body, width: int) -> tuple[Cells, pl.Series, int]:
    """(the cells, the number of each row, 0: no csv lines to account for)."""
    rows = chain((cells for _, cells in body.head), body.rest)
    cells = _cells(rows, width)
    first = body.head[0][0] if body.head else body.next_number
    numbers = pl.int_range(first, first + cells.n, dtype=pl.Int64(), eager=True)
    return cells, numbers, 0


def _cells(rows: Iterator[list[CellValue]], width: int) -> WorkbookCells:
    """Flat while every row is as wide as the first and the first is at least `width`; the
    rows kept as rows (padded to `width`) from the first row that is not."""
    first = next(rows, None)
    if first is None:
        return WorkbookCells(width, [])
    stride = len(first)
    if stride < width:
        return _listed(chain((first,), rows), width)
    flat = list(first)
    extend = flat.extend
    for cells in rows:
        if len(cells) != stride:
            before = (flat[start:start + stride] for start in range(0, len(flat), stride))
            return _listed(chain(before, (cells,), rows), width)
        extend(cells)
    return FlatCells(width, flat, stride)


def _listed(rows: Iterable[list[CellValue]], width: int) -> WorkbookCells:
    return WorkbookCells(width, [padded(cells, width) for cells in rows])
