"""Properties of the visit-frequency periods: they tile the audit period, and every day falls
in the period that contains it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cscaudit.rules.periods import FREQUENCIES, Calendarised

years = st.integers(min_value=2019, max_value=2030)


@given(year=years, frequency=st.sampled_from(FREQUENCIES))
def test_periods_tile_the_year(year: int, frequency: str) -> None:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cal = Calendarised(frequency, start, end)
    assert cal.periods[0].first == start and cal.periods[-1].last == end
    for before, after in zip(cal.periods, cal.periods[1:], strict=False):
        assert after.first == before.last + dt.timedelta(days=1)
    for p in cal.periods:
        assert (p.last - p.first).days + 1 <= p.full_days


@given(year=years, frequency=st.sampled_from(FREQUENCIES), offset=st.integers(min_value=0, max_value=365))
def test_every_day_falls_in_its_period(year: int, frequency: str, offset: int) -> None:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    day = min(end, start + dt.timedelta(days=offset))
    cal = Calendarised(frequency, start, end)
    index = cal.index_of(day)
    assert index is not None
    assert cal.periods[index].first <= day <= cal.periods[index].last
    assert cal.index_of(end + dt.timedelta(days=1)) is None


@given(year=years, frequency=st.sampled_from(FREQUENCIES))
def test_a_household_there_all_year_owes_every_whole_period(year: int, frequency: str) -> None:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cal = Calendarised(frequency, start, end)
    due = cal.required((start, end))
    whole = [p.index for p in cal.periods if 2 * ((p.last - p.first).days + 1) >= p.full_days]
    assert due == whole
    assert len(due) in {"weekly": (51, 52, 53), "monthly": (12,), "quarterly": (4,), "semiannual": (2,),
                        "annual": (1,)}[frequency]
    assert cal.required(None) == []
