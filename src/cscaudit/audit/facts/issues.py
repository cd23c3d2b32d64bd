"""An issue's state: each visit row's problem (发现问题/群众诉求), judged as `issue_closure`
says, once per audit for every consumer.

`issue_states` is the column-wise reading of `issue_closure.issue_state` (the one-row rule
the worker card still applies on the record stream): `handled` (closed by its deadline, or
escalated by a word of `words` in 处理情况), `late` (closed after it, or open past it at the
end of the period), `pending` (open, not yet due), null where the row raises no issue or has
no visit date.
"""

from __future__ import annotations

import polars as pl

from cscaudit.audit.frames import Tables
from cscaudit.audit.measures.base import AuditContext
from cscaudit.audit.measures.columns import day, filled, mentions_any

FIELDS = ("visited_on", "issue", "closed_on", "action")


def issue_states(tables: Tables, ctx: AuditContext, max_days: int,
                 words: tuple[str, ...]) -> pl.Series:
    """`_issue_state` of every visit row, in visit frame order, for these parameters."""
    visits = tables.frame("visits", *FIELDS)
    raised = day(visits, "visited_on")
    due = raised + pl.duration(days=max_days)
    closed = day(visits, "closed_on")
    state = (
        pl.when(~filled(visits, "issue") | raised.is_null()).then(pl.lit(None, dtype=pl.Utf8()))
        .when(closed.is_not_null())
        .then(pl.when(closed <= due).then(pl.lit("handled")).otherwise(pl.lit("late")))
        .when(mentions_any(visits, "action", words)).then(pl.lit("handled"))
        .when(due < ctx.period_end).then(pl.lit("late"))
        .otherwise(pl.lit("pending")))
    return visits.select(state.alias("_issue_state")).to_series()
