"""The 整改复核 sheet (`audit --previous`): the earlier and the present score, the area
deltas, then one row per earlier finding with its 整改 state and the rows left, and the new
findings. With an earlier year, `add_year_on_year` puts last year beside this year on the
总览, with a chart of both years' area scores."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.json_result import points
from cscaudit.report.labels import grade_label
from cscaudit.report.sheet_overview import WIDTHS
from cscaudit.report.xlsx_style import BOLD, POINTS_FORMAT, TITLE, header_row, page_setup, put
from cscaudit.results.model import AuditResult
from cscaudit.scoring.follow_up import FollowUp
from cscaudit.scoring.recheck import STATES, Recheck

SHEET = t("整改复核", "Recheck")
ITEMS: tuple[tuple[Text, float], ...] = (
    (t("指标", "Indicator"), 7), (t("区域", "Area"), 6), (t("社工", "Worker"), 8),
    (t("问题", "Problem"), 46), (t("上次行数", "Rows before"), 9),
    (t("现存行数", "Rows now"), 9), (t("整改状态", "State"), 10),
)
AREAS: tuple[Text, ...] = (t("区域", "Area"), t("名称", "Name"), t("上次得分", "Before"),
                           t("本次得分", "Now"), t("变化", "Change"))
STATE_FILLS = {"fixed": "C6EFCE", "partly_fixed": "FFEB9C", "not_fixed": "FFC7CE", "new": "BDD7EE"}


def write_follow_up(wb: Workbook, follow_up: FollowUp, result: AuditResult,
                    lang: Lang, scrub: Callable[[str], str]) -> None:
    """The 整改复核 sheet after the 总览, the 整改清单核查 sheet (the 总览's own lines:
    `overview_follow_up`, written before its signatures)."""
    if follow_up.recheck is not None:
        write_recheck(wb.create_sheet(SHEET(lang), 1), follow_up.recheck, result, lang, scrub)
    if follow_up.rectification is not None:
        from cscaudit.report.sheet_rectification_check import SHEET as CHECKED
        from cscaudit.report.sheet_rectification_check import write_rectification_check

        write_rectification_check(wb.create_sheet(CHECKED(lang), 1), follow_up, lang, scrub)


def overview_follow_up(follow_up: FollowUp | None, result: AuditResult,
                       lang: Lang) -> Callable[[Worksheet, int], int] | None:
    """What the 总览 shows of a recheck, above its signature block (so it stays on the one
    printed page): one line of 整改复核 counts, and from an earlier year last year beside
    this year; None without a recheck."""
    if follow_up is None or follow_up.recheck is None:
        return None
    recheck = follow_up.recheck

    def write(ws: Worksheet, r: int) -> int:
        counts = "，".join(f"{STATES[s](lang)} {recheck.count(s)}" for s in STATES)
        put(ws, r, 1, t("整改复核", "Recheck")(lang), font=BOLD)
        put(ws, r, 2, t(f"对照 {recheck.period} 年结果：{counts}（见“整改复核”表）",
                        f"against the {recheck.period} result: {counts} (see the Recheck "
                        "sheet)")(lang))
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(WIDTHS))
        r += 2
        if recheck.year_on_year:
            r = add_year_on_year(ws, recheck, result, lang, r=r)
        return r

    return write


def write_recheck(ws: Worksheet, recheck: Recheck, result: AuditResult, lang: Lang,
                  scrub: Callable[[str], str]) -> None:
    from openpyxl.styles import PatternFill

    ws.cell(row=1, column=1, value=t(f"整改复核：对照 {recheck.period} 年结果（{scrub(recheck.file)}）",
                                     f"Recheck against the {recheck.period} result "
                                     f"({scrub(recheck.file)})")(lang)).font = TITLE
    r = 2
    for label, total, grade in ((t("上次", "Before"), recheck.total, recheck.grade),
                                (t("本次", "Now"), result.score.total,
                                 grade_label(result.score.grade, lang))):
        put(ws, r, 1, label(lang), font=BOLD)
        put(ws, r, 2, points(total), number_format=POINTS_FORMAT)
        put(ws, r, 3, grade)
        r += 1
    put(ws, r, 1, t("变化", "Change")(lang), font=BOLD)
    put(ws, r, 2, points(recheck.total_delta), number_format="+0.##;-0.##;0")
    counts = "　".join(f"{STATES[s](lang)} {recheck.count(s)}" for s in STATES)
    put(ws, r, 4, counts)
    for note in recheck.notes:
        r += 1
        put(ws, r, 1, scrub(note(lang)))
    r += 2
    header_row(ws, r, [a(lang) for a in AREAS], [7, 6, 8, 46, 9])
    for area in recheck.areas:
        r += 1
        delta = None if area.before is None else points(area.now - area.before)
        for col, value in enumerate((area.area, area.title(lang),
                                     None if area.before is None else points(area.before),
                                     points(area.now), delta), start=1):
            put(ws, r, col, value, number_format=POINTS_FORMAT if col > 2 else None)
    r += 2
    header_row(ws, r, [label(lang) for label, _ in ITEMS], [w for _, w in ITEMS])
    head = r
    for item in recheck.items:
        r += 1
        values = (item.indicator, item.area, None if item.worker is None else scrub(item.worker),
                  scrub(item.message(lang)), item.before, item.left, STATES[item.state](lang))
        for col, value in enumerate(values, start=1):
            put(ws, r, col, value)
        ws.cell(row=r, column=7).fill = PatternFill("solid", fgColor=STATE_FILLS[item.state])
    ws.print_title_rows = f"{head}:{head}"
    page_setup(ws, lang, SHEET(lang))


def add_year_on_year(ws: Worksheet, recheck: Recheck, result: AuditResult, lang: Lang, *,
                     r: int | None = None) -> int:
    """From row `r` of the 总览 (default: below its content): last year's and this year's
    total, grade and area scores; a bar chart of the area scores of both years right of the
    print area, as the 总览's own chart. Returns the row after the block."""
    from openpyxl.chart import BarChart, Reference

    r = ws.max_row + 2 if r is None else r
    put(ws, r, 1, t("与上年对照", "Year on year")(lang), font=BOLD)
    r += 1
    years = (recheck.period, result.period)
    for col, value in enumerate((t("年度", "Year")(lang), *years), start=1):
        put(ws, r, col, value, font=BOLD)
    put(ws, r + 1, 1, t("总分", "Total")(lang), font=BOLD)
    put(ws, r + 1, 2, points(recheck.total), number_format=POINTS_FORMAT)
    put(ws, r + 1, 3, points(result.score.total), number_format=POINTS_FORMAT)
    put(ws, r + 2, 1, t("等级", "Grade")(lang), font=BOLD)
    put(ws, r + 2, 2, recheck.grade)
    put(ws, r + 2, 3, grade_label(result.score.grade, lang))
    r += 4
    head = r
    for col, value in enumerate((t("区域", "Area")(lang), f"{years[0]}", f"{years[1]}"), start=1):
        put(ws, r, col, value, font=BOLD)
    for area in recheck.areas:
        r += 1
        put(ws, r, 1, area.title(lang))
        put(ws, r, 2, None if area.before is None else points(area.before), number_format=POINTS_FORMAT)
        put(ws, r, 3, points(area.now), number_format=POINTS_FORMAT)
    if r == head:
        return r + 2
    chart = BarChart()
    chart.type = "col"
    chart.title = t("区域得分：两年对照", "Area scores, both years")(lang)
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=head, max_row=r), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=r))
    chart.height, chart.width = 7, 16
    ws.add_chart(chart, f"H{head - 4}")  # beside the table, not on the printed page
    return r + 2
