"""The 问题明细 sheet's frame: header, one styled template row, filter, freeze and print
settings. Its rows are streamed in when the workbook is saved (`report.xlsx_stream`)."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang
from cscaudit.report.details import COLUMNS
from cscaudit.report.formula_text import FORMULA_STARTS
from cscaudit.report.xlsx_style import (
    NO_WRAP,
    header_row,
    page_setup,
    put,
    table_frame,
)


def write_details_frame(ws: Worksheet, lang: Lang, title: str) -> None:
    """Header and the template rows whose cell styles the streamed rows copy: row 2 for
    values, row 3 for text that starts like a formula (quote prefix)."""
    header_row(ws, 1, [label(lang) for label, _ in COLUMNS], [w for _, w in COLUMNS])
    for col in range(1, len(COLUMNS) + 1):
        put(ws, 2, col, "").alignment = NO_WRAP  # one line a row: the list is for filtering
        put(ws, 3, col, FORMULA_STARTS[0]).alignment = NO_WRAP
    table_frame(ws, 1, 2, len(COLUMNS))
    page_setup(ws, lang, title)
