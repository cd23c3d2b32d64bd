"""The verdict on each service-hall case: on time, late, overdue, or not judged.

Read by `case_timeliness` and by the worker card. The rule, from the
kind's docstring: a case received in the period, not in a skipped status, with a promise of
`promised_days` working days (the default when it gives none or a negative one), is
- `on_time` / `late`: completed on or before / after the promise's last working day;
- `overdue`: not completed, and that day came before the period's end;
- not judged (null): not completed and still running, completed before it was received,
  received outside the period or never, or skipped.

The same rule for one record's values, `judge_case` in `tests/oracles/cases.py`, is the
specification the frame is held to, row by row (`tests/audit/test_case_verdicts.py`).
"""

from __future__ import annotations

import polars as pl

from cscaudit.facts.columns import day, has_code, in_period
from cscaudit.facts.frames import Tables
from cscaudit.facts.working_days import with_due_dates
from cscaudit.results.context import AuditContext

VERDICTS: tuple[str, ...] = ("on_time", "late", "overdue")
FIELDS: tuple[str, ...] = ("received_at", "completed_at", "promised_days", "status")


def case_verdicts(tables: Tables, ctx: AuditContext, default_days: int,
                  skip: tuple[str, ...]) -> pl.DataFrame:
    """The service ledger, every row in frame order, with a `verdict` column (null: not
    judged). Deadlines come from the calendar's working-day ordinals by joins
    (`facts.working_days`), not from one question per case."""
    ledger = tables.frame("service_ledger", *FIELDS)
    promised = pl.col("promised_days")
    days = promised if ledger.schema["promised_days"] == pl.Int64() else pl.lit(None, pl.Int64())
    candidate = in_period(ledger, "received_at", ctx.period_start, ctx.period_end) \
        & ~has_code(ledger, "status", skip)
    received = pl.when(candidate).then(day(ledger, "received_at"))
    promise = pl.when(days >= 0).then(days).otherwise(pl.lit(default_days, pl.Int64()))
    dated = with_due_dates(ledger, received, promise, ctx.calendar, "_due")
    completed, due = day(dated, "completed_at"), pl.col("_due")
    verdict = (
        pl.when(~candidate).then(None)
        .when(completed.is_not_null() & (completed < day(dated, "received_at"))).then(None)
        .when(completed.is_not_null() & (completed <= due)).then(pl.lit("on_time"))
        .when(completed.is_not_null()).then(pl.lit("late"))
        .when(due < ctx.period_end).then(pl.lit("overdue"))
        .otherwise(None)
    )
    return dated.with_columns(verdict.alias("verdict")).drop("_due")
