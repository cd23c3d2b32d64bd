"""The 整改清单 sheet: one row per problem, by points lost then severity, with the first
evidence rows and a link to the rest in the 问题明细, and columns the center fills in (责任人,
整改期限 with a date check, 完成情况 from a drop-down).

The variants of one problem (D3's missing content tags: findings sharing a `topic`) are one
row that lists them."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.details import first_detail_row
from cscaudit.report.finding_order import points_lost
from cscaudit.report.problems import evidence_cell, problems, workers_cell
from cscaudit.report.xlsx_style import (
    BOLD,
    FONT_NAME,
    POINTS_FORMAT,
    SEVERITY_FILLS,
    TOTAL_FILL,
    formula,
    header_row,
    page_setup,
    put,
    table_frame,
)
from cscaudit.results.model import AuditResult

Scrub = Callable[[str], str]

COLUMNS: tuple[tuple[Text, float], ...] = (
    (t("序号", "No."), 5), (t("指标", "Indicator"), 6), (t("问题", "Problem"), 34),
    (t("扣分", "Lost"), 6), (t("整改建议", "Suggested rectification"), 28),
    (t("证据（前 3 条 + 合计）", "Evidence (first 3 + total)"), 40),
    (t("明细", "All rows"), 9), (t("涉及社工", "Workers"), 12), (t("责任人", "Responsible"), 9),
    (t("整改期限", "Deadline"), 11), (t("完成情况", "Status"), 9),
)
LOST_COL, LINK_COL, DEADLINE_COL = 4, 7, 10
# The link is a cell of its own: LibreOffice neither wraps nor fully prints a linked cell.
LINK_TEXT = t("第{row}行起", "from row {row}")
STATUSES = (t("未整改", "open"), t("整改中", "in progress"), t("已整改", "done"))
TOTAL = t("合计扣分", "Points lost in all")
LINK = Font(name=FONT_NAME, size=10, color="0563C1", underline="single")


def _validations(ws: Worksheet, last: int, lang: Lang) -> None:
    deadline = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)",
                              allow_blank=True, showErrorMessage=True,
                              errorTitle=t("整改期限", "Deadline")(lang),
                              error=t("请填写日期，如 2025-03-31", "enter a date, e.g. 2025-03-31")(lang))
    status = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                            formula1='"' + ",".join(s(lang) for s in STATUSES) + '"',
                            errorTitle=t("完成情况", "Status")(lang),
                            error=t("请从下拉列表中选择", "choose from the list")(lang))
    for dv, col in ((deadline, "J"), (status, "K")):
        ws.add_data_validation(dv)
        dv.add(f"{col}2:{col}{max(last, 2)}")


def write_rectification(ws: Worksheet, result: AuditResult, lang: Lang, scrub: Scrub, *,
                        details_title: str) -> None:
    header_row(ws, 1, [label(lang) for label, _ in COLUMNS], [w for _, w in COLUMNS])
    lost = points_lost(result)
    first_row = first_detail_row(result)
    seen: set[str] = set()
    rows = problems(result)
    for n, p in enumerate(rows, start=1):
        r, f = n + 1, p.first
        evidence, linked = evidence_cell(p, lang, scrub)
        counted = f.indicator not in seen and f.indicator in lost  # one indicator, one 扣分
        seen.add(f.indicator)
        values: tuple[object, ...] = (
            n, f.indicator, scrub(p.message(lang)),
            lost[f.indicator] if counted else None,
            scrub(p.advice(lang)), evidence,
            LINK_TEXT.format(row=first_row[id(f)])(lang) if linked else None,
            workers_cell(p, lang, scrub), None, None, STATUSES[0](lang))
        for col, value in enumerate(values, start=1):
            put(ws, r, col, value, number_format=POINTS_FORMAT if col == LOST_COL else None)
        ws.cell(row=r, column=1).fill = SEVERITY_FILLS[p.severity]
        ws.cell(row=r, column=DEADLINE_COL).number_format = "yyyy-mm-dd"
        if linked:
            cell = ws.cell(row=r, column=LINK_COL)
            cell.hyperlink = Hyperlink(ref=cell.coordinate,
                                       location=f"'{details_title}'!A{first_row[id(f)]}")
            cell.font = LINK
    last = len(rows) + 1
    table_frame(ws, 1, last, len(COLUMNS))
    _validations(ws, last, lang)
    total = last + 1
    put(ws, total, 3, TOTAL(lang), font=BOLD).fill = TOTAL_FILL
    formula(ws, total, LOST_COL, f"=SUM(D2:D{max(last, 2)})").fill = TOTAL_FILL
    page_setup(ws, lang, scrub(result.center.get("name", "")))
    ws.print_area = f"A1:K{total}"

