"""Working-day deadlines by lookups: the calendar's working-day ordinals as a table.

`ordinal_table(calendar, first, last)` numbers the working days from `first` to `last`: each
day's `_ordinal` is the count of working days from `first` up to and including it, so the
working days after a day `d` up to and including a later day `e` are
`ordinal(e) - ordinal(d)`, and the N-th working day after `d` is the working day whose ordinal
is `ordinal(d) + N`. Which days work is the calendar's own answer (`is_working_day`: holidays
off, 调休 make-up days on, Monday to Friday in the years it does not cover), asked once per
day of the span.

`with_due_dates` gives a frame its deadlines by two lookups in that table (a start's ordinal
at its offset from the first day, the working day of the target ordinal at its place among
the working days), the calendar's `add_working_days` asked once (for the span's end), not
once per (start, days) pair.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

import polars as pl

DAY, WORKING, ORDINAL = "_day", "_working", "_ordinal"
_START, _DAYS = "_due_start", "_due_days"


class WorkingDays(Protocol):
    """What is asked of the calendar (`cscaudit.config.calendar.WorkCalendar`)."""

    def is_working_day(self, day: dt.date) -> bool: ...

    def add_working_days(self, received: dt.date, n: int) -> dt.date: ...


def ordinal_table(calendar: WorkingDays, first: dt.date, last: dt.date) -> pl.DataFrame:
    """One row per day from `first` to `last` (none when `last` is earlier): `_day`,
    `_working` (the calendar's answer) and `_ordinal`, the working days from `first` up to
    and including `_day`."""
    span = max((last - first).days + 1, 0)
    days = [first + dt.timedelta(days=i) for i in range(span)]
    working = pl.Series(WORKING, [calendar.is_working_day(d) for d in days], dtype=pl.Boolean())
    return pl.DataFrame([pl.Series(DAY, days, dtype=pl.Date()), working,
                         working.cast(pl.Int64()).cum_sum().alias(ORDINAL)])


def with_due_dates(frame: pl.DataFrame, start: pl.Expr, days: pl.Expr, calendar: WorkingDays,
                   alias: str) -> pl.DataFrame:
    """`frame` with a column `alias`: the `days`-th working day after `start`, as
    `calendar.add_working_days` says (the start day itself never counts; 0 days: the start
    day), null where either is null. Rows stay in frame order."""
    keyed = frame.with_columns(start.alias(_START), days.cast(pl.Int64()).alias(_DAYS))
    pairs = keyed.select(_START, _DAYS).drop_nulls()
    if pairs.height == 0:
        return keyed.drop(_START, _DAYS).with_columns(pl.lit(None, pl.Date()).alias(alias))
    bounds = pairs.select(pl.col(_START).min().alias("first"), pl.col(_START).max().alias("last"),
                          pl.col(_DAYS).min().alias("fewest"), pl.col(_DAYS).max().alias("most"))
    first, last_start, fewest, most = bounds.row(0)
    if fewest < 0:
        raise ValueError("n must be >= 0")
    # every deadline asked for falls on or before the latest start's longest one
    table = ordinal_table(calendar, first, calendar.add_working_days(last_start, most))
    # the table holds one row per day from `first`: a start's ordinal is at its offset; the
    # working days' ordinals are 1, 2, 3...: the one numbered `target` is at `target - 1`
    ordinals = table.get_column(ORDINAL)
    working = table.filter(pl.col(WORKING)).get_column(DAY)
    # (a start without days may lie outside the table: its offset is not taken)
    offset = pl.when(pl.col(_DAYS).is_not_null()).then((pl.col(_START) - first).dt.total_days())
    target = pl.lit(ordinals).gather(offset) + pl.col(_DAYS)
    index = pl.when((target >= 1) & (target <= working.len())).then(target - 1)
    reached = pl.lit(working).gather(index) if working.len() else pl.lit(None, pl.Date())
    due = pl.when(pl.col(_DAYS) == 0).then(pl.col(_START)).otherwise(reached)
    return keyed.with_columns(due.alias(alias)).drop(_START, _DAYS)
