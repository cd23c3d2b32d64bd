"""Calendar periods for visit frequencies: ISO weeks, months, quarters, half-years, years.

Periods lie on calendar boundaries (weeks start on Monday) and are clipped to the audit
period; each keeps its full length so that a clipped stub (the two days of a week that
straddles New Year) can be told apart from a whole period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

UNITS: dict[str, int] = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}
FREQUENCIES = ("weekly", *UNITS)
PER_YEAR = {"weekly": 52, "monthly": 12, "quarterly": 4, "semiannual": 2, "annual": 1}
NONE = "none"  # no frequency: the household is not judged


def strictest(groups: tuple[str, ...], freq_of: Mapping[str, str], default: str) -> str:
    """The frequency a household in `groups` follows: its groups' most frequent (no group:
    `general`); `NONE` when none of its groups has one."""
    found = [f for f in (freq_of.get(g, default) for g in groups or ("general",)) if f != NONE]
    return max(found, key=lambda f: PER_YEAR[f]) if found else NONE


@dataclass(frozen=True, slots=True)
class Period:
    index: int
    first: dt.date  # clipped to the audit period
    last: dt.date
    full_days: int  # length of the whole calendar period


def _month_start(year: int, month0: int) -> dt.date:
    return dt.date(year + month0 // 12, month0 % 12 + 1, 1)


class Calendarised:
    """The periods of one frequency over [start, end], and the period a date falls in."""

    def __init__(self, frequency: str, start: dt.date, end: dt.date) -> None:
        if frequency not in FREQUENCIES:
            raise ValueError(frequency)
        self.frequency, self.start, self.end = frequency, start, end
        self.periods: list[Period] = []
        if frequency == "weekly":
            self._origin = start - dt.timedelta(days=start.weekday())
            first = self._origin
            while first <= end:
                last = first + dt.timedelta(days=6)
                self._append(first, last)
                first = last + dt.timedelta(days=1)
        else:
            step = UNITS[frequency]
            self._month0 = start.year * 12 + (start.month - 1) // step * step
            m = self._month0
            while _month_start(0, m) <= end:
                self._append(_month_start(0, m), _month_start(0, m + step) - dt.timedelta(days=1))
                m += step

    def _append(self, first: dt.date, last: dt.date) -> None:
        full = (last - first).days + 1
        self.periods.append(Period(len(self.periods), max(first, self.start), min(last, self.end), full))

    def index_of(self, day: dt.date) -> int | None:
        if not self.start <= day <= self.end:
            return None
        if self.frequency == "weekly":
            return (day - self._origin).days // 7
        return (day.year * 12 + day.month - 1 - self._month0) // UNITS[self.frequency]

    def required(self, span: tuple[dt.date, dt.date] | None) -> list[int]:
        """Periods in which a household on the roster over `span` must be visited: those it
        was on the roster for at least half of the whole period's days."""
        if span is None:
            return []
        lo, hi = span
        out = []
        for p in self.periods:
            days = (min(hi, p.last) - max(lo, p.first)).days + 1
            if days > 0 and 2 * days >= p.full_days:
                out.append(p.index)
        return out
