"""Working-day ordinals (`cscaudit.facts.working_days`): the join table answers as the calendar does,
pair by pair: across year ends, on 调休 make-up days and holidays, and in years the
calendar does not cover (Monday to Friday there)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.config.calendar import load_calendar
from cscaudit.facts.working_days import ordinal_table, with_due_dates

D = dt.date
CAL = load_calendar()
# the covered years' edges, the years before and after them, and one far outside
SPANS = [(D(2018, 11, 1), D(2019, 2, 28)), (D(2023, 12, 1), D(2025, 2, 28)),
         (D(2026, 9, 1), D(2028, 3, 31)), (D(2031, 12, 15), D(2032, 1, 20))]
DAYS = st.sampled_from(SPANS).flatmap(lambda span: st.dates(*span))
# make-up days and holidays of the shipped years, so every run meets some
SPECIAL = st.sampled_from(sorted(CAL.workdays | CAL.holidays))
STARTS = st.one_of(DAYS, SPECIAL, st.none())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(STARTS, st.one_of(st.none(), st.integers(0, 45))), max_size=30))
def test_due_dates_are_the_calendars_add_working_days(
        pairs: list[tuple[dt.date | None, int | None]]) -> None:
    frame = pl.DataFrame({"start": [s for s, _ in pairs], "n": [n for _, n in pairs]},
                         schema={"start": pl.Date(), "n": pl.Int64()})
    dated = with_due_dates(frame, pl.col("start"), pl.col("n"), CAL, "due")
    expected = [None if s is None or n is None else CAL.add_working_days(s, n)
                for s, n in pairs]
    assert dated.columns == ["start", "n", "due"]
    assert dated["due"].to_list() == expected


@settings(max_examples=200, deadline=None)
@given(st.one_of(DAYS, SPECIAL), st.integers(0, 400), st.data())
def test_ordinal_differences_are_working_days_between(
        first: dt.date, length: int, data: st.DataObject) -> None:
    last = first + dt.timedelta(days=length)
    table = ordinal_table(CAL, first, last)
    assert table["_day"].to_list() == [first + dt.timedelta(days=i) for i in range(length + 1)]
    assert table["_working"].to_list() == [CAL.is_working_day(d) for d in table["_day"]]
    i, j = sorted(data.draw(st.integers(0, length)) for _ in range(2))
    start, end = table.row(i, named=True), table.row(j, named=True)
    assert end["_ordinal"] - start["_ordinal"] == CAL.working_days_between(start["_day"],
                                                                          end["_day"])


def test_the_national_day_and_the_year_end() -> None:
    frame = pl.DataFrame({"start": [D(2024, 9, 27), D(2024, 9, 30), D(2024, 12, 31),
                                    D(2024, 9, 29), D(2030, 10, 4)],
                          "n": [3, 1, 1, 0, 1]})
    dated = with_due_dates(frame, pl.col("start"), pl.col("n"), CAL, "due")
    # 9/29 is a make-up Sunday, 10/1-10/7 off, 2025-01-01 off, 2030 not covered
    assert dated["due"].to_list() == [D(2024, 10, 8), D(2024, 10, 8), D(2025, 1, 2),
                                      D(2024, 9, 29), D(2030, 10, 7)]


def test_no_dates_and_negative_days() -> None:
    empty = pl.DataFrame({"start": [None, D(2024, 3, 1)], "n": [2, None]},
                         schema={"start": pl.Date(), "n": pl.Int64()})
    assert with_due_dates(empty, pl.col("start"), pl.col("n"), CAL, "due")["due"].to_list() \
        == [None, None]
    negative = pl.DataFrame({"start": [D(2024, 3, 1)], "n": [-1]})
    with pytest.raises(ValueError, match="n must be >= 0"):
        with_due_dates(negative, pl.col("start"), pl.col("n"), CAL, "due")
