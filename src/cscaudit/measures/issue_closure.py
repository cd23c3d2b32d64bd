"""issue_closure: problems residents raise on visits are closed or escalated within N days.

A visit row with something under 发现问题/群众诉求 (`issue`) raises an issue. It is handled
when closed (`closed_on`) within `max_days` calendar days of the visit, or when the action
taken says it was escalated (one of `escalation_words`, e.g. 上报, 转交) — an escalated issue
leaves the community's hands.

Params:
- `max_days`: days allowed (default 15).
- `escalation_words`: words in `action` that mark an escalation (default 上报, 转交, 转办,
  提交街道, 向街道反映).

Judged: issues raised in the period. An open issue whose deadline is still ahead at the end
of the period is not judged yet. Defect: closed late, or open past its deadline.
Rate: handled / judged. No issue raised: not applicable.
Example: raised 2024-03-01, closed 2024-03-20 with `max_days: 15`: 1 defect.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import in_period
from cscaudit.facts.frames import META, Tables, record_fields
from cscaudit.facts.issues import issue_states
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    measurement,
    missing_table,
    not_applicable,
    rate_of,
    table_absent,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

ID = "issue_closure"
SUMMARY = t("居民在走访中反映的问题在规定天数内办结或上报。",
            "problems residents raise on visits are closed or escalated within N days.")
TABLES: tuple[str, ...] = ("visits",)
ESCALATION_WORDS = ("上报", "转交", "转办", "提交街道", "向街道反映")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "max_days": {"type": "integer", "minimum": 0, "default": 15},
        "escalation_words": {"type": "array", "items": {"type": "string"}, "default": list(ESCALATION_WORDS)},
    },
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    if table_absent(ctx, "visits"):
        return missing_table("visits")
    n = int(spec.params["max_days"])
    states = facts.get(issue_states, n, tuple(spec.params["escalation_words"]))
    # the columns read from here on: the filter copies no other
    visits = states.select(name for name in dict.fromkeys(
        [*META, *record_fields("visits"), "household_id", "visited_on", "closed_on", "issue_state"])
        if name in states.columns)
    judged = visits.filter(in_period(visits, "visited_on", ctx.period_start, ctx.period_end)
                           & pl.col("issue_state").is_in(["handled", "late"]).fill_null(False))
    if judged.height == 0:
        return not_applicable(t("考核期内走访未发现需办结的问题", "no issues raised on visits in the period"))
    overdue = judged.filter(pl.col("issue_state") == "late")
    late, still_open = EvidenceCollector(), EvidenceCollector()
    late.add_frame(overdue.filter(pl.col("closed_on").is_not_null()), "visits", "household_id")
    still_open.add_frame(overdue.filter(pl.col("closed_on").is_null()), "visits", "household_id")
    findings = [spec.finding(msg, evidence=ev) for msg, ev in (
        (t(f"{late.total} 个走访问题超过 {n} 天才办结", f"{late.total} issues closed after {n} days"), late),
        (t(f"{still_open.total} 个走访问题超过 {n} 天未办结也未上报",
           f"{still_open.total} issues neither closed nor escalated within {n} days"), still_open),
    ) if ev.total]
    defects = late.total + still_open.total
    return measurement(judged.height, defects, findings=findings,
                       rate=rate_of(judged.height - defects, judged.height))
