"""The rows below the header, read whole and kept by column: `read_body(body, shown, width)`.

A CSV is split by its csv reader a chunk of rows at a time; each chunk goes at once into
one polars Series of str cells (`width` per row: a short row padded with "", a long one cut),
so the Python lists of a chunk are freed as the next is read. A row that was not `width`
cells wide is also kept as it was (padded when short), for the checks that look at a whole
row. Each row is numbered by the line it starts on: the line after the one the previous row
ended on, as the csv reader counts them (a quoted cell with line breaks spans several).

Workbook rows (typed cells) are read by `frame_workbook`, whose cells are a kind of `Cells`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import chain, islice
from typing import Any

import polars as pl

from cscaudit.ingest.csv_rows import malformed
from cscaudit.ingest.reader import Body

CHUNK = 4096


class Cells:
    """The body's rows, by column; every row at least `width` cells wide."""

    def __init__(self, width: int, flat: pl.Series | None = None,
                 odd: dict[int, list[Any]] | None = None) -> None:
        self.width = width
        self._flat, self._odd = flat, odd or {}
        self.n = len(flat) // width if flat is not None else 0

    def row(self, index: int) -> list[Any]:
        """One row's cells as read (a short one padded)."""
        found = self._odd.get(index)
        if found is None:
            assert self._flat is not None
            found = self._flat.slice(index * self.width, self.width).to_list()
        return found

    def objects(self, index: int) -> list[Any]:
        assert self._flat is not None
        return self._flat.gather_every(self.width, index).to_list()

    def strings(self, index: int) -> pl.Series | None:
        """The column as a str Series, None when some cell is not a str."""
        assert self._flat is not None
        return self._flat.gather_every(self.width, index)


def padded(cells: list[Any], width: int) -> list[Any]:
    return cells if len(cells) >= width else cells + [""] * (width - len(cells))


def read_body(body: Body, shown: str, width: int) -> tuple[Cells, pl.Series, int]:
    """A CSV's body: (the cells, the number of each row, rows read after the first rows);
    raises the reader's InputError when the csv module cannot split a line."""
    reader = body.line_reader
    assert reader is not None, "a workbook's body is read by frame_workbook"
    start = reader.line_num
    ends: list[int] = []
    note = ends.append
    rest = (cells for cells in body.rest if note(reader.line_num) is None)
    parts: list[pl.Series] = []
    odd: dict[int, list[Any]] = {}
    rows: Iterator[list[Any]] = chain((c for _, c in body.head), rest)
    count = 0
    try:
        while chunk := list(islice(rows, CHUNK)):
            if {len(cells) for cells in chunk} != {width}:
                for at, cells in enumerate(chunk):
                    if len(cells) != width:
                        odd[count + at] = padded(cells, width)
                        chunk[at] = odd[count + at][:width]
            parts.append(pl.Series(list(chain.from_iterable(chunk)), dtype=pl.Utf8()))
            count += len(chunk)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise malformed(shown, (ends[-1] if ends else start) + 1, exc) from None
    head = pl.Series([n for n, _ in body.head], dtype=pl.Int64())
    starts = pl.Series(ends, dtype=pl.Int64()).shift(1, fill_value=start) + 1
    flat = pl.concat(parts) if parts else pl.Series([], dtype=pl.Utf8())
    return Cells(width, flat=flat, odd=odd), pl.concat([head, starts]), len(ends)
