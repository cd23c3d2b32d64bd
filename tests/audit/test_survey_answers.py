"""The survey answer fact (audit/facts/surveys.py): the frame's levels are `answer_levels`'s."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
from cscaudit.facts.surveys import survey_answers
from cscaudit.ingest.dictionary import load_dictionary
from cscaudit.ingest.model import Record, SourceRef
from cscaudit.results.context import AuditContext
from tests.audit.measures.fakes import FakeCalendar, fake_center, fake_standard
from tests.oracles.surveys import answer_levels

DTYPES = field_dtypes(load_dictionary())
CTX = AuditContext(center=fake_center(None), standard=fake_standard(None), year=2024,
                   period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                   calendar=FakeCalendar(), tables_present=frozenset({"surveys"}))
LEVEL = st.sampled_from(["very_satisfied", "satisfied", "fairly_satisfied", "dissatisfied", ""])
ROW = st.fixed_dictionaries({}, optional={
    "surveyed_on": st.one_of(st.none(), st.dates(dt.date(2023, 12, 1), dt.date(2025, 1, 31))),
    "overall": st.one_of(st.none(), LEVEL),  # an enum column: one level
    "items": st.one_of(st.none(), st.lists(LEVEL, max_size=3).map(tuple)),  # a list column
    "knows_worker": st.one_of(st.none(), st.booleans()),  # a bool column read as codes
})


def _levels(rows: list[dict[str, Any]], field: str) -> list[set[str]]:
    builder = FrameBuilder("surveys", DTYPES["surveys"])
    for i, values in enumerate(rows, start=2):
        builder.add(Record("surveys", SourceRef("surveys.csv"), i, values))
    frame = survey_answers(build_tables([builder], DTYPES), CTX, "surveys", field, "surveyed_on")
    assert frame["_row"].to_list() == list(range(2, len(rows) + 2))
    return [set(levels) for levels in frame["levels"].to_list()]


@settings(max_examples=150, deadline=None)
@given(st.lists(ROW, max_size=20), st.sampled_from(["overall", "items", "knows_worker"]))
def test_the_frame_reads_every_answer_as_answer_levels_does(rows: list[dict[str, Any]],
                                                             field: str) -> None:
    expected = [answer_levels(Record("surveys", SourceRef("surveys.csv"), i, values), field,
                              "surveyed_on", CTX) for i, values in enumerate(rows, start=2)]
    assert _levels(rows, field) == expected


def test_a_row_of_another_year_gives_no_levels_and_an_undated_one_counts() -> None:
    rows: list[dict[str, Any]] = [
        {"surveyed_on": dt.date(2023, 12, 31), "overall": "dissatisfied"},
        {"overall": "satisfied"},
        {"surveyed_on": dt.date(2024, 6, 1), "items": ("satisfied", "dissatisfied")},
    ]
    assert _levels(rows, "overall") == [set(), {"satisfied"}, set()]
    assert _levels(rows, "items") == [set(), set(), {"satisfied", "dissatisfied"}]
