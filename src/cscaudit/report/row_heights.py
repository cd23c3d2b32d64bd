"""Row heights for wrapped text, set when the workbook is written.

Excel and LibreOffice keep the height a file gives a row; a file that gives none gets the
default single line, so a long requirement or finding that wraps to four lines is printed
over the row below it. openpyxl cannot measure text, so the height is estimated. Each
character takes its display width, in the widths of "0" that column widths count in: about
two for a CJK or full-width character, under one for the rest. A cell's text wraps at its
column's width, explicit line breaks start new lines, and the row gets the height of its
tallest cell. The estimate errs towards a little spare space, which prints better than
clipped text.
"""

from __future__ import annotations

import math
import unicodedata
from typing import TYPE_CHECKING

from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

DEFAULT_WIDTH = 8.43  # Excel's default column width, in widths of "0"
LINE_POINTS = 13.5  # one line of 10 pt text
PAD_POINTS = 3.0
MAX_POINTS = 409.0  # Excel's limit on a row's height
_WIDE = frozenset("WF")
WIDE, NARROW = 1.9, 0.85


def display_width(text: str) -> float:
    """Columns `text` occupies at 10 pt, in widths of "0" (the unit of column widths): about
    1.9 for a CJK or full-width character, 0.85 for the rest."""
    if text.isascii():
        return NARROW * len(text)
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in _WIDE)
    return WIDE * wide + NARROW * (len(text) - wide)


def lines_needed(text: str, width: float) -> int:
    """Lines `text` takes in a column `width` wide once wrapped (at least 1)."""
    usable = max(width - 1.0, 1.0)  # cell padding eats about one character
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def fit_rows(ws: Worksheet) -> None:
    """Give every row whose wrapped text needs more than one line a height that shows it."""
    widths = {key: dim.width for key, dim in ws.column_dimensions.items() if dim.width}
    merged_width: dict[tuple[int, int], float] = {}
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        min_col, min_row, max_col, max_row = rng.min_col, rng.min_row, rng.max_col, rng.max_row
        if min_row != max_row:  # a block spanning rows: leave its rows alone
            covered.update((r, c) for r in range(min_row, max_row + 1)
                           for c in range(min_col, max_col + 1))
            continue
        merged_width[(min_row, min_col)] = sum(
            widths.get(get_column_letter(c), DEFAULT_WIDTH) for c in range(min_col, max_col + 1))
        covered.update((min_row, c) for c in range(min_col + 1, max_col + 1))
    for row in ws.iter_rows():
        needed = 0.0
        for cell in row:
            if isinstance(cell, MergedCell):  # holds no value: its range's first cell does
                continue
            value = cell.value
            if type(value) is not str or (len(value) < 4 and "\n" not in value):
                continue
            if cell.data_type == "f":  # a formula's text is not what the cell shows
                continue
            alignment = cell.alignment
            if alignment is None or not alignment.wrap_text or (cell.row, cell.column) in covered:
                continue
            scale = float(cell.font.sz or 10) / 10 if cell.font is not None else 1.0
            width = merged_width.get((cell.row, cell.column)) or widths.get(
                cell.column_letter, DEFAULT_WIDTH)
            lines = lines_needed(value, width / scale)
            if lines > 1:
                needed = max(needed, lines * LINE_POINTS * scale + PAD_POINTS)
        number = row[0].row
        if needed and number is not None:
            dim = ws.row_dimensions[number]
            if dim.height is None or dim.height < needed:
                dim.height = min(MAX_POINTS, needed)


def fit_workbook(wb: Workbook) -> None:
    """`fit_rows` on every worksheet of `wb` (chart sheets have no rows)."""
    for ws in wb.worksheets:
        fit_rows(ws)
