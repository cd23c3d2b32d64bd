"""Writing a table to an assessment sheet with the scorecard's own styles and rules.

A thin layer over `cscaudit.report.xlsx_style` (fonts, fills, borders, print set-up, the
rule that input text starting with = + - @ stays text): the assessment workbook looks and
prints like the scorecard. Header rows are frozen, filtered and repeated on every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl.cell.cell import Cell
from openpyxl.styles import Border, Font
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang
from cscaudit.ingest.model import CellValue
from cscaudit.report import xlsx_style as style

FONT_NAME = style.FONT_NAME
HEADER_FONT = style.BOLD
OUTCOME_FILLS = style.OUTCOME_FILLS
SEVERITY_FILLS = style.SEVERITY_FILLS
PERCENT = style.PERCENT_FORMAT
POINTS = style.POINTS_FORMAT


def put(ws: Worksheet, row: int, column: int, value: CellValue, *,
        number_format: str | None = None, font: Font = style.FONT) -> Cell:
    """Write one value as data (never a formula)."""
    return style.put(ws, row, column, value, font=font, number_format=number_format)


def _plain(ws: Worksheet, row: int, text: str, font: Font) -> None:
    cell = style.put(ws, row, 1, text, font=font)
    cell.border = Border()
    cell.alignment = style.NO_WRAP


def title(ws: Worksheet, text: str, notes: Iterable[str] = ()) -> int:
    """A title row and note rows; returns the next free row (a blank row left)."""
    _plain(ws, 1, text, style.TITLE)
    row = 2
    for note in notes:
        _plain(ws, row, note, style.MUTED)
        row += 1
    return row + 1


def table(ws: Worksheet, top: int, headers: Sequence[str], rows: Iterable[Sequence[CellValue]],
          widths: Sequence[float], *, lang: Lang, formats: dict[int, str] | None = None) -> int:
    """Header at `top`, rows below; frozen, filtered, printable. Returns the last row."""
    formats = formats or {}
    style.header_row(ws, top, headers, widths[: len(headers)])
    last = top
    for last, values in enumerate(rows, start=top + 1):
        for col, value in enumerate(values, start=1):
            put(ws, last, col, value, number_format=formats.get(col))
    style.table_frame(ws, top, last, len(headers))
    print_setup(ws, lang)
    return last


def print_setup(ws: Worksheet, lang: Lang) -> None:
    """A4 landscape, one page wide, the sheet's name in the header, page numbers below."""
    style.page_setup(ws, lang, ws.title)
