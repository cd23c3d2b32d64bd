"""The 社工 sheet: the social-worker card, fair to compare. Rates, not raw counts (走访完成率,
差评率 = 差评 ÷ 办件, 问题办结率 as formulas of the counts beside them); each worker's role from
the staff table's 岗位; the workers with 包片 households ranked on visits, the others (窗口,
站长 ...) listed apart and not ranked on visits; what each column counts, below the table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from openpyxl.styles import Border
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.json_result import rate
from cscaudit.report.labels import ROLES
from cscaudit.report.xlsx_style import (
    BOLD,
    MUTED,
    NO_WRAP,
    PERCENT_FORMAT,
    formula,
    header_row,
    page_setup,
    put,
    table_frame,
)
from cscaudit.report.xlsx_style import FONT as PLAIN
from cscaudit.results.model import AuditResult, WorkerCard

COLUMNS: tuple[tuple[Text, float], ...] = (
    (t("走访排名", "Visit rank"), 7), (t("社工", "Worker"), 10), (t("角色", "Role"), 7),
    (t("岗位", "Post"), 14), (t("联系户数", "Households"), 8),
    (t("应走访次数", "Visits required"), 9), (t("有效走访次数", "Visits done"), 9),
    (t("走访完成率", "Visits done share"), 9), (t("走访内容完整率", "Visit content complete"), 10),
    (t("办件数", "Cases"), 7), (t("按时办结率", "On-time rate"), 9), (t("差评数", "Bad ratings"), 7),
    (t("差评率", "Bad rating rate"), 8), (t("发现问题数", "Issues raised"), 8),
    (t("已办结问题数", "Issues closed"), 8), (t("问题办结率", "Issues closed share"), 9),
    (t("居民满意率", "Residents satisfied"), 9), (t("评价人数", "Ratings"), 7),
    (t("居民知晓率", "Residents who know them"), 9), (t("知晓调查人数", "Asked"), 7),
    (t("居民满意率", "Residents satisfied"), 9), (t("评价人数", "Ratings"), 7),
    (t("居民知晓率", "Residents who know them"), 9), (t("知晓调查人数", "Asked"), 7),
)
APART = t("以下工作人员没有包片联系户，不参与走访排名", "No block households: not ranked on visits")
DEFINITIONS: tuple[Text, ...] = (
    t("口径说明", "What the columns count"),
    t("联系户数：社工名下、考核期内在册的包片户数（联户名册的包片社工）。",
      "Households: households of the worker's block on the roster during the period."),
    t("应走访次数：这些户按人群类别的走访频次在考核期内应走访的次数；有效走访次数：其中按周期"
      "完成、计入要求的走访次数（考核期外、户号不在名册中的走访不计）。",
      "Visits required: visits the households' groups call for in the period; visits done: "
      "those that meet a period's requirement (visits outside the period or to households "
      "off the roster do not count)."),
    t("走访完成率 = 有效走访次数 ÷ 应走访次数（最高 100%），走访排名按此从高到低。",
      "Visits done share = visits done ÷ required (at most 100%); the visit rank follows it."),
    t("走访内容完整率：本人走访记录中涵盖该户人群全部必访内容的比例。",
      "Visit content complete: share of the worker's visits covering every required topic."),
    t("办件数：本人受理的办件；按时办结率：已判定办件中按承诺时限办结的比例；"
      "差评率 = 差评数 ÷ 办件数。",
      "Cases: cases the worker received; on-time rate: share of judged cases completed in "
      "time; bad rating rate = bad ratings ÷ cases."),
    t("发现问题数：走访中记录的问题；问题办结率 = 已办结问题数 ÷ 发现问题数。",
      "Issues raised: problems recorded on visits; issues closed share = closed ÷ raised."),
    t("居民满意率：满意度测评中包片社工为本人的答卷里，包片社工评价为满意的比例（口径同 D5）；"
      "评价人数：作答的答卷数。无答卷时为空。",
      "Residents satisfied: of the survey answers naming the worker as block worker, the share "
      "satisfied with them (as D5 counts); ratings: answers given. Blank without answers."),
    t("居民知晓率：这些答卷中认识包片社工的比例（口径同 D6）；知晓调查人数：计入的答卷数。",
      "Residents who know them: share of those answers that know the worker (as D6 counts); "
      "asked: answers counted."),
)


def _completion(card: WorkerCard) -> float:
    return min(1.0, card.visits_done / card.required_visits) if card.required_visits else 0.0


def _row(ws: Worksheet, r: int, w: WorkerCard, rank: int | None, lang: Lang,
         scrub: Callable[[str], str]) -> None:
    values: Sequence[object] = (
        rank, scrub(w.worker), ROLES.get(w.role, ROLES["other"])(lang),
        scrub(w.post) if w.post else None, w.households, w.required_visits, w.visits_done)
    for col, value in enumerate(values, start=1):
        put(ws, r, col, value)
    formula(ws, r, 8, f'=IF(F{r}>0,MIN(1,G{r}/F{r}),"")', font=PLAIN, number_format=PERCENT_FORMAT)
    put(ws, r, 9, rate(w.content_complete_rate), number_format=PERCENT_FORMAT)
    put(ws, r, 10, w.cases)
    put(ws, r, 11, rate(w.on_time_rate), number_format=PERCENT_FORMAT)
    put(ws, r, 12, w.bad_ratings)
    formula(ws, r, 13, f'=IF(J{r}>0,L{r}/J{r},"")', font=PLAIN, number_format=PERCENT_FORMAT)
    put(ws, r, 14, w.issues_raised)
    put(ws, r, 15, w.issues_closed)
    formula(ws, r, 16, f'=IF(N{r}>0,O{r}/N{r},"")', font=PLAIN, number_format=PERCENT_FORMAT)
    put(ws, r, 17, rate(w.resident_satisfaction), number_format=PERCENT_FORMAT)
    put(ws, r, 18, w.resident_satisfaction_n)
    put(ws, r, 19, rate(w.known_rate), number_format=PERCENT_FORMAT)
    put(ws, r, 20, w.known_n)


def ranked_and_apart(result: AuditResult) -> tuple[list[WorkerCard], list[WorkerCard]]:
    """Workers with block households by visit completion (then name); the others apart."""
    ranked = sorted((w for w in result.workers if w.households > 0),
                    key=lambda w: (-_completion(w), w.worker))
    return ranked, [w for w in result.workers if w.households == 0]


def write_workers(ws: Worksheet, result: AuditResult, lang: Lang,
                  scrub: Callable[[str], str]) -> None:
    header_row(ws, 1, [label(lang) for label, _ in COLUMNS], [w for _, w in COLUMNS])
    ranked, apart = ranked_and_apart(result)
    r = 2
    for rank, w in enumerate(ranked, start=1):
        _row(ws, r, w, rank, lang, scrub)
        r += 1
    table_frame(ws, 1, r - 1, len(COLUMNS))
    if apart:
        put(ws, r, 1, APART(lang), font=BOLD).alignment = NO_WRAP
        r += 1
        for w in apart:
            _row(ws, r, w, None, lang, scrub)
            r += 1
    r += 1
    for n, line in enumerate(DEFINITIONS):
        cell = put(ws, r + n, 1, line(lang), font=BOLD if n == 0 else MUTED)
        cell.alignment = NO_WRAP
        cell.border = Border()  # notes, not table cells
    page_setup(ws, lang, scrub(result.center.get("name", "")))
