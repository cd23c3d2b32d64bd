"""The case verdict, one record's values at a time: the rule `facts/cases.case_verdicts`
computes for the whole service ledger, held to it by `tests/audit/test_case_verdicts.py`."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from cscaudit.measures.common import as_date, codes
from cscaudit.measures.common import in_period as day_in_period
from cscaudit.results.context import AuditContext


def judge_case(v: Mapping[str, Any], ctx: AuditContext, default_days: int,
               skip: Collection[str]) -> str | None:
    """`on_time`, `late`, `overdue` (open past its deadline) or None (not judged)."""
    received = as_date(v.get("received_at"))
    if received is None or not day_in_period(received, ctx.period_start, ctx.period_end):
        return None
    if not set(skip).isdisjoint(codes(v.get("status"))):
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
