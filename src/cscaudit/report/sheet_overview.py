"""The 总览 sheet, one A4 page: who and when, the score and grade, the veto and the
completeness in a sentence each, the areas, the top deductions by points lost, waivers and
the signature block. Versions and input hashes are on the 附录 (`sheet_appendix`); the
areas chart sits right of the print area (on screen, not on paper)."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.details import detail_count
from cscaudit.report.finding_order import by_points_lost
from cscaudit.report.json_result import points
from cscaudit.report.labels import cause_line, grade_label, grade_with_veto
from cscaudit.report.sheet_indicators import COUNTED, IndicatorCells
from cscaudit.report.verdict import completeness_sentence, veto_sentence
from cscaudit.report.xlsx_style import (
    ALERT,
    BOLD,
    CENTER,
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
from cscaudit.results.model import AuditResult

LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
WIDTHS = (24, 30, 10, 10, 10, 13)
TOP_DEDUCTIONS = 5
L = {
    "title": t("{name} {period} 年度考核评分表", "{name}: scorecard {period}"),
    "center": t("服务中心", "Center"), "period": t("考核期", "Period"),
    "checklist": t("考核清单", "Checklist"),
    "total": t("审核总分", "Audit total"), "max": t("满分", "Maximum"),
    "provisional": t("审核总分（暂定，输入不完整）", "Audit total (provisional: inputs incomplete)"),
    "banner": t("无法评定等级，待补正：输入不完整，总分仅供参考。原因：",
                "No grade until the inputs are completed; the total is provisional. Causes:"),
    "notes": t("提示", "Notes"),
    "grade": t("等级", "Grade"), "denominator": t("计分满分（不适用项不计入）",
                                                  "Points counted (N/A excluded)"),
    "bonus": t("加分", "Bonus"), "without": t("不计豁免的总分", "Total without waivers"),
    "veto": t("一票否决", "Veto"),
    "adjusted_grade": t("人工调整后等级（按考核清单等级线）",
                        "Grade after manual adjustments (the checklist's bands)"),
    "adjusted": t("人工调整后总分（随“指标得分”表调整列重算）",
                  "Total after manual adjustments (recomputed from the Indicators sheet)"),
    "areas": t("分项得分", "Area scores"), "area": t("分项", "Area"), "name": t("名称", "Title"),
    "points": t("计分满分", "Points counted"), "score": t("得分", "Score"),
    "rate": t("得分率", "Share"), "area_adjusted": t("调整后得分", "Adjusted"),
    "waivers": t("豁免", "Waivers"), "waiver_id": t("编号", "Id"), "target": t("对象", "Target"),
    "approver": t("批准人", "Approver"), "document": t("批准文号", "Document"),
    "expires": t("有效期至", "Expires"), "applied": t("是否适用", "Applied"),
    "applied_yes": t("适用", "applied"), "applied_no": t("未适用（过期或未生效）",
                                                      "not applied (expired or not yet valid)"),
    "scorer": t("评分人：", "Scored by:"), "reviewer": t("复核人：", "Reviewed by:"),
    "date": t("日期：", "Date:"),
    "place": t("所属区 / 街道", "District / street"),
    "leader": t("被考核单位负责人：", "Head of the center:"), "seal": t("（盖章处）", "(seal)"),
    "top": t("主要扣分（按扣分排序）", "Top deductions (by points lost)"),
    "indicator": t("指标", "Indicator"), "lost": t("扣分", "Lost"),
    "problem": t("主要问题", "Main problem"),
    "completeness": t("评分完整性", "Completeness"),
    "counts": t("问题与数据", "Findings and data"),
    "counts_text": t("问题 {findings} 项（问题明细 {rows} 行），数据质量问题 {issues} 条",
                     "{findings} findings ({rows} rows in the defect list), "
                     "{issues} data issues"),
}


def _section(ws: Worksheet, r: int, label: Text, lang: Lang) -> int:
    put(ws, r, 1, label(lang), font=BOLD).alignment = NO_WRAP
    return r + 1


# the engine's figures on this sheet, named for scripts/recalc_xlsx.py
AUDIT_NAMES = {"total": "CSC_AUDIT_TOTAL", "provisional": "CSC_AUDIT_TOTAL", "denominator": "CSC_AUDIT_DENOMINATOR",
               "bonus": "CSC_AUDIT_BONUS", "without": "CSC_AUDIT_WITHOUT_WAIVERS"}


def _pairs(ws: Worksheet, r: int, pairs: list[tuple[str, object]], lang: Lang) -> int:
    for key, value in pairs:
        put(ws, r, 1, L[key](lang), font=BOLD)
        put(ws, r, 2, value, number_format=POINTS_FORMAT if isinstance(value, float) else None
            ).alignment = LEFT  # beside its label, also when it is a number
        if key in AUDIT_NAMES:
            define(ws, AUDIT_NAMES[key], f"B{r}")
        r += 1
    return r


def _table(ws: Worksheet, r: int, headers: list[Text], rows: list[list[object]],
           lang: Lang) -> int:
    for col, label in enumerate(headers, start=1):
        put(ws, r, col, label(lang), font=BOLD).fill = HEADER_FILL
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
        put(ws, r, col, label(lang), font=BOLD).fill = HEADER_FILL
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
    put(ws, r, 1, L["banner"](lang), font=ALERT).alignment = NO_WRAP
    for cause in causes:
        r += 1
        put(ws, r, 1, cause_line(cause, lang, scrub), font=ALERT).alignment = NO_WRAP
    return r + 2


def write_overview(ws: Worksheet, result: AuditResult, cells: IndicatorCells, lang: Lang,
                   scrub: Callable[[str], str], *,
                   extra: Callable[[Worksheet, int], int] | None = None) -> None:
    """The one-page 总览; `extra` writes more rows from the row it is given (the recheck,
    year on year) above the signature block and returns the next free row."""
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + col)].width = width
    c, s = result.center, result.score
    put(ws, 1, 1, L["title"].format(name=scrub(c.get("name", "")), period=result.period)(lang),
        font=TITLE).alignment = NO_WRAP
    ws.cell(row=1, column=1).border = _no_border()
    place = " · ".join(scrub(v) for v in (c.get("district"), c.get("street")) if v)
    checklist = result.checklist + (f"（{result.profile}）" if result.profile else "")
    first = _banner(ws, 3, result, lang, scrub)
    r = _pairs(ws, first, [
        ("center", scrub(c.get("name", ""))), ("place", place or "—"),
        ("period", result.period), ("checklist", checklist),
        ("total" if result.completeness.complete else "provisional", points(s.total)),
        ("max", points(s.max)), ("grade", grade_with_veto(s, lang)),
        ("veto", veto_sentence(result, lang, scrub)),
        ("completeness", completeness_sentence(result, lang)),
        ("denominator", points(s.denominator)), ("bonus", points(s.bonus)),
        ("without", points(s.total_without_waivers)),
    ], lang)
    put(ws, r, 1, L["adjusted"](lang), font=BOLD)
    formula(ws, r, 2, f"={quote_sheetname(cells.sheet)}!{cells.total}").alignment = LEFT
    define(ws, "CSC_CALC_TOTAL_OVERVIEW", f"B{r}")
    if result.grades:
        r += 1
        put(ws, r, 1, L["adjusted_grade"](lang), font=BOLD)
        formula(ws, r, 2, grade_formula(result, f"B{r - 1}", lang)).alignment = LEFT
        define(ws, "CSC_CALC_GRADE_OVERVIEW", f"B{r}")
    r = _pairs(ws, r + 1, [("counts", L["counts_text"].format(
        findings=len(result.findings), rows=detail_count(result),
        issues=len(result.data_issues))(lang))], lang)
    for row in range(first, r):
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(WIDTHS))
    r = _areas(ws, r + 1, result, cells, lang)
    r = _top_deductions(ws, r, result, lang, scrub)
    if result.waivers:
        r = _section(ws, r, L["waivers"], lang)
        r = _table(ws, r, [L[k] for k in ("waiver_id", "target", "approver", "document",
                                          "expires", "applied")],
                   [[scrub(w.id), scrub(w.target), scrub(w.approver), scrub(w.document),
                     w.expires, (L["applied_yes"] if w.applied else L["applied_no"])(lang)]
                    for w in result.waivers], lang)
    notes = (*result.completeness.notes, *result.warnings)  # stated, not withholding a grade
    if notes:
        r = _section(ws, r, L["notes"], lang)
        for note in notes:
            put(ws, r, 1, scrub(note(lang))).alignment = NO_WRAP
            ws.cell(row=r, column=1).border = _no_border()
            r += 1
        r += 1
    if extra is not None:
        r = extra(ws, r)
    last = _signatures(ws, r, lang)
    page_setup(ws, lang, scrub(c.get("name", "")))
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToHeight = 1  # one page, whatever the number of areas
    ws.print_area = f"A1:{chr(64 + len(WIDTHS))}{last}"


def grade_formula(result: AuditResult, total: str, lang: Lang) -> str:
    """The checklist's bands as nested IFs on `total` (highest first); a veto fixes the
    lowest grade whatever the adjustments."""
    names = [f'"{grade_label(g.name, lang)}"' for g in result.grades]
    if result.score.veto:
        return f"={names[-1]}"
    text = names[-1]
    for g, name in zip(reversed(result.grades[:-1]), reversed(names[:-1]), strict=True):
        text = f"IF({total}>={g.min:g},{name},{text})"
    return f"={text}"


def _top_deductions(ws: Worksheet, r: int, result: AuditResult, lang: Lang,
                    scrub: Callable[[str], str]) -> int:
    """The indicators that lost most, each with its first problem."""
    first_problem: dict[str, str] = {}
    for f in by_points_lost(result):
        first_problem.setdefault(f.indicator, scrub(f.message(lang)))
    worst = sorted((i for i in result.indicators if i.lost > 0), key=lambda i: -i.lost)
    if not worst:
        return r
    r = _section(ws, r, L["top"], lang)
    for col, key in ((1, "indicator"), (2, "name"), (3, "lost"), (4, "problem")):
        put(ws, r, col, L[key](lang), font=BOLD).fill = HEADER_FILL
    ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=len(WIDTHS))
    for i in worst[:TOP_DEDUCTIONS]:
        r += 1
        put(ws, r, 1, i.id)
        put(ws, r, 2, i.title(lang))
        put(ws, r, 3, points(i.lost), number_format=POINTS_FORMAT)
        put(ws, r, 4, first_problem.get(i.id, scrub(i.reason(lang))))
        ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=len(WIDTHS))
    return r + 2


def _signatures(ws: Worksheet, r: int, lang: Lang) -> int:
    """评分人, 复核人, 被考核单位负责人, 日期 on lines, and a box for the seal; returns the
    last row."""
    for row, pairs in ((r, ((1, "scorer"), (3, "reviewer"))),
                       (r + 2, ((1, "leader"), (3, "date")))):
        for col, key in pairs:
            put(ws, row, col, L[key](lang), font=BOLD).border = _no_border()
            ws.cell(row=row, column=col).alignment = NO_WRAP
            ws.cell(row=row, column=col + 1).border = _underline()
    put(ws, r, 5, L["seal"](lang), font=MUTED).alignment = CENTER
    ws.merge_cells(start_row=r, start_column=5, end_row=r + 3, end_column=6)
    box = Side(style="thin", color="808080")
    for row in range(r, r + 4):
        for col in (5, 6):
            ws.cell(row=row, column=col).border = Border(
                left=box if col == 5 else None, right=box if col == 6 else None,
                top=box if row == r else None, bottom=box if row == r + 3 else None)
    return r + 3


def _no_border() -> Border:
    return Border()


def _underline() -> Border:
    return Border(bottom=Side(style="thin", color="000000"))
