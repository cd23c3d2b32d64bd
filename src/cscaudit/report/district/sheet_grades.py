"""The 等级分布 sheet: how many centers got each grade (with a bar chart), and per street."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.engine.district.assessment import Assessment
from cscaudit.i18n import Lang, t
from cscaudit.report.district.sheet_kit import HEADER_FONT, PERCENT, put, table, title
from cscaudit.scoring.district.ranking import grade_counts


def write_grades(ws: Worksheet, assessment: Assessment, lang: Lang) -> None:
    ranking = assessment.ranking
    bands = {g.name: g for g in ranking.settings.grades}
    total = len(ranking.ranked)
    counts = grade_counts(ranking)
    pending, failed = len(ranking.pending), len(ranking.failed)
    notes = [t(f"参评中心 {total} 个；待补正 {pending} 个（输入不完整，不评等级）；未能审核 {failed} 个"
               "（见“排名”）。",
               f"{total} centers rated; {pending} to be completed (inputs incomplete, no grade); "
               f"{failed} could not be audited (see Ranking).")(lang)]
    top = title(ws, t("等级分布", "Grade distribution")(lang), notes)
    headers = [t("等级", "Grade")(lang), t("分数线（≥）", "From (≥)")(lang),
               t("中心数", "Centers")(lang), t("占比", "Share")(lang)]
    rows = [[name if lang == "zh" else bands[name].name_en, bands[name].min, n,
             (n / total) if total else 0.0] for name, n in counts]
    last = table(ws, top, headers, rows, (12, 12, 10, 10), lang=lang, formats={4: PERCENT})

    chart = BarChart()
    chart.type = "col"
    chart.title = t("等级分布", "Grade distribution")(lang)
    chart.y_axis.title = t("中心数", "Centers")(lang)
    chart.legend = None
    chart.add_data(Reference(ws, min_col=3, min_row=top, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
    chart.height, chart.width = 7.5, 14
    ws.add_chart(chart, f"F{top}")

    streets = sorted({row.audit.street for row in ranking.ranked})
    if not streets:
        return
    start = max(last + 3, top + 17)  # below the chart
    put(ws, start - 1, 1, t("按街道", "By street")(lang), font=HEADER_FONT)
    for col, name in enumerate([t("街道", "Street")(lang), *[g for g, _ in counts]], start=1):
        put(ws, start, col, name if lang == "zh" or col == 1 else bands[name].name_en,
            font=HEADER_FONT)
    for r, street in enumerate(streets, start=start + 1):
        put(ws, r, 1, street)
        for col, (name, _) in enumerate(counts, start=2):
            put(ws, r, col, sum(1 for row in ranking.ranked
                                if row.audit.street == street and row.grade == name))
