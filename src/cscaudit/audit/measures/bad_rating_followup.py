"""bad_rating_followup: every bad rating (差评) is revisited and rectified in time.

A bad rating is 不满意 or 非常不满意 (codes `dissatisfied`, `very_dissatisfied`). The
resident must be revisited within `revisit_days` calendar days of the case's completion
(else its receipt), and, when the table records it, the problem rectified within
`rectify_days`.

Params:
- `table`: the table holding ratings (default `service_ledger`; `complaints` works too).
- `bad`: the rating codes that count as 差评.
- `revisit_field` (default `revisited_at`), `revisit_days` (default 1).
- `rectify_field` (default none: not checked), `rectify_days` (default 15).
- `date_fields`: the date a rating refers to, first filled wins
  (default `[completed_at, received_at]`).
- `key_field`: the id shown with the evidence (default `case_id`).

Defect: a bad rating not revisited, revisited late, or not rectified in time. Checked: the
bad ratings in the period. No bad rating at all: not applicable (nothing to follow up).
Example: completed 2024-05-06, rated 不满意, revisited 2024-05-09: late by 2 days: 1 defect.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    as_date,
    codes,
    in_period,
    measurement,
    missing_table,
    not_applicable,
    table_absent,
)
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "bad_rating_followup"
TABLES: tuple[str, ...] = ("service_ledger", "complaints")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "table": {"enum": ["service_ledger", "complaints"], "default": "service_ledger"},
        "bad": {"type": "array", "items": {"type": "string"},
                "default": ["dissatisfied", "very_dissatisfied"]},
        "rating_field": {"type": "string", "default": "rating"},
        "revisit_field": {"type": "string", "default": "revisited_at"},
        "revisit_days": {"type": "integer", "minimum": 0, "default": 1},
        "rectify_field": {"type": ["string", "null"], "default": None},
        "rectify_days": {"type": "integer", "minimum": 0, "default": 15},
        "date_fields": {"type": "array", "items": {"type": "string"},
                        "default": ["completed_at", "received_at"]},
        "key_field": {"type": "string", "default": "case_id"},
    },
}


class BadRatingFollowup:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.table = str(p.get("table", "service_ledger"))
        self.tables: tuple[str, ...] = (self.table,)
        self.bad = set(p.get("bad", ["dissatisfied", "very_dissatisfied"]))
        self.rating_field = str(p.get("rating_field", "rating"))
        self.revisit_field = str(p.get("revisit_field", "revisited_at"))
        self.revisit_days = dt.timedelta(days=int(p.get("revisit_days", 1)))
        self.rectify_field = p.get("rectify_field")
        self.rectify_days = dt.timedelta(days=int(p.get("rectify_days", 15)))
        self.date_fields = list(p.get("date_fields", ["completed_at", "received_at"]))
        self.key = str(p.get("key_field", "case_id"))
        self.checked = 0
        self.no_revisit = EvidenceCollector()
        self.late_revisit = EvidenceCollector()
        self.not_rectified = EvidenceCollector()

    def add(self, record: Record) -> None:
        v = record.values
        if record.table != self.table or not self.bad & set(codes(v.get(self.rating_field))):
            return
        base = next((d for d in (as_date(v.get(f)) for f in self.date_fields) if d), None)
        if base is not None and not in_period(base, self.ctx.period_start, self.ctx.period_end):
            return
        self.checked += 1
        revisited = as_date(v.get(self.revisit_field))
        if revisited is None:
            self.no_revisit.add(record, self.key)
        elif base is not None and revisited > base + self.revisit_days:
            self.late_revisit.add(record, self.key)
        elif self.rectify_field:
            rectified = as_date(v.get(str(self.rectify_field)))
            if rectified is None or (base is not None and rectified > base + self.rectify_days):
                self.not_rectified.add(record, self.key)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, self.table):
            return missing_table(self.table)
        if self.checked == 0:
            return not_applicable(t("考核期内没有差评", "no bad ratings in the period"))
        days, fix = self.revisit_days.days, self.rectify_days.days
        findings = [self.spec.finding(msg, ev) for msg, ev in (
            (t(f"{self.no_revisit.total} 件差评没有回访记录", f"{self.no_revisit.total} bad ratings never revisited"),
             self.no_revisit),
            (t(f"{self.late_revisit.total} 件差评未在 {days} 日内回访",
               f"{self.late_revisit.total} bad ratings not revisited within {days} days"), self.late_revisit),
            (t(f"{self.not_rectified.total} 件差评未在 {fix} 日内整改",
               f"{self.not_rectified.total} bad ratings not rectified within {fix} days"), self.not_rectified),
        ) if ev.total]
        defects = self.no_revisit.total + self.late_revisit.total + self.not_rectified.total
        return measurement(self.checked, defects, findings,
                           measured=t(f"差评 {self.checked} 件，未按时跟进 {defects} 件",
                                      f"{self.checked} bad ratings, {defects} not followed up in time"))


def start(spec: IndicatorSpec, ctx: AuditContext) -> BadRatingFollowup:
    return BadRatingFollowup(spec, ctx)
