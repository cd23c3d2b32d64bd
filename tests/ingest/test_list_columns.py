"""List-of-text columns (`frame_types.typed_series`) are built from one flat column of items:
the same column, name and dtype polars makes of the Python lists, null rows and empty lists
kept apart, in row order; anything else goes to polars as before."""

from __future__ import annotations

from typing import Any

import polars as pl
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cscaudit.ingest.frame_types import _joined_lists, _lists_of_text, list_of_text, typed_series

TEXT = st.one_of(st.none(), st.text(max_size=4), st.sampled_from(["听取意见", "", " "]))
LISTS = st.one_of(st.none(), st.lists(TEXT, max_size=5), st.lists(TEXT, max_size=5).map(tuple))
ODD = st.one_of(st.integers(), st.text(max_size=3), st.lists(st.one_of(st.integers(), TEXT),
                                                              max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.lists(LISTS, max_size=40))
def test_the_flat_build_is_polars_own(values: list[Any]) -> None:
    built = _lists_of_text("content", values)
    expected = pl.Series("content", values, dtype=list_of_text(), strict=True)
    assert built is not None
    assert built.name == "content" and built.dtype == list_of_text()
    assert built.to_list() == expected.to_list()
    assert built.null_count() == sum(v is None for v in values)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LISTS, ODD), max_size=12))
def test_typed_series_answers_as_polars_where_polars_takes_the_values(values: list[Any]) -> None:
    try:
        expected: list[Any] | None = pl.Series("tags", values, dtype=list_of_text(),
                                               strict=True).to_list()
    except (TypeError, ValueError, OverflowError, pl.exceptions.PolarsError):
        expected = None  # the coercing path, unchanged
    assume(expected is not None)
    assert typed_series("tags", values, list_of_text()).to_list() == expected


def test_what_is_not_lists_of_text_is_left_to_polars() -> None:
    assert _lists_of_text("t", [("a",), "ab"]) is None
    assert _lists_of_text("t", [("a", 1)]) is None
    assert typed_series("t", [("a", 1), None], list_of_text()).to_list() == [["a", "1"], None]
    kept = _lists_of_text("t", [(), None, ("x", None)])
    assert kept is not None and kept.to_list() == [[], None, ["x", None]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.lists(st.text(max_size=4), max_size=5).map(tuple)),
                max_size=40))
def test_lists_of_text_items_joined_and_split_are_polars_own(values: list[Any]) -> None:
    built = _joined_lists("content", values)
    assume(built is not None)  # an item holding the separator goes the flat way
    expected = pl.Series("content", values, dtype=list_of_text(), strict=True)
    assert built.name == "content" and built.dtype == list_of_text()
    assert built.to_list() == expected.to_list()


def test_items_that_cannot_be_joined_go_the_flat_way() -> None:
    assert _joined_lists("t", [("a", None)]) is None
    assert _joined_lists("t", [("a\x1fb",)]) is None
    built = _lists_of_text("t", [("a\x1fb", ""), (), None])
    assert built is not None and built.to_list() == [["a\x1fb", ""], [], None]
