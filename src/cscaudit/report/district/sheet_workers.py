"""The 社工考核 sheet: every social worker across the centers, ranked, with their center."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.engine.district.assessment import Assessment
from cscaudit.i18n import Lang, t
from cscaudit.report.district.sheet_kit import PERCENT, table, title
from cscaudit.report.district.worker_table import WORKER_RULE, worker_rows
from cscaudit.report.labels import ROLES

HEADERS = (t("排名", "Rank"), t("街道", "Street"), t("中心编号", "Center id"),
           t("中心名称", "Center"), t("社工", "Worker"), t("包联户数", "Households"),
           t("应走访次数", "Visits required"), t("已走访次数", "Visits done"),
           t("走访完成率", "Visit completion"), t("走访内容完整率", "Content complete"),
           t("经办事项", "Cases"), t("按时办结率", "On time"), t("差评", "Bad ratings"),
           t("发现问题", "Issues raised"), t("已办结问题", "Issues closed"),
           t("差评率", "Bad rating rate"), t("角色", "Role"),
           t("居民满意率", "Residents satisfied"), t("评价人数", "Ratings"),
           t("居民知晓率", "Residents who know them"), t("知晓调查人数", "Asked"))
WIDTHS = (7, 14, 16, 20, 10, 10, 11, 11, 11, 12, 9, 11, 7, 9, 10, 8, 8, 10, 8, 10, 8)
FORMATS = {9: PERCENT, 10: PERCENT, 12: PERCENT, 16: PERCENT, 18: PERCENT, 20: PERCENT}


def write_workers(ws: Worksheet, assessment: Assessment, lang: Lang,
                  scrub: Callable[[str], str]) -> None:
    rows = [[w.rank, w.street, w.center_id, w.center_name, scrub(w.card.worker), w.card.households,
             w.card.required_visits, w.card.visits_done, w.visit_completion,
             w.card.content_complete_rate, w.card.cases, w.card.on_time_rate,
             w.card.bad_ratings, w.card.issues_raised, w.card.issues_closed,
             w.bad_rating_rate, ROLES.get(w.card.role, ROLES["other"])(lang),
             w.card.resident_satisfaction, w.card.resident_satisfaction_n,
             w.card.known_rate, w.card.known_n]
            for w in worker_rows(assessment.audits)]
    top = title(ws, t("社工考核", "Social workers")(lang), [WORKER_RULE(lang)])
    table(ws, top, [h(lang) for h in HEADERS], rows, WIDTHS, lang=lang, formats=FORMATS)
