"""Writing a table to an assessment sheet: safe cells, header style, print set-up.

Cells built from input text never become formulas: a string starting with = + - @ is stored
as a string cell with a quote prefix. Header rows are frozen, filtered, repeated on every
printed page; pages are A4 landscape, fit to width, numbered in the footer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "等线"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
HEADER_FONT = Font(name=FONT_NAME, bold=True)
BODY_FONT = Font(name=FONT_NAME)
NOTE_FONT = Font(name=FONT_NAME, italic=True, color="595959")
WRAP = Alignment(wrap_text=True, vertical="top")
FORMULA_START = ("=", "+", "-", "@")


def put(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None,
        font: Font = BODY_FONT) -> Any:
    """Write one value; input text that looks like a formula stays text."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.value = value
        cell.data_type = "s"
        cell.quotePrefix = True
    else:
        cell.value = value
    cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


def title(ws: Worksheet, text: str, notes: Iterable[str] = ()) -> int:
    """A title row and note rows; returns the next free row (a blank row left)."""
    put(ws, 1, 1, text, font=TITLE_FONT)
    row = 2
    for note in notes:
        put(ws, row, 1, note, font=NOTE_FONT)
        row += 1
    return row + 1


def table(ws: Worksheet, top: int, headers: Sequence[str], rows: Iterable[Sequence[Any]],
          widths: Sequence[float], formats: dict[int, str] | None = None) -> int:
    """Header at `top`, rows below; frozen, filtered, printable. Returns the last row."""
    formats = formats or {}
    for col, header in enumerate(headers, start=1):
        cell = put(ws, top, col, header, font=HEADER_FONT)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    last = top
    for last, values in enumerate(rows, start=top + 1):
        for col, value in enumerate(values, start=1):
            put(ws, last, col, value, formats.get(col))
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    end = get_column_letter(len(headers))
    ws.freeze_panes = f"A{top + 1}"
    ws.auto_filter.ref = f"A{top}:{end}{max(last, top)}"
    print_setup(ws, f"{top}:{top}")
    return last


def print_setup(ws: Worksheet, title_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        ws.print_title_rows = title_rows
    footer = ws.oddFooter
    if footer is not None and footer.center is not None:
        footer.center.text = "&P / &N"
