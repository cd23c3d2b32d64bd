"""The 总览 sheet: who, when, against what, the score and grade, the areas as a chart,
waivers, the inputs with their SHA-256, and the lines the scorer and reviewer sign."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Border, Side
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.audit.model import AuditResult
from cscaudit.i18n import Lang, Text, t
from cscaudit.report.json_result import points
from cscaudit.report.labels import VETO_LABELS, cause_line, grade_label, grade_with_veto, veto_line
from cscaudit.report.sheet_indicators import COUNTED, IndicatorCells
from cscaudit.report.xlsx_style import (
    ALERT,
    BOLD,
    HEADER_FILL,
    MUTED,
    NO_WRAP,
    PERCENT_FORMAT,
    POINTS_FORMAT,
    TITLE,
    define,
    formula,
    page_setup,
    put,
)

WIDTHS = (18, 36, 12, 12, 12, 14)
L = {
    "title": t("{name} {period} 年度考核评分表", "{name}: scorecard {period}"),
    "center": t("服务中心", "Center"), "id": t("中心编号", "Center id"),
    "district": t("所属区", "District"), "street": t("所属街道", "Street"),
    "period": t("考核期", "Period"), "standard": t("依据标准", "Standard"),
    "checklist": t("考核清单", "Checklist"), "profile": t("地方配置", "Profile"),
    "tool": t("生成工具", "Tool"),
    "total": t("审核总分", "Audit total"),
    "provisional": t("审核总分（暂定，输入不完整）", "Audit total (provisional: inputs incomplete)"),
    "banner": t("无法评定等级，待补正：输入不完整，总分仅供参考。原因：",
                "No grade until the inputs are completed; the total is provisional. Causes:"), "max": t("满分", "Maximum"),
    "grade": t("等级", "Grade"), "denominator": t("计分满分（不适用项不计入）",
                                                  "Points counted (N/A excluded)"),
    "bonus": t("加分", "Bonus"), "without": t("不计豁免的总分", "Total without waivers"),
    "grade_without": t("不计豁免的等级", "Grade without waivers"),
    "veto": t("一票否决", "Veto"),
    "adjusted": t("人工调整后总分（随“指标得分”表调整列重算）",
                  "Total after manual adjustments (recomputed from the Indicators sheet)"),
    "findings": t("问题数", "Findings"), "issues": t("数据质量问题数", "Data issues"),
    "areas": t("分项得分", "Area scores"), "area": t("分项", "Area"), "name": t("名称", "Title"),
    "points": t("计分满分", "Points counted"), "score": t("得分", "Score"),
    "rate": t("得分率", "Share"), "area_adjusted": t("调整后得分", "Adjusted"),
    "waivers": t("豁免", "Waivers"), "waiver_id": t("编号", "Id"), "target": t("对象", "Target"),
    "approver": t("批准人", "Approver"), "document": t("批准文号", "Document"),
    "expires": t("有效期至", "Expires"), "applied": t("是否适用", "Applied"),
    "applied_yes": t("适用", "applied"), "applied_no": t("未适用（过期或未生效）",
                                                      "not applied (expired or not yet valid)"),
    "warnings": t("提示", "Notes"),
    "inputs": t("输入文件", "Input files"), "path": t("文件", "File"), "sha": t("SHA-256", "SHA-256"),
    "scorer": t("评分人：", "Scored by:"), "reviewer": t("复核人：", "Reviewed by:"),
    "date": t("日期：", "Date:"),
    "ids_note": t("注：要求编号为本工具对 GB/T 36735-2018 的内部编号，不是标准的条款号。",
                  "Note: requirement ids are this tool's internal ids for GB/T 36735-2018, "
                  "not clause numbers of the standard."),
}


def _section(ws: Worksheet, r: int, label: Text, lang: Lang) -> int:
    put(ws, r, 1, label(lang), BOLD).alignment = NO_WRAP
    return r + 1


# the engine's figures on this sheet, named for scripts/recalc_xlsx.py
AUDIT_NAMES = {"total": "CSC_AUDIT_TOTAL", "provisional": "CSC_AUDIT_TOTAL", "denominator": "CSC_AUDIT_DENOMINATOR",
               "bonus": "CSC_AUDIT_BONUS", "without": "CSC_AUDIT_WITHOUT_WAIVERS"}


def _pairs(ws: Worksheet, r: int, pairs: list[tuple[str, object]], lang: Lang) -> int:
    for key, value in pairs:
        put(ws, r, 1, L[key](lang), BOLD)
        put(ws, r, 2, value, number_format=POINTS_FORMAT if isinstance(value, float) else None)
        if key in AUDIT_NAMES:
            define(ws, AUDIT_NAMES[key], f"B{r}")
        r += 1
    return r


def _table(ws: Worksheet, r: int, headers: list[Text], rows: list[list[object]],
           lang: Lang) -> int:
    for col, label in enumerate(headers, start=1):
        put(ws, r, col, label(lang), BOLD).fill = HEADER_FILL
    for row in rows:
        r += 1
        for col, value in enumerate(row, start=1):
            put(ws, r, col, value,
                number_format=POINTS_FORMAT if isinstance(value, float) else None)
    return r + 2


def _areas(ws: Worksheet, r: int, result: AuditResult, cells: IndicatorCells,
           lang: Lang) -> int:
    r = _section(ws, r, L["areas"], lang)
    head = r
    headers = [L[k] for k in ("area", "name", "points", "score", "rate", "area_adjusted")]
    for col, label in enumerate(headers, start=1):
        put(ws, r, col, label(lang), BOLD).fill = HEADER_FILL
    sheet = quote_sheetname(cells.sheet)

    def column(letter: str) -> str:
        return f"{sheet}!${letter}${cells.first_row}:${letter}${cells.last_row}"

    for a in result.score.areas:
        r += 1
        put(ws, r, 1, a.area)
        put(ws, r, 2, a.title(lang))
        put(ws, r, 3, points(a.points), number_format=POINTS_FORMAT)
        put(ws, r, 4, points(a.score), number_format=POINTS_FORMAT)
        formula(ws, r, 5, f'=IF(C{r}>0,D{r}/C{r},"")', number_format=PERCENT_FORMAT)
        formula(ws, r, 6, f'=SUMIFS({column("P")},{column("A")},A{r},{column("J")},'
                          f'"{COUNTED(lang)}")')
    if result.score.areas:
        define(ws, "CSC_AUDIT_AREAS", f"D{head + 1}", f"D{r}")
        define(ws, "CSC_CALC_AREAS", f"F{head + 1}", f"F{r}")
        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = L["areas"](lang)
        chart.y_axis.title = L["score"](lang)
        data = Reference(ws, min_col=3, max_col=4, min_row=head, max_row=r)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, min_row=head + 1, max_row=r))
        chart.height = max(6.0, 1.0 * len(result.score.areas) + 3)
        chart.width = 16
        ws.add_chart(chart, f"H{head}")
    return r + 2


def _banner(ws: Worksheet, r: int, result: AuditResult, lang: Lang,
            scrub: Callable[[str], str]) -> int:
    """The causes that withhold the grade, one per row under the title (file: what; todo)."""
    causes = result.completeness.causes
    if not causes:
        return r
    put(ws, r, 1, L["banner"](lang), ALERT).alignment = NO_WRAP
    for cause in causes:
        r += 1
        put(ws, r, 1, cause_line(cause, lang, scrub), ALERT).alignment = NO_WRAP
    return r + 2


def write_overview(ws: Worksheet, result: AuditResult, cells: IndicatorCells, lang: Lang,
                   scrub: Callable[[str], str]) -> None:
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + col)].width = width
    c, s = result.center, result.score
    put(ws, 1, 1, L["title"].format(name=scrub(c.get("name", "")), period=result.period)(lang),
        TITLE).alignment = NO_WRAP
    r = _pairs(ws, _banner(ws, 3, result, lang, scrub), [
        ("center", scrub(c.get("name", ""))), ("id", scrub(c.get("id", ""))),
        ("district", scrub(c.get("district", ""))), ("street", scrub(c.get("street", ""))),
        ("period", result.period), ("standard", result.standard),
        ("checklist", result.checklist), ("profile", result.profile or "—"),
        ("tool", result.tool),
    ], lang) + 1
    r = _pairs(ws, r, [
        ("total" if result.completeness.complete else "provisional", points(s.total)), ("max", points(s.max)),
        ("grade", grade_with_veto(s, lang)), ("denominator", points(s.denominator)),
        ("bonus", points(s.bonus)), ("without", points(s.total_without_waivers)),
        ("grade_without", grade_label(s.grade_without_waivers, lang)),
        ("veto", veto_line(s, lang, scrub) or VETO_LABELS[s.veto_state](lang)),
    ], lang)
    put(ws, r, 1, L["adjusted"](lang), BOLD)
    formula(ws, r, 2, f"={quote_sheetname(cells.sheet)}!{cells.total}")
    define(ws, "CSC_CALC_TOTAL_OVERVIEW", f"B{r}")
    r = _pairs(ws, r + 1, [("findings", len(result.findings)),
                           ("issues", len(result.data_issues))], lang) + 1
    r = _areas(ws, r, result, cells, lang)
    if result.waivers:
        r = _section(ws, r, L["waivers"], lang)
        r = _table(ws, r, [L[k] for k in ("waiver_id", "target", "approver", "document",
                                          "expires", "applied")],
                   [[scrub(w.id), scrub(w.target), scrub(w.approver), scrub(w.document),
                     w.expires, (L["applied_yes"] if w.applied else L["applied_no"])(lang)]
                    for w in result.waivers], lang)
    notes = (*result.completeness.notes, *result.warnings)
    if notes:
        r = _section(ws, r, L["warnings"], lang)
        for w in notes:
            put(ws, r, 1, scrub(w(lang))).alignment = NO_WRAP
            r += 1
        r += 1
    r = _section(ws, r, L["inputs"], lang)
    r = _table(ws, r, [L["path"], L["sha"]],
               [[scrub(f.path), f.sha256] for f in result.inputs], lang)
    for col, key in ((1, "scorer"), (3, "reviewer"), (5, "date")):
        put(ws, r, col, L[key](lang), BOLD).border = _no_border()
        ws.cell(row=r, column=col + 1).border = _underline()
    put(ws, r + 2, 1, L["ids_note"](lang), MUTED).alignment = NO_WRAP
    ws.cell(row=r + 2, column=1).border = _no_border()
    page_setup(ws, lang, scrub(c.get("name", "")))
    ws.print_area = f"A1:P{r + 2}"


def _no_border() -> Border:
    return Border()


def _underline() -> Border:
    return Border(bottom=Side(style="thin", color="000000"))
