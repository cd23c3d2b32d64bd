"""One compact scorecard sheet per center: its figures, then one row per indicator.

The full scorecard of a center (`cscaudit audit`) has every deduction's evidence and the
rectification list; here the findings are counted and listed on 问题汇总.
"""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.district.sheet_kit import (
    HEADER_FONT,
    OUTCOME_FILLS,
    POINTS,
    print_setup,
    put,
    table,
    title,
)
from cscaudit.report.district.sheet_ranking import PENDING, causes_text
from cscaudit.report.labels import OUTCOME_LABELS, veto_pending_mark
from cscaudit.results.model import AuditResult
from cscaudit.scoring.district.model import CenterAudit, CenterFailure
from cscaudit.scoring.district.ranking import RankedCenter
from cscaudit.scoring.district.settings import AssessSettings

HEADERS = (t("领域", "Area"), t("指标", "Indicator"), t("名称", "Title"), t("分值", "Points"),
           t("扣分", "Lost"), t("得分", "Score"), t("结果", "Outcome"), t("测得", "Measured"),
           t("说明", "Reason"))
WIDTHS = (7, 9, 34, 8, 8, 8, 12, 22, 60)


def write_center(ws: Worksheet, row: RankedCenter, settings: AssessSettings, lang: Lang,
                 scrub: Callable[[str], str]) -> None:
    result, comp = row.audit.result, row.composite
    score = result.score
    facts: list[tuple[Text, object]] = [
        (t("排名", "Rank"), row.rank), (t("街道", "Street"), row.audit.street),
        (t("中心编号", "Center id"), row.center_id),
        (t("考核期", "Period"), result.period),
        (t("考核清单", "Checklist"), result.checklist + (f" / {result.profile}" if result.profile
                                                        else "")),
        (t("清单得分", "Checklist score"), f"{score.total:.2f} / {score.max:g}"),
        (t("综合得分", "Composite"), comp.value),
        (t("等级", "Grade"), settings.label(row.grade, lang) + veto_pending_mark(score, lang)),
        (t("问题数（见问题汇总）", "Findings (see Findings)"), len(result.findings)),
        (t("数据问题", "Data issues"), row.audit.data_issue_total),
    ]
    _facts_and_indicators(ws, result, facts, lang, scrub, row.center_id)


def write_pending_center(ws: Worksheet, audit: CenterAudit, lang: Lang,
                         scrub: Callable[[str], str]) -> None:
    """A center whose inputs are incomplete: no rank, no grade, its causes, its provisional
    figures."""
    result = audit.result
    facts = [
        (t("排名", "Rank"), t("不排名（待补正）", "not ranked (to be completed)")(lang)),
        (t("街道", "Street"), audit.street), (t("中心编号", "Center id"), audit.center_id),
        (t("考核期", "Period"), result.period),
        (t("清单得分（暂定）", "Checklist score (provisional)"),
         f"{result.score.total:.2f} / {result.score.max:g}"),
        (t("等级", "Grade"), PENDING(lang)),
        (t("待补正原因", "Causes"), causes_text(audit, lang, scrub)),
        (t("数据问题", "Data issues"), audit.data_issue_total),
    ]
    _facts_and_indicators(ws, result, facts, lang, scrub, audit.center_id)


def _facts_and_indicators(ws: Worksheet, result: AuditResult, facts: list[tuple[Text, object]],
                          lang: Lang, scrub: Callable[[str], str], center_id: str) -> None:
    top = title(ws, result.center.get("name", "") or center_id)
    for r, (label, value) in enumerate(facts, start=top):
        put(ws, r, 1, label(lang), font=HEADER_FONT)
        put(ws, r, 3, value)
    start = top + len(facts) + 1
    rows = [[i.area, i.id, i.title(lang), i.points, i.lost, i.score, OUTCOME_LABELS[i.outcome](lang),
             scrub(i.measured(lang)) if i.measured else None, scrub(i.reason(lang))]
            for i in result.indicators]
    table(ws, start, [h(lang) for h in HEADERS], rows, WIDTHS, lang=lang,
          formats={4: POINTS, 5: POINTS, 6: POINTS})
    for offset, indicator in enumerate(result.indicators, start=start + 1):
        ws.cell(row=offset, column=7).fill = OUTCOME_FILLS[indicator.outcome]


def write_failed_center(ws: Worksheet, failure: CenterFailure, lang: Lang,
                        scrub: Callable[[str], str]) -> None:
    top = title(ws, failure.center_id)
    put(ws, top, 1, t("无法审核", "Cannot be audited")(lang), font=HEADER_FONT)
    put(ws, top, 3, scrub(failure.reason(lang)))
    if failure.where:
        put(ws, top + 1, 1, t("位置", "Where")(lang), font=HEADER_FONT)
        put(ws, top + 1, 3, failure.where)
    put(ws, top + 2, 1, t("路径", "Path")(lang), font=HEADER_FONT)
    put(ws, top + 2, 3, failure.entry.rel)
    print_setup(ws, lang)
