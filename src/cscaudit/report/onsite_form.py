"""The on-site form (现场核查表): a printable A4 sheet with one row per indicator of the
checklist that needs a person on site, and the file `--findings` reads back
(`ingest.inspection_form`). Rows 2-3 name the center, the date and the inspectors; the
结果 column is a drop-down of `RESULT_LABELS`. Indicators that verify the records (area R of
gbt36735-onsite: the ledger spot check, the phone verification of sampled visits) are marked:
judged 不符合, they confirm the integrity 疑点 of the annual audit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from cscaudit.checklist.resolved import ResolvedChecklist
from cscaudit.i18n import t
from cscaudit.ingest.inspection_form import FORM_HEADERS, FORM_SHEET, RESULT_LABELS

if TYPE_CHECKING:
    from openpyxl import Workbook

ONSITE_KIND = "inspection_item"
WIDTHS = (7, 12, 22, 52, 6, 11, 34, 10, 12)
FIRST_ITEM_ROW = 5
RECORDS_MARK = t("【核实台账】不符合即证实台账疑点", "[records] 不符合 confirms the ledger's 疑点")
ROW_HEIGHT = 30  # two handwritten lines in the 说明 column
# the indicators that verify the records, per checklist id (see the checklist's comment)
RECORD_CHECKS = {"gbt36735-onsite": ("R1", "R2")}


def build_onsite_form(resolved: ResolvedChecklist) -> Workbook:
    """An openpyxl Workbook: the on-site form of the checklist's on-site indicators."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.datavalidation import DataValidation

    from cscaudit.errors import ConfigError
    from cscaudit.report.xlsx_style import BOLD, TITLE, header_row, page_setup, put

    items = [spec for spec in resolved.indicators if spec.kind == ONSITE_KIND]
    if not items:
        raise ConfigError(t(f"检查清单 {resolved.id} 没有现场核查项（{ONSITE_KIND}）",
                            f"checklist {resolved.id} has no on-site items ({ONSITE_KIND})"))
    areas = {area.id: area.title.zh for area in resolved.areas}
    records = RECORD_CHECKS.get(resolved.id, ())
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = FORM_SHEET
    ws.cell(row=1, column=1, value=f"{resolved.title.zh}　现场核查表（{resolved.id} {resolved.version}）").font = TITLE
    for col, label in ((1, "中心名称"), (4, "中心编号"), (7, "检查日期")):
        put(ws, 2, col, label, font=BOLD)
    for col, label in ((1, "检查人员"), (7, "签字")):
        put(ws, 3, col, label, font=BOLD)
    for span in ("B2:C2", "E2:F2", "H2:I2", "B3:F3", "H3:I3"):
        ws.merge_cells(span)
    header_row(ws, FIRST_ITEM_ROW - 1, FORM_HEADERS, WIDTHS)
    last = FIRST_ITEM_ROW - 1
    for last, spec in enumerate(items, start=FIRST_ITEM_ROW):
        prompt = spec.params.get("prompt")
        what = str(prompt["zh"]) if isinstance(prompt, Mapping) else spec.title.zh
        if spec.id in records:
            what = f"{what}\n{RECORDS_MARK.zh}"
        for col, value in enumerate((spec.id, areas.get(spec.area, spec.area), spec.title.zh,
                                     what, spec.points, None, None, None, None), start=1):
            put(ws, last, col, value, number_format="yyyy-mm-dd" if col == 9 else None)
        ws.cell(row=last, column=6).alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[last].height = ROW_HEIGHT
    results = DataValidation(type="list", formula1=f'"{",".join(RESULT_LABELS)}"', allow_blank=True,
                             showErrorMessage=True, errorTitle="结果 / result",
                             error=f"请选 {'、'.join(RESULT_LABELS)} / pick one of the list")
    results.add(f"F{FIRST_ITEM_ROW}:F{last}")
    dates = DataValidation(type="date", operator="between", formula1="DATE(1900,1,1)",
                           formula2="DATE(9999,12,31)", allow_blank=True, showErrorMessage=True,
                           error="请填写日期，如 2025-01-08 / enter a date")
    dates.add(f"I{FIRST_ITEM_ROW}:I{last}")
    dates.add("H2")
    ws.add_data_validation(results)
    ws.add_data_validation(dates)
    ws.freeze_panes = f"A{FIRST_ITEM_ROW}"
    ws.print_title_rows = f"{FIRST_ITEM_ROW - 1}:{FIRST_ITEM_ROW - 1}"
    page_setup(ws, "zh", f"{FORM_SHEET}（结果请从下拉中选：{'、'.join(RESULT_LABELS)}）")
    return wb
