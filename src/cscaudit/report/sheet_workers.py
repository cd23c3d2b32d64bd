"""The 社工 sheet: the social-worker card, one row per worker, with the completion rate of
required visits as a formula of the two counts beside it."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.audit.model import AuditResult
from cscaudit.i18n import Lang, Text, t
from cscaudit.report.json_result import rate
from cscaudit.report.xlsx_style import FONT as PLAIN
from cscaudit.report.xlsx_style import (
    PERCENT_FORMAT,
    formula,
    header_row,
    page_setup,
    put,
    table_frame,
)

COLUMNS: tuple[tuple[Text, float], ...] = (
    (t("社工", "Worker"), 12), (t("联系户数", "Households"), 9),
    (t("应走访次数", "Visits required"), 10), (t("有效走访次数", "Visits done"), 10),
    (t("走访完成率", "Visits done share"), 10),
    (t("走访内容完整率", "Visit content complete"), 12), (t("办件数", "Cases"), 8),
    (t("按时办结率", "On-time rate"), 10), (t("差评数", "Bad ratings"), 8),
    (t("发现问题数", "Issues raised"), 10), (t("已办结问题数", "Issues closed"), 10),
)


def write_workers(ws: Worksheet, result: AuditResult, lang: Lang,
                  scrub: Callable[[str], str]) -> None:
    header_row(ws, 1, [label(lang) for label, _ in COLUMNS], [w for _, w in COLUMNS])
    for n, w in enumerate(result.workers):
        r = n + 2
        put(ws, r, 1, scrub(w.worker))
        put(ws, r, 2, w.households)
        put(ws, r, 3, w.required_visits)
        put(ws, r, 4, w.visits_done)
        formula(ws, r, 5, f'=IF(C{r}>0,MIN(1,D{r}/C{r}),"")', PLAIN, PERCENT_FORMAT)
        put(ws, r, 6, rate(w.content_complete_rate), number_format=PERCENT_FORMAT)
        put(ws, r, 7, w.cases)
        put(ws, r, 8, rate(w.on_time_rate), number_format=PERCENT_FORMAT)
        put(ws, r, 9, w.bad_ratings)
        put(ws, r, 10, w.issues_raised)
        put(ws, r, 11, w.issues_closed)
    table_frame(ws, 1, len(result.workers) + 1, len(COLUMNS))
    page_setup(ws, lang, scrub(result.center.get("name", "")))
