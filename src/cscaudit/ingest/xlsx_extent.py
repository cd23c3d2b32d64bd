"""Refuse a sheet whose used range is implausibly large before calamine allocates for it.

python-calamine builds a sheet as one dense block spanning its first to its last cell, about
32 bytes a cell, whatever the cells in between. A 1.6 KB workbook with one cell at A1 and
one at XFD1048576 asks for 512 GiB and the process aborts (no exception to catch). The
`<dimension>` element does not decide this (calamine uses the cells' own references), so
the sheet XML is scanned, streamed and keeping nothing, for the references of its rows and
cells; a range above `MAX_RANGE_CELLS` is refused as unreadable, naming the file, the
sheet, the range and how many cells it really holds.

Most sheets are let through by a cheaper proof first (`within_bound`): when every cell tag
is an unprefixed `<c r="...">` whose reference is one letter and a row number below 600,000,
the range cannot exceed 26 x 600,000 cells, under the limit, whatever the cells' order. That
costs one search a chunk with nothing built per cell; a sheet it cannot prove so is scanned
for its exact extent.

Only sheets calamine reads in memory come here: larger ones are streamed (`xlsx_stream`),
which never builds the block. Such a sheet's XML is below `xlsx_stream.STREAM_ABOVE`, and at
a dozen bytes or more per cell it cannot hold a dense range this large: a range above the
limit is always far larger than its cells.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cscaudit.errors import InputError
from cscaudit.i18n import t

MAX_RANGE_CELLS = 1 << 24  # 16.7 M cells: 512 MiB in calamine's block
CHUNK = 1 << 20
MAX_COLUMN = 16_384  # XFD, Excel's last column
_FAST_LETTERS = re.compile(rb'<c r="([A-Z]{1,4})[0-9]{1,8}"')
_FAST_NUMBERS = re.compile(rb'<c r="[A-Z]{1,4}([0-9]{1,8})"')
# a row or cell tag, with its reference when it has one (calamine counts cells without one)
_REF = re.compile(rb'<(?:\w+:)?(row|c)\b(?:[^>]*?\sr="([A-Z]*)([0-9]*)")?')
# a cell tag that is not `<c r="A1"` with one letter and a row below BOUND_ROWS, and a
# prefixed cell tag: either leaves the bound unproven
BOUND_ROWS = 600_000  # x 26 columns = 15.6 M cells, under MAX_RANGE_CELLS
_BEYOND_BOUND = re.compile(rb'<c(?! r="[A-Z](?:[0-9]{1,5}|[0-5][0-9]{5})")[\s/>]')
_PREFIXED_CELL = re.compile(rb':c[\s/>]')


@dataclass(frozen=True)
class SheetExtent:
    """The rows and columns a sheet's cells span (1-based), and how many cells it holds."""

    first_row: int
    last_row: int
    first_column: int
    last_column: int
    cells: int

    @property
    def range_cells(self) -> int:
        if self.cells == 0:
            return 0
        return ((self.last_row - self.first_row + 1)
                * (self.last_column - self.first_column + 1))

    @property
    def reference(self) -> str:
        return (f"{_letters(self.first_column)}{self.first_row}:"
                f"{_letters(self.last_column)}{self.last_row}")


def _letters(column: int) -> str:
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def _column(letters: bytes) -> int:
    number = 0
    for ch in letters[:4]:  # more than XFD's three letters: past the last column anyway
        number = number * 26 + ch - 64
    return number


def _tag_chunks(zf: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's XML about a megabyte at a time, never cutting a tag in two."""
    carry = b""
    with zf.open(part) as fh:
        while True:
            chunk = fh.read(CHUNK)
            text = carry + chunk
            cut = text.rfind(b"<")  # a tag cut by the chunk's end goes on in the next one
            if not chunk or cut < 0 or text.find(b">", cut) >= 0:
                cut = len(text)
            yield text[:cut]
            carry = text[cut:]
            if not chunk:
                return


def _fast_extent(zf: zipfile.ZipFile, part: str) -> SheetExtent | None:
    """The extent when every cell starts `<c r="A1"` (as every writer we know writes it),
    found without a Python step per cell; None when some cell does not."""
    rows: set[bytes] = set()
    columns: set[bytes] = set()
    cells = 0
    for text in _tag_chunks(zf, part):
        numbers = _FAST_NUMBERS.findall(text)  # one bytes object a cell, no tuple
        if len(numbers) != text.count(b"<c ") or b"<c>" in text or b":c " in text:
            return None
        rows.update(numbers)
        columns.update(_FAST_LETTERS.findall(text))
        cells += len(numbers)
    if not cells:
        return SheetExtent(1, 1, 1, 1, 0)
    row_numbers = [int(n) for n in rows]
    column_numbers = [_column(c) for c in columns]
    return SheetExtent(min(row_numbers), max(row_numbers), min(column_numbers),
                       max(column_numbers), cells)


def _exact_extent(zf: zipfile.ZipFile, part: str) -> SheetExtent:
    """The extent for any attribute order, prefixes and cells without a reference (placed,
    as calamine does, on their row's number, after the cell before them)."""
    first_row = first_column = 1 << 62
    last_row = last_column = cells = row = in_row = 0
    for text in _tag_chunks(zf, part):
        for kind, letters, number in _REF.findall(text):
            if kind == b"row":  # an empty row costs nothing: only cells count
                row, in_row = (int(number[:8]) if number else row + 1), 0
                continue
            cells += 1
            in_row += 1
            if number:
                row = int(number[:8])
            column = _column(letters) if letters else in_row
            first_row, last_row = min(first_row, row), max(last_row, row)
            first_column, last_column = min(first_column, column), max(last_column, column)
    if cells == 0:
        return SheetExtent(1, 1, 1, 1, 0)
    return SheetExtent(first_row, last_row, first_column, last_column, cells)


class BoundScan:
    """`within_bound` fed piece by piece, for a reader inflating the part anyway
    (`xlsx_rows.check_zip`): `feed` each piece of the XML in order, then `proven()`."""

    def __init__(self) -> None:
        self._carry = b""
        self._beyond = False
        self.size = 0  # bytes fed: a part stored, not deflated, is fed nothing

    def feed(self, data: bytes) -> None:
        self.size += len(data)
        if self._beyond:
            return
        text = self._carry + data if self._carry else data
        cut = text.rfind(b"<")  # a tag cut by the piece's end goes on in the next one
        if cut < 0 or text.find(b">", cut) >= 0:
            cut = len(text)
        self._carry = text[cut:]
        self._beyond = _beyond(text, cut)  # searched in place: no copy of the piece

    def proven(self, size: int) -> bool:
        """Whether the part's `size` bytes were all fed and every cell is provably in
        A1:Z599999."""
        return self.size == size and not self._beyond and not _beyond(self._carry)


def _beyond(text: bytes, end: int | None = None) -> bool:
    """Whether some cell tag in `text` (up to `end`) leaves the bound unproven."""
    end = len(text) if end is None else end
    return bool(_BEYOND_BOUND.search(text, 0, end) or _PREFIXED_CELL.search(text, 0, end))


def within_bound(zf: zipfile.ZipFile, part: str) -> bool:
    """Whether every cell is provably in A1:Z599999 (so the range is under the limit)."""
    return not any(map(_beyond, _tag_chunks(zf, part)))


def sheet_extent(zf: zipfile.ZipFile, part: str) -> SheetExtent:
    """The span of the cells of one sheet part, streamed (nothing of it is kept)."""
    return _fast_extent(zf, part) or _exact_extent(zf, part)


def check_extent(zf: zipfile.ZipFile, part: str, path: Path, sheet: str) -> None:
    """Raise InputError when the sheet's used range is too large to be built in memory."""
    if within_bound(zf, part):
        return
    extent = sheet_extent(zf, part)
    if extent.range_cells <= MAX_RANGE_CELLS and extent.last_column <= MAX_COLUMN:
        return
    raise InputError(t(
        f"工作表“{sheet}”的使用范围 {extent.reference}（{extent.range_cells:,} 个单元格）远大于"
        f"其中实际的 {extent.cells:,} 个单元格，无法读取（文件可能被篡改）：请删除远处的空单元格或"
        "把数据复制到新工作簿后重新导出",
        f"sheet '{sheet}' spans {extent.reference} ({extent.range_cells:,} cells) but holds "
        f"only {extent.cells:,} cells and cannot be read (the file may have been tampered "
        "with): delete the stray far-away cells, or copy the data into a new workbook and "
        "export again"), file=str(path))
