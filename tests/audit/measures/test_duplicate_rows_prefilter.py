"""duplicate_rows in a big frame, where the rows whose hash of the columns that hash exactly
(no list, no float) repeats another's are found first: the same repeats as comparing every
row whole, row by row."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.measures.integrity import duplicate_rows

Row = tuple[str, str | None, str | None, int | None, list[str] | None, float | None,
            dt.date | None]
_ROW = st.tuples(st.sampled_from(["a.csv", "b.csv"]), st.sampled_from([None, "走访"]),
                 st.sampled_from([None, "H1", "H2"]), st.sampled_from([None, 1, 2]),
                 st.one_of(st.none(), st.lists(st.sampled_from(["x", "y"]), max_size=2)),
                 st.sampled_from([None, 1.5, 2.0]),
                 st.sampled_from([None, dt.date(2024, 3, 1), dt.date(2024, 3, 2)]))


def _one_by_one(rows: list[Row]) -> list[tuple[str, str | None, int, int]]:
    """(file, sheet, row, first) of each row equal to an earlier one of its export."""
    seen: dict[tuple[object, ...], int] = {}
    found: list[tuple[str, str | None, int, int]] = []
    for number, (file, sheet, household, n, tags, amount, on) in enumerate(rows, start=2):
        key = (file, sheet, household, n, None if tags is None else tuple(tags), amount, on)
        if key in seen:
            found.append((file, sheet, number, seen[key]))
        else:
            seen[key] = number
    return found


@settings(max_examples=200, deadline=None)
@given(st.lists(_ROW, max_size=30), st.booleans())
def test_prefiltered_repeats_equal_the_whole_comparison(rows: list[Row],
                                                        prefilter: bool) -> None:
    frame = pl.DataFrame(
        [(file, sheet, number, household, n, tags, amount, on)
         for number, (file, sheet, household, n, tags, amount, on) in enumerate(rows, start=2)],
        schema={"_file": pl.Utf8(), "_sheet": pl.Utf8(), "_row": pl.Int64(),
                "household_id": pl.Utf8(), "n": pl.Int64(), "content": pl.List(pl.Utf8()),
                "amount": pl.Float64(), "on": pl.Date()},
        orient="row")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicate_rows, "PREFILTER_ROWS", 0 if prefilter else 10**9)
        found = duplicate_rows.repeats(frame)
    assert found.columns == ["_file", "_sheet", "_row", "_first"]
    assert list(found.iter_rows()) == _one_by_one(rows)
