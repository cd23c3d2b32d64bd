"""visit_dates: visits dated where no visit could have happened.

Flags a visit dated before its household arrived (登记日期 / 入住日期), or after it left: only a
注销 / 迁出 / 死亡 date counts (`left_on`, with a status that is not 在册). A 纳入日期 (the
day a household joined a key group, e.g. became 低保 mid-year) is not an arrival date:
visits before it are ordinary visits, not fabrication.

Params:
- `min_rows`: flagged rows that make this check count towards the integrity veto (default 3).
- `grace_days`: days of tolerance around the arrival and leaving dates (default 7: a move is
  often registered some days after it happens; inferred).

A visit dated outside the audit period is out of scope, not a sign: an export taken after
the year end holds next year's first visits, one run from an earlier date last year's. Those
rows are not counted; one info note says how many were left out (「N 条记录在考核期外，未计入」).
There is no deterministic "now" in a byte-identical audit, so no date is judged "in the future".

Checked: the visits dated in the period. Defect: a flagged visit; each reason is its own finding.
Example: a household registered 2024-05-20 with a visit on 2024-05-02: flagged; one that
joined 低保 on 2024-05-20 (纳入日期) with the same visit: not flagged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import as_date, in_period, measurement
from cscaudit.audit.measures.households import Household, shared_roster
from cscaudit.audit.model import Measurement, Severity
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "visit_dates"
SUMMARY = t("走访日期落在不可能走访的时间（如登记入住前、注销迁出后）。", "visits dated where no visit could have happened.")
TABLES: tuple[str, ...] = ("roster", "visits")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_rows": {"type": "integer", "minimum": 1, "default": 3},
        "grace_days": {"type": "integer", "minimum": 0, "default": 7},
    },
}


def _left(household: Household) -> bool:
    """Whether the household's leaving date stands: a status of 在册 (active) contradicts it."""
    return household.status != "active"


class VisitDates:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.grace = dt.timedelta(days=int(spec.params["grace_days"]))
        self.roster, self.feeds = shared_roster(ctx)
        self.checked = 0
        self.outside = EvidenceCollector()
        self.before = EvidenceCollector()
        self.after = EvidenceCollector()

    def add(self, record: Record) -> None:
        if record.table == "roster":
            if self.feeds:
                self.roster.add(record)
            return
        day = as_date(record.values.get("visited_on"))
        if day is None:
            return
        if not in_period(day, self.ctx.period_start, self.ctx.period_end):
            self.outside.add(record, "household_id")
            return
        self.checked += 1
        h = self.roster.link(record)
        if h is not None and h.registered_on and day < h.registered_on - self.grace:
            self.before.add(record, "household_id")
        elif h is not None and _left(h) and h.left_on and day > h.left_on + self.grace:
            self.after.add(record, "household_id")

    def finish(self) -> Measurement:
        findings = [self.spec.finding(msg, ev) for msg, ev in (
            (t(f"{self.before.total} 条走访记录早于该户登记入住的日期",
               f"{self.before.total} visits dated before the household arrived"), self.before),
            (t(f"{self.after.total} 条走访记录晚于该户注销、迁出或死亡的日期",
               f"{self.after.total} visits dated after the household left the roster"), self.after),
        ) if ev.total]
        if self.outside.total:
            start, end = self.ctx.period_start, self.ctx.period_end
            findings.append(self.spec.finding(t(
                f"{self.outside.total} 条记录在考核期外（{start} 至 {end}），未计入",
                f"{self.outside.total} records fall outside the period ({start} to {end}) and were not counted"),
                self.outside, severity=Severity.INFO))
        flagged = self.before.total + self.after.total
        return measurement(self.checked, flagged, findings)


def start(spec: IndicatorSpec, ctx: AuditContext) -> VisitDates:
    return VisitDates(spec, ctx)
