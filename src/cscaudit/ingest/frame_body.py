"""The rows below the header, read whole and kept by column: `read_body(body, shown, width)`.

A CSV's rows come as str columns from `csv_body` (split by polars where it splits them as
the csv module does, else by the csv module), each row numbered by the line it starts on;
a row that was not `width` cells wide is also kept as it was (padded when short), for the
checks that look at a whole row.

Workbook rows (typed cells) are read by `frame_workbook`, whose cells are a kind of `Cells`.
"""

from __future__ import annotations

import polars as pl

from cscaudit.ingest.csv_body import padded as padded
from cscaudit.ingest.csv_body import read_csv_body
from cscaudit.ingest.model import CellValue
from cscaudit.ingest.reader import Body


class Cells:
    """The body's rows, by column; every row at least `width` cells wide."""

    def __init__(self, width: int, columns: pl.DataFrame | None = None,
                 odd: dict[int, list[CellValue]] | None = None,
                 short: dict[int, int] | None = None) -> None:
        self.width = width
        self._frame, self._odd, self._short = columns, odd or {}, short or {}
        self.n = columns.height if columns is not None else 0

    def uneven(self, extent: int) -> dict[int, int]:
        """The rows that may not fit a header of `extent` cells, by index, with their cells
        as read: every row not `width` cells wide, and those with a cell other than "" from
        `extent` on (`ragged.RowShape.problem` decides)."""
        found = {row: self._short.get(row, len(cells)) for row, cells in self._odd.items()}
        if extent < self.width and self._frame is not None:
            beyond = self._frame.select(pl.any_horizontal(
                pl.col(self._frame.columns[extent:]) != "")).to_series().arg_true()
            for row in beyond.to_list():
                found.setdefault(row, self.width)
        return found

    def row(self, index: int) -> list[CellValue]:
        """One row's cells as read (a short one padded, a long one whole)."""
        found = self._odd.get(index)
        if found is None:
            assert self._frame is not None
            found = list(self._frame.row(index))
        return found

    def objects(self, index: int) -> list[CellValue]:
        assert self._frame is not None
        return self._frame.to_series(index).to_list()

    def strings(self, index: int) -> pl.Series | None:
        """The column as a str Series, None when some cell is not a str."""
        assert self._frame is not None
        return self._frame.to_series(index).alias("")


def read_body(body: Body, shown: str, width: int) -> tuple[Cells, pl.Series, int, int]:
    """A CSV's body: (the cells, the number of each row, rows read after the first rows, the
    lines of the file); raises the reader's InputError when the csv module cannot split a
    line."""
    assert body.line_reader is not None, "a workbook's body is read by frame_workbook"
    read = read_csv_body(body, shown, width)
    cells = Cells(width, columns=read.columns, odd=read.odd, short=read.short)
    return cells, read.numbers, read.rest, read.lines
