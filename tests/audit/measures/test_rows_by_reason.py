"""`columns.rows_by_reason` lists what a record-stream kind listed: scanning the rows in
order, a row is added to a reason's evidence once per condition of that name it meets, and
the names come in the order they are first met."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.facts.columns import rows_by_reason

NAMES = ["a", "b", "c"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.booleans()), min_size=4, max_size=4),
                max_size=8),
       st.lists(st.sampled_from(NAMES), min_size=1, max_size=4))
def test_rows_are_listed_reason_by_reason_as_the_stream_did(
        cells: list[list[bool | None]], names: list[str]) -> None:
    columns = [f"c{i}" for i in range(4)]
    frame = pl.DataFrame([pl.Series(c, [row[i] for row in cells], dtype=pl.Boolean())
                          for i, c in enumerate(columns)]).with_row_index("row")
    reasons = [(name, pl.col(columns[i])) for i, name in enumerate(names)]
    expected: dict[str, list[int]] = {}
    for row, values in enumerate(cells):
        for i, name in enumerate(names):
            if values[i]:
                expected.setdefault(name, []).append(row)
    got = [(name, rows["row"].to_list()) for name, rows in rows_by_reason(frame, reasons)]
    assert got == list(expected.items())
