"""The 数据质量 sheet: every data issue the readers reported, where it is and what to fix,
then how each table's rows were linked to the roster (`sheet_links`).

Raw cell values are masked whole for personal-data fields and scrubbed otherwise, unless
the user asked to see personal data.
"""

from __future__ import annotations

from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Text, t
from cscaudit.masking import mask_field, scrubber
from cscaudit.report.options import OutputOptions
from cscaudit.report.sheet_links import write_links
from cscaudit.report.xlsx_style import header_row, page_setup, put, table_frame
from cscaudit.results.model import AuditResult

COLUMNS: tuple[tuple[Text, float], ...] = (
    (t("文件", "File"), 24), (t("工作表", "Sheet"), 12), (t("行", "Row"), 6),
    (t("列", "Column"), 5), (t("表头", "Header"), 12), (t("字段", "Field"), 12),
    (t("原始值", "Raw value"), 20), (t("问题", "Problem"), 36), (t("代码", "Code"), 14),
    (t("级别", "Level"), 7), (t("数据表", "Table"), 12),
)
LEVELS = {"error": t("错误", "error"), "warning": t("警告", "warning")}
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")


def write_data_issues(ws: Worksheet, result: AuditResult, shown: OutputOptions) -> None:
    lang, show_pii = shown.lang, shown.show_pii
    scrub = scrubber(show_pii=show_pii)
    header_row(ws, 1, [label(lang) for label, _ in COLUMNS], [w for _, w in COLUMNS])
    for n, d in enumerate(result.data_issues):
        r = n + 2
        level = LEVELS.get(d.severity)
        raw = d.raw if show_pii else mask_field(d.raw, d.field)
        values: tuple[object, ...] = (
            scrub(d.file), scrub(d.sheet) if d.sheet else None, d.row, d.column,
            scrub(d.header) if d.header else None, d.field, raw, scrub(d.message(lang)),
            d.code, level(lang) if level else d.severity, d.table)
        for col, value in enumerate(values, start=1):
            put(ws, r, col, value)
        ws.cell(row=r, column=10).fill = ERROR_FILL if d.severity == "error" else WARNING_FILL
    table_frame(ws, 1, len(result.data_issues) + 1, len(COLUMNS))
    write_links(ws, result.links, lang, scrub, first_row=len(result.data_issues) + 3)
    page_setup(ws, lang, scrub(result.center.get("name", "")))
