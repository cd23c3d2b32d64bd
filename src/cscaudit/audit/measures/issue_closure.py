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

import datetime as dt
from typing import Any

from cscaudit.audit.measures.base import (
    AuditContext,
    EvidenceCollector,
    IndicatorSpec,
    LastRecord,
    last_record,
)
from cscaudit.audit.measures.common import (
    as_date,
    filled,
    in_period,
    measurement,
    missing_table,
    not_applicable,
    rate_of,
    table_absent,
)
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

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


def issue_state(v: dict[str, Any], max_days: int, words: tuple[str, ...], end: dt.date) -> str | None:
    """`handled`, `late`, `pending` (not yet due) or None when the row raises no issue."""
    raised = as_date(v.get("visited_on"))
    if not filled(v.get("issue")) or raised is None:
        return None
    due = raised + dt.timedelta(days=max_days)
    closed = as_date(v.get("closed_on"))
    action = str(v.get("action") or "")
    if closed is not None:
        return "handled" if closed <= due else "late"
    if any(w in action for w in words):
        return "handled"
    return "late" if due < end else "pending"


def shared_states(ctx: AuditContext, max_days: int, words: tuple[str, ...]) -> LastRecord:
    """Where the state of the visit in hand's issue is kept for these parameters."""
    return last_record(ctx, "issue_state", max_days, words)


class IssueClosure:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.max_days = int(spec.params["max_days"])
        self.words = tuple(spec.params["escalation_words"])
        self.states = shared_states(ctx, self.max_days, self.words)
        self.judged = 0
        self.late = EvidenceCollector()
        self.open = EvidenceCollector()

    def add(self, record: Record) -> None:
        v = record.values
        if not in_period(as_date(v.get("visited_on")), self.ctx.period_start, self.ctx.period_end):
            return
        state = issue_state(v, self.max_days, self.words, self.ctx.period_end)
        self.states.record, self.states.value = record, state
        if state in (None, "pending"):
            return
        self.judged += 1
        if state == "late":
            (self.late if v.get("closed_on") else self.open).add(record, "household_id")

    def finish(self) -> Measurement:
        if table_absent(self.ctx, "visits"):
            return missing_table("visits")
        if self.judged == 0:
            return not_applicable(t("考核期内走访未发现需办结的问题", "no issues raised on visits in the period"))
        n = self.max_days
        findings = [self.spec.finding(msg, ev) for msg, ev in (
            (t(f"{self.late.total} 个走访问题超过 {n} 天才办结", f"{self.late.total} issues closed after {n} days"),
             self.late),
            (t(f"{self.open.total} 个走访问题超过 {n} 天未办结也未上报",
               f"{self.open.total} issues neither closed nor escalated within {n} days"), self.open),
        ) if ev.total]
        defects = self.late.total + self.open.total
        return measurement(self.judged, defects, findings, rate=rate_of(self.judged - defects, self.judged))


def start(spec: IndicatorSpec, ctx: AuditContext) -> IssueClosure:
    return IssueClosure(spec, ctx)
