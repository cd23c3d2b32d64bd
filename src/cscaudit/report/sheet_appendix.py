"""The 附录 sheet: what the 总览 leaves off its one page. Tool, standard, checklist and
profile versions, the input files with their SHA-256 (they identify the run) and what
requirement ids are."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, t
from cscaudit.report.xlsx_style import BOLD, HEADER_FILL, MUTED, NO_WRAP, page_setup, put
from cscaudit.results.model import AuditResult

WIDTHS = (34, 70)
L = {
    "id": t("中心编号", "Center id"), "standard": t("依据标准", "Standard"),
    "checklist": t("考核清单", "Checklist"), "profile": t("地方配置", "Profile"),
    "tool": t("生成工具", "Tool"), "inputs": t("输入文件", "Input files"),
    "path": t("文件", "File"), "sha": t("SHA-256", "SHA-256"),
    "ids_note": t("注：要求编号为本工具对 GB/T 36735-2018 的内部编号，不是标准的条款号。",
                  "Note: requirement ids are this tool's internal ids for GB/T 36735-2018, "
                  "not clause numbers of the standard."),
}


def write_appendix(ws: Worksheet, result: AuditResult, lang: Lang,
                   scrub: Callable[[str], str]) -> None:
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + col)].width = width
    r = 1
    for key, value in (("id", scrub(result.center.get("id", ""))),
                       ("standard", result.standard), ("checklist", result.checklist),
                       ("profile", result.profile or "—"), ("tool", result.tool)):
        put(ws, r, 1, L[key](lang), font=BOLD)
        put(ws, r, 2, value)
        r += 1
    r += 1
    put(ws, r, 1, L["inputs"](lang), font=BOLD).alignment = NO_WRAP
    r += 1
    for col, key in ((1, "path"), (2, "sha")):
        put(ws, r, col, L[key](lang), font=BOLD).fill = HEADER_FILL
    for f in result.inputs:
        r += 1
        put(ws, r, 1, scrub(f.path))
        put(ws, r, 2, f.sha256)
    r += 2
    put(ws, r, 1, L["ids_note"](lang), font=MUTED).alignment = NO_WRAP
    page_setup(ws, lang, scrub(result.center.get("name", "")))
    ws.page_setup.orientation = "portrait"
    ws.print_area = f"A1:B{r}"
