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
from typing import TYPE_CHECKING, cast

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter

from cscaudit.report.xlsx_save import WrittenCell

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
    column_widths: dict[int, float] = {}
    scales: dict[bytes, float | None] = {}  # a cell style's font scale; None: does not wrap
    needed: dict[int, float] = {}
    cells = cast(dict[tuple[int, int], WrittenCell], ws._cells)
    for (row, column), cell in cells.items():
        value = cell._value  # a merged range's other cells hold none: its first cell does
        if type(value) is not str or (len(value) < 4 and "\n" not in value):
            continue
        if cell.data_type == "f" or (row, column) in covered:  # a formula's text is not shown
            continue
        style = cell._style.tobytes()
        if style not in scales:
            scales[style] = _wrap_scale(cell)
        scale = scales[style]
        if scale is None:
            continue
        width = merged_width.get((row, column))
        if not width:
            width = column_widths.get(column)
            if width is None:
                width = column_widths[column] = widths.get(get_column_letter(column),
                                                           DEFAULT_WIDTH)
        lines = lines_needed(value, width / scale)
        if lines > 1:
            needed[row] = max(needed.get(row, 0.0), lines * LINE_POINTS * scale + PAD_POINTS)
    for row, points in sorted(needed.items()):
        dim = ws.row_dimensions[row]
        if dim.height is None or dim.height < points:
            dim.height = min(MAX_POINTS, points)


def _wrap_scale(cell: WrittenCell) -> float | None:
    """The font size of `cell` over 10 pt when its text wraps; None when it does not."""
    styled = cast(Cell, cell)
    alignment = styled.alignment
    if alignment is None or not alignment.wrap_text:
        return None
    return float(styled.font.sz or 10) / 10 if styled.font is not None else 1.0


def fit_workbook(wb: Workbook) -> None:
    """`fit_rows` on every worksheet of `wb` (chart sheets have no rows)."""
    for ws in wb.worksheets:
        fit_rows(ws)
