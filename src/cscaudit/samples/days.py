"""The days of one year as the generator sees them: working days and seasonal weights.

Working days come from the official holiday calendar (`cscaudit.config.calendar`) when it
covers the year, otherwise Monday to Friday. Seasonal pattern, derived from the calendar
itself rather than from fixed dates: no work on holidays, more work in the week before a
long break (three days or more), less in the week after the longest winter break (春节).
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache


def _weekdays(d: dt.date) -> bool:
    return d.weekday() < 5


def _working_day_predicate(year: int) -> Callable[[dt.date], bool]:
    """The official calendar's working-day test for `year`, or Monday to Friday."""
    try:
        from cscaudit.config.calendar import load_calendar

        calendar = load_calendar()
        if year not in calendar.covered_years:
            return _weekdays
        predicate: Callable[[dt.date], bool] = calendar.is_working_day
        predicate(dt.date(year, 1, 1))
        return predicate
    except Exception:  # no usable calendar: generate on weekdays
        return _weekdays


@dataclass(frozen=True, slots=True)
class YearDays:
    """Working days of a year with a weight per day for picking activity dates."""

    year: int
    working: tuple[dt.date, ...]
    weights: tuple[float, ...]  # one per working day
    cumulative: tuple[float, ...]

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    def pick(self, rng: random.Random, start: dt.date | None = None,
             end: dt.date | None = None) -> dt.date:
        """A working day in [start, end] drawn with the seasonal weights."""
        lo = 0 if start is None else bisect.bisect_left(self.working, start)
        hi = len(self.working) if end is None else bisect.bisect_right(self.working, end)
        if hi <= lo:
            return start or self.first
        base = self.cumulative[lo - 1] if lo else 0.0
        x = base + rng.random() * (self.cumulative[hi - 1] - base)
        i = bisect.bisect_left(self.cumulative, x, lo, hi)
        return self.working[min(i, hi - 1)]

    def is_working(self, day: dt.date) -> bool:
        i = bisect.bisect_left(self.working, day)
        return i < len(self.working) and self.working[i] == day

    def next_working(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (receipt day not counted)."""
        i = bisect.bisect_right(self.working, day) + n - 1
        if i < len(self.working):
            return self.working[i]
        return day + dt.timedelta(days=n * 7 // 5 + 1)


def _breaks(days: list[dt.date], working: set[dt.date]) -> list[tuple[dt.date, dt.date]]:
    runs: list[tuple[dt.date, dt.date]] = []
    start: dt.date | None = None
    for d in days:
        if d not in working:
            start = start or d
        elif start is not None:
            runs.append((start, d - dt.timedelta(days=1)))
            start = None
    if start is not None:
        runs.append((start, days[-1]))
    return [(a, b) for a, b in runs if (b - a).days >= 2]


@cache
def year_days(year: int) -> YearDays:
    is_working = _working_day_predicate(year)
    days = [dt.date(year, 1, 1) + dt.timedelta(days=i)
            for i in range((dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days)]
    working = [d for d in days if is_working(d)]
    working_set = set(working)
    breaks = _breaks(days, working_set)
    winter = [b for b in breaks if b[0].month <= 3]
    spring_festival = max(winter, key=lambda b: (b[1] - b[0]).days, default=None)
    weights: list[float] = []
    for d in working:
        w = 1.0
        if any(0 < (a - d).days <= 7 for a, _ in breaks):
            w = 1.5
        if spring_festival and 0 < (d - spring_festival[1]).days <= 7:
            w = 0.4
        if spring_festival and 0 < (spring_festival[0] - d).days <= 3:
            w = 0.6
        weights.append(w)
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return YearDays(year, tuple(working), tuple(weights), tuple(cumulative))
