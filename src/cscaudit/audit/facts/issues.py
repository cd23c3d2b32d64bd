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

`issue_state` says the same of one record's values: a test holds the frame to its answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import polars as pl

from cscaudit.audit.frames import Tables
from cscaudit.audit.measures.base import AuditContext
from cscaudit.audit.measures.columns import day, filled, mentions_any
from cscaudit.audit.measures.common import as_date
from cscaudit.audit.measures.common import filled as cell_filled

FIELDS: tuple[str, ...] = ("visited_on", "issue", "closed_on", "action")


def issue_state(v: Mapping[str, Any], max_days: int, words: tuple[str, ...],
                end: dt.date) -> str | None:
    """`handled`, `late`, `pending` (not yet due) or None when the row raises no issue."""
    raised = as_date(v.get("visited_on"))
    if not cell_filled(v.get("issue")) or raised is None:
        return None
    due = raised + dt.timedelta(days=max_days)
    closed = as_date(v.get("closed_on"))
    action = str(v.get("action") or "")
    if closed is not None:
        return "handled" if closed <= due else "late"
    if any(w in action for w in words):
        return "handled"
    return "late" if due < end else "pending"


def issue_states(tables: Tables, ctx: AuditContext, max_days: int,
                 words: tuple[str, ...]) -> pl.DataFrame:
    """The visits, every row in frame order, with an `issue_state` column (null: no issue)."""
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
    return visits.with_columns(state.alias("issue_state"))
