"""An issue's state: each visit row's problem (发现问题/群众诉求), judged as `issue_closure`
says, once per audit for every consumer.

The rule: a visit row with something under `issue` and a visit date raises an issue, due
`max_days` calendar days after the visit. It is
- `handled`: closed (`closed_on`) by its deadline, or, not closed, escalated (a word of
  `words` in 处理情况 `action`);
- `late`: closed after its deadline, or neither closed nor escalated and its deadline came
  before the period's end;
- `pending`: neither closed nor escalated, its deadline not yet come;
- null: no issue raised, or no visit date.

The same rule for one record's values, `issue_state` in `tests/oracles/issues.py`, is the
specification the frame is held to, row by row (`tests/audit/measures/test_issue_states.py`).
"""

from __future__ import annotations

import polars as pl

from cscaudit.facts.columns import day, filled, mentions_any
from cscaudit.facts.frames import Tables
from cscaudit.results.context import AuditContext

FIELDS: tuple[str, ...] = ("visited_on", "issue", "closed_on", "action")


def issue_states(tables: Tables, ctx: AuditContext, max_days: int,
                 words: tuple[str, ...]) -> pl.DataFrame:
    """The visits, every row in frame order, with an `issue_state` column (null: no issue)."""
    visits = tables.frame("visits", "household_id", *FIELDS)  # the id issue_closure shows
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
    return visits.with_columns(state.alias("issue_state"))
