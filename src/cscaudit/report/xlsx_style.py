"""The scorecard's look and its safe cell writer, shared by every sheet module.

`put(ws, row, col, value, font=..., number_format=...)` is the only way sheet modules write
a value (the style after `*`, by name): text from inputs that starts with
`= + - @` (or their full-width forms `＝ ＋ － ＠`, which a Chinese IME types and Excel
turns into a formula when the cell is edited) becomes a string cell with Excel's quote
prefix, never a formula. Only `formula`
writes a formula, and only the scorecard's own arithmetic goes through it.
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, t
from cscaudit.ingest.model import CellValue
from cscaudit.report.formula_text import FORMULA_STARTS
from cscaudit.results.model import Outcome, Severity

FONT_NAME = "等线"  # DengXian: Office's default CJK font since 2016; Excel substitutes if absent
FONT = Font(name=FONT_NAME, size=10)
BOLD = Font(name=FONT_NAME, size=10, bold=True)
TITLE = Font(name=FONT_NAME, size=14, bold=True)
ALERT = Font(name=FONT_NAME, size=11, bold=True, color="C00000")
MUTED = Font(name=FONT_NAME, size=10, italic=True, color="808080")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
NO_WRAP = Alignment(wrap_text=False, vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)

OUTCOME_FILLS: dict[Outcome, PatternFill] = {
    Outcome.PASS: PatternFill("solid", fgColor="C6EFCE"),
    Outcome.PARTIAL: PatternFill("solid", fgColor="FFEB9C"),
    Outcome.FAIL: PatternFill("solid", fgColor="FFC7CE"),
    Outcome.NOT_APPLICABLE: PatternFill("solid", fgColor="D9D9D9"),
    Outcome.NOT_REVIEWED: PatternFill("solid", fgColor="BDD7EE"),
    Outcome.ERROR: PatternFill("solid", fgColor="F8CBAD"),
}
SEVERITY_FILLS: dict[Severity, PatternFill] = {
    Severity.CRITICAL: PatternFill("solid", fgColor="FF9999"),
    Severity.MAJOR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.MINOR: PatternFill("solid", fgColor="FFEB9C"),
    Severity.INFO: PatternFill("solid", fgColor="F2F2F2"),
}

POINTS_FORMAT = "0.##"
PERCENT_FORMAT = "0.0%"
FOOTER = t("第 &P 页，共 &N 页", "Page &P of &N")


MAX_CELL_TEXT = 32767  # Excel's limit on the characters of one cell


def cell_text(value: str) -> str:
    """`value` as Excel can store it: control characters XML forbids become U+FFFD, and
    text beyond Excel's cell limit is cut with an ellipsis."""
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if len(value) > MAX_CELL_TEXT:
        value = value[: MAX_CELL_TEXT - 1] + "…"
    return value


# Styling a cell attribute by attribute hashes every style object each time, which is most
# of the cost of a large sheet; each workbook keeps the finished style of each combination
# and later cells are created with it (openpyxl copies the style array a cell is made with).
# The key is the font's identity, not its value: hashing a Font serialises all its fields, on
# every cell. The entry holds the font, so its id cannot be reused by another font while the
# workbook lives.
_StyleKey = tuple[int, str | None]
_STYLE_CACHE: weakref.WeakKeyDictionary[Any, dict[_StyleKey, tuple[Font, Any]]] = (
    weakref.WeakKeyDictionary())


def put(ws: Worksheet, row: int, col: int, value: CellValue, *, font: Font = FONT,
        number_format: str | None = None) -> Cell:
    """Write `value` as data (never a formula) with the scorecard's font and a border."""
    if isinstance(value, str):
        value = cell_text(value)
    styles = _STYLE_CACHE.setdefault(ws.parent, {})
    key = (id(font), number_format)
    known = styles.get(key)
    if known is not None and (row, col) not in ws._cells:  # a new cell, a known style
        cell = Cell(ws, row=row, column=col, value=value, style_array=known[1])
        ws._add_cell(cell)  # type: ignore[attr-defined]
    else:
        found = ws.cell(row=row, column=col)
        if not isinstance(found, Cell):
            raise TypeError(f"{found.coordinate} is inside a merged range")
        cell = found
        cell.value = value
        if known is None:
            cell.font = font
            cell.border = BORDER
            cell.alignment = WRAP
            if number_format:
                cell.number_format = number_format
            styles[key] = (font, copy.copy(cell._style))  # type: ignore[attr-defined]
        else:
            cell._style = copy.copy(known[1])  # type: ignore[attr-defined]
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl would otherwise store a leading "=" as a formula
        cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
    return cell


def formula(ws: Worksheet, row: int, col: int, text: str, *, font: Font = BOLD,
            number_format: str = POINTS_FORMAT) -> Cell:
    """Write one of the scorecard's own formulas (`text` starts with `=`)."""
    if not text.startswith("="):
        raise ValueError(text)
    cell = ws.cell(row=row, column=col, value=text)
    if not isinstance(cell, Cell):
        raise TypeError(f"{cell.coordinate} is inside a merged range")
    cell.font = font
    cell.border = BORDER
    cell.number_format = number_format
    return cell


def header_row(ws: Worksheet, row: int, labels: Sequence[str],
               widths: Sequence[float]) -> None:
    """A bold, filled, wrapped header row with the column widths."""
    for col, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = put(ws, row, col, label, font=BOLD)
        cell.fill = HEADER_FILL
        cell.alignment = CENTER
        ws.column_dimensions[get_column_letter(col)].width = width


def table_frame(ws: Worksheet, header: int, last_row: int, columns: int) -> None:
    """Freeze the header, filter the table, repeat the header on every printed page."""
    last_col = get_column_letter(columns)
    ws.freeze_panes = f"A{header + 1}"
    ws.auto_filter.ref = f"A{header}:{last_col}{max(last_row, header)}"
    ws.print_title_rows = f"{header}:{header}"


def page_setup(ws: Worksheet, lang: Lang, title: str) -> None:
    """A4 landscape, fit to one page wide, page numbers in the footer, title in the header."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    header, footer = ws.oddHeader, ws.oddFooter
    if header is not None:
        header.center.text = title.replace("&", "&&")
        header.center.size = 9
    if footer is not None:
        footer.center.text = FOOTER(lang)
        footer.center.size = 9


def define(ws: Worksheet, name: str, first: str, last: str | None = None) -> None:
    """Give a cell (or a range `first:last`) of `ws` a workbook-level name, so scripts such
    as scripts/recalc_xlsx.py find the totals whatever the language of the sheet."""
    from openpyxl.utils import absolute_coordinate, quote_sheetname
    from openpyxl.workbook.defined_name import DefinedName

    ref = absolute_coordinate(first) + (f":{absolute_coordinate(last)}" if last else "")
    workbook = ws.parent
    if workbook is None:
        raise ValueError("the sheet belongs to no workbook")
    workbook.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!{ref}")

