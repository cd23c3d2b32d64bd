"""`read_csv_body(body, shown, width)`: the rows of a CSV below its first rows, as str
columns, each row numbered by the line it starts on.

The text left after the first rows (which the front end read with `csv.reader`) is read at
once and, when `csv_shape.plain_shape` finds that polars splits it exactly as the csv module
does, parsed by polars' own CSV reader (all cells as str). Else, and when the front end
gives no text stream (a UTF-16/32 file, a file with NUL bytes), the rows are split by
`csv.reader` a chunk at a time, each chunk going at once into one flat Series of cells.

Either way a row is `width` cells wide in the columns: a short row padded with "", a long
one cut. A row that was not `width` cells wide is also kept whole in `odd` (padded when
short, its count of cells as read in `short`), for the checks that look at a whole row. A row starts on the line after the one the
previous row ended on, as the csv reader counts lines (a quoted cell with line breaks spans
several).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from cscaudit.ingest.csv_rows import MAX_FIELD, REPLACE, malformed
from cscaudit.ingest.csv_shape import QUOTE, plain_skeleton, row_cells
from cscaudit.ingest.model import CellValue
from cscaudit.ingest.reader import Body

CHUNK = 4096
HEAD = 1 << 16  # bytes in which `bytes_after` looks for the first lines first


@dataclass(frozen=True)
class CsvBody:
    """The rows below the header: `width` str columns, the rows not `width` cells wide
    (whole), the line each row starts on, the rows after the first rows, the lines of the
    file, whether polars split the rest (`native`), and the cells of each row shorter than
    `width` as read (`short`; its `odd` row is padded)."""

    columns: pl.DataFrame
    odd: dict[int, list[CellValue]]
    numbers: pl.Series
    rest: int
    lines: int
    native: bool
    short: dict[int, int] = field(default_factory=dict)


def read_csv_body(body: Body, shown: str, width: int) -> CsvBody:
    """Raises the reader's InputError when the csv module cannot split a line."""
    reader = body.line_reader
    start: int = reader.line_num
    odd: dict[int, list[Any]] = {}
    short: dict[int, int] = {}
    head = _columns([cells for _, cells in body.head], width, odd, short)
    head_numbers = pl.Series([n for n, _ in body.head], dtype=pl.Int64())
    if body.stream is None:
        rows, native, lines = _split(body.rest, reader, 0, shown, width, odd, short, len(head))
    else:
        data, text = _rest(body, start)
        read = _by_polars(data, reader.dialect.delimiter, start, width, len(head), short)
        if read is not None:
            (rows, lines), native = read, True
        else:
            if text is None:
                text = data.decode("utf-8", errors=REPLACE) if data is not None else ""
            again = csv.reader(io.StringIO(text, newline=""), dialect=reader.dialect)
            rows, native, lines = _split(again, again, start, shown, width, odd, short,
                                         len(head))
    columns, numbers, extra = rows
    odd.update(extra)
    return CsvBody(pl.concat([head, columns]), odd, pl.concat([head_numbers, numbers]),
                   columns.height, lines, native, short)


_BREAK = re.compile(rb"\r\n|\r|\n")


def bytes_after(path: Path, lines: int) -> bytes:
    """The bytes of the file after its first `lines` lines, as a text reader splits lines
    (CR LF, CR or LF ends one): exact in UTF-8, where no character holds a CR or LF byte.
    The first lines are looked for in the file's first HEAD bytes, and only the rest is
    read (the whole file is read when they end beyond, or a CR ends the head)."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD)
        at, breaks = 0, _BREAK.finditer(head)
        for _ in range(lines):
            found = next(breaks, None)
            if found is None or found.end() == len(head):  # a CR LF may be cut: read it all
                return _bytes_after_whole(path, lines)
            at = found.end()
        fh.seek(at)
        return fh.read()


def _bytes_after_whole(path: Path, lines: int) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read()
    at, breaks = 0, _BREAK.finditer(data)
    for _ in range(lines):
        found = next(breaks, None)
        if found is None:  # the last line has no line break: nothing is left
            return b""
        at = found.end()
    return data[at:]


if TYPE_CHECKING:  # (no `pl.` at the top level: polars loads lazily)
    _Rows = tuple[pl.DataFrame, pl.Series, dict[int, list[Any]]]


def _rest(body: Body, start: int) -> tuple[bytes | None, str | None]:
    """(the UTF-8 bytes of the text after line `start`, that text): from the file, when it
    is UTF-8 (the text is decoded only when polars cannot read them: then invalid bytes
    are replaced as the reader replaces them), else read from the stream and encoded (None
    when it holds a lone surrogate)."""
    assert body.stream is not None
    if body.utf8 is not None:
        return bytes_after(body.utf8, start), None
    text = body.stream.read()
    try:
        return text.encode("utf-8"), text
    except UnicodeEncodeError:
        return None, text


def _names(width: int) -> list[str]:
    return [f"c{i}" for i in range(width)]


def padded(cells: list[CellValue], width: int) -> list[CellValue]:
    return cells if len(cells) >= width else cells + [""] * (width - len(cells))


def _columns(rows: list[list[Any]], width: int, odd: dict[int, list[Any]],
             short: dict[int, int], first: int = 0) -> pl.DataFrame:
    """`rows` as `width` str columns; the rows not `width` cells wide go to `odd` (by their
    index, from `first`), the cells of the short ones to `short`."""
    flat = _flat(rows, width, odd, short, first)
    return pl.DataFrame([flat.gather_every(width, i).alias(name)
                         for i, name in enumerate(_names(width))])


def _flat(rows: list[list[Any]], width: int, odd: dict[int, list[Any]], short: dict[int, int],
          first: int) -> pl.Series:
    if {len(cells) for cells in rows} - {width}:
        for at, cells in enumerate(rows):
            if len(cells) != width:
                if len(cells) < width:
                    short[first + at] = len(cells)
                odd[first + at] = padded(cells, width)
                rows[at] = odd[first + at][:width]
    return pl.Series(list(chain.from_iterable(rows)), dtype=pl.Utf8())


def _split(rows: Iterable[list[Any]], reader: Any, offset: int, shown: str, width: int,
           odd: dict[int, list[Any]], short: dict[int, int],
           first: int) -> tuple[_Rows, bool, int]:
    """The rows split by the csv reader (`reader`, whose `line_num` plus `offset` is the
    line of the file it read last); the last line read."""
    start = offset + reader.line_num
    ends: list[int] = []
    note = ends.append
    numbered: Iterator[list[Any]] = (cells for cells in rows
                                     if note(offset + reader.line_num) is None)
    parts: list[pl.Series] = []
    count = 0
    try:
        while chunk := list(islice(numbered, CHUNK)):
            parts.append(_flat(chunk, width, odd, short, first + count))
            count += len(chunk)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise malformed(shown, (ends[-1] if ends else start) + 1, exc) from None
    flat = pl.concat(parts) if parts else pl.Series([], dtype=pl.Utf8())
    columns = pl.DataFrame([flat.gather_every(width, i).alias(name)
                            for i, name in enumerate(_names(width))])
    numbers = pl.Series(ends, dtype=pl.Int64()).shift(1, fill_value=start) + 1
    return (columns, numbers, {}), False, offset + reader.line_num


def _by_polars(data: bytes | None, delimiter: str, start: int, width: int, first: int,
               short: dict[int, int] | None = None) -> tuple[_Rows, int] | None:
    """The rows of `data` (from line `start` + 1) read by polars and the last line, or None
    when polars may split them otherwise than the csv reader (or a byte is not UTF-8, or a
    cell is too long for the csv reader)."""
    if not data:
        return None
    skeleton = plain_skeleton(data, delimiter)
    if skeleton is None:
        return None
    # polars drops an empty last cell on a last line without a line break
    feed = data if data.endswith(b"\n") else data + b"\n"
    breaks = data.count(b"\n")  # each count is a pass over the body: taken once
    skeleton_breaks = breaks if skeleton is data else skeleton.count(b"\n")
    frame = _read(feed, delimiter, width)
    if frame is not None:  # no row is longer
        blank = frame.select(pl.all_horizontal(pl.all() == "").any()).item()
        cells = row_cells(skeleton, delimiter, width, exact=False, blank=blank,
                          breaks=skeleton_breaks)
    else:
        cells = row_cells(skeleton, delimiter, width, exact=True)
    widest = int(cells.max())  # type: ignore[arg-type]
    if frame is None or widest > frame.width:
        frame = _read(feed, delimiter, max(width, widest))
    if (frame is None or frame.height != len(cells)
            or (len(data) > MAX_FIELD and _too_long(frame))):
        return None
    multiline = skeleton_breaks != breaks
    spans = _lines_per_row(frame) if multiline else None
    lines = breaks + (not data.endswith(b"\n"))  # as the csv reader counts them
    if lines != (frame.height if spans is None else int(spans.sum())):
        return None
    numbers = (pl.int_range(start + 1, start + 1 + frame.height, dtype=pl.Int64(), eager=True)
               if spans is None else spans.cum_sum().shift(1, fill_value=0) + start + 1)
    odd = _odd(frame, cells, width, {} if short is None else short, first)
    return (frame.select(frame.columns[:width]), numbers, odd), start + lines


def _read(data: bytes, delimiter: str, wide: int) -> pl.DataFrame | None:
    """`data` as `wide` str columns (None when a row is wider)."""
    try:
        return pl.read_csv(
            data, has_header=False, schema=dict.fromkeys(_names(wide), pl.String()),
            separator=delimiter, quote_char=QUOTE, infer_schema=False,
            empty_string_is_null=False, missing_columns="insert", extra_columns="raise",
            raise_if_empty=False, comment_prefix=None, null_values=None, eol_char="\n",
        ).with_columns(pl.all().fill_null(""))
    except (pl.exceptions.PolarsError, pl.exceptions.PanicException):
        return None  # a row wider, a byte not UTF-8; the csv module reads the text then


def _too_long(frame: pl.DataFrame) -> bool:
    """Whether a cell may be over the csv module's field limit (it would refuse the file)."""
    longest = frame.select(pl.all().str.len_bytes().max()).row(0)
    return max((n or 0 for n in longest), default=0) > MAX_FIELD


def _lines_per_row(frame: pl.DataFrame) -> pl.Series:
    """The lines each row spans: one more than the line breaks in its cells."""
    return frame.select(pl.sum_horizontal(
        pl.all().str.count_matches("\n", literal=True)) + 1).to_series().cast(pl.Int64())


def _odd(frame: pl.DataFrame, cells: pl.Series, width: int, short: dict[int, int],
         first: int) -> dict[int, list[Any]]:
    """The rows not `width` cells wide, whole (a short one padded, its cells to `short`),
    by index from `first`."""
    rows = (cells != width).arg_true()
    if rows.is_empty():
        return {}
    cells = cells.gather(rows)
    odd: dict[int, list[Any]] = {}
    for row, n, values in zip(rows.to_list(), cells.to_list(), frame[rows].rows(), strict=True):
        if n < width:
            short[first + row] = n
        odd[first + row] = list(values[:max(width, n)])
    return odd
