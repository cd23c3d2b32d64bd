"""case_timeliness: service-hall cases completed within their promised working days.

Working days follow the official holiday calendar (holidays off, make-up days on): a promise
of N working days counts from the first working day after the day of receipt, and a case is
on time when completed on or before the N-th working day.

Params:
- `default_days`: the promise when a case gives none (`promised_days` column), default 5.
- `skip_statuses`: statuses not judged (default `[rejected, returned]`: nothing to finish).
- `key_field`: the id shown with the evidence (default `case_id`).

Judged: cases received in the audit period. A completed case is on time or late. A case
not completed is late when its deadline passed before the period ended, and otherwise still
running: not judged. Cases without a receipt date, or completed before they were received,
are left to the completeness and integrity checks.
Defect: a late case. Rate: on time / judged. No case judged: not applicable.
Example: received Fri 2024-09-27 with 3 working days: Sun 9/29 (a make-up working day),
Mon 9/30, then Tue 10/8 after the National Day holiday: due 2024-10-08; completed
2024-10-09 is late.
"""

from __future__ import annotations

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
    codes,
    empty_table,
    in_period,
    measurement,
    missing_table,
    rate_of,
    table_absent,
)
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "case_timeliness"
SUMMARY = t("便民服务大厅的办件在承诺的工作日时限内办结。",
            "service-hall cases completed within their promised working days.")
TABLES: tuple[str, ...] = ("service_ledger",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "default_days": {"type": "integer", "minimum": 0, "default": 5},
        "skip_statuses": {"type": "array", "items": {"type": "string"},
                          "default": ["rejected", "returned"]},
        "key_field": {"type": "string", "default": "case_id"},
    },
}


def judge_case(v: dict[str, Any], ctx: AuditContext, default_days: int, skip: set[str]) -> str | None:
    """`on_time`, `late`, `overdue` (open past its deadline) or None (not judged)."""
    received = as_date(v.get("received_at"))
    if received is None or not in_period(received, ctx.period_start, ctx.period_end):
        return None
    if not skip.isdisjoint(codes(v.get("status"))):
        return None
    days = v.get("promised_days")
    n = days if isinstance(days, int) and not isinstance(days, bool) and days >= 0 else default_days
    completed = as_date(v.get("completed_at"))
    if completed is not None:
        if completed < received:
            return None
        return "on_time" if ctx.calendar.on_time(received, completed, n) else "late"
    if ctx.calendar.add_working_days(received, n) < ctx.period_end:
        return "overdue"
    return None


def shared_verdicts(ctx: AuditContext, default_days: int, skip: set[str]) -> LastRecord:
    """Where the verdict on the case in hand is kept for these parameters."""
    return last_record(ctx, "case_verdict", default_days, tuple(sorted(skip)))


class CaseTimeliness:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.default_days = int(p["default_days"])
        self.skip = set(p["skip_statuses"])
        self.key = str(p["key_field"])
        self.verdicts = shared_verdicts(ctx, self.default_days, self.skip)
        self.judged = 0
        self.late = EvidenceCollector()
        self.overdue = EvidenceCollector()

    def add(self, record: Record) -> None:
        verdict = judge_case(record.values, self.ctx, self.default_days, self.skip)
        self.verdicts.record, self.verdicts.value = record, verdict
        if verdict is None:
            return
        self.judged += 1
        if verdict == "late":
            self.late.add(record, self.key)
        elif verdict == "overdue":
            self.overdue.add(record, self.key)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, "service_ledger"):
            return missing_table("service_ledger")
        if self.judged == 0:
            return empty_table("service_ledger")
        findings = []
        if self.late.total:
            findings.append(self.spec.finding(t(
                f"{self.late.total} 件超过承诺时限（按工作日计）办结",
                f"{self.late.total} cases completed after their promised working days"), self.late))
        if self.overdue.total:
            findings.append(self.spec.finding(t(
                f"{self.overdue.total} 件已过承诺时限仍未办结",
                f"{self.overdue.total} cases past their deadline and still not completed"), self.overdue))
        defects = self.late.total + self.overdue.total
        return measurement(self.judged, defects, findings, rate=rate_of(self.judged - defects, self.judged))


def start(spec: IndicatorSpec, ctx: AuditContext) -> CaseTimeliness:
    return CaseTimeliness(spec, ctx)
