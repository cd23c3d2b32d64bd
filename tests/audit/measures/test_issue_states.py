"""The issue-state fact says of every visit row what `issue_state` (the rule the worker card
applies row by row) says of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
from cscaudit.facts.issues import issue_states
from cscaudit.ingest.dictionary import load_dictionary
from cscaudit.results.context import AuditContext
from tests.audit.measures.fakes import FakeCalendar, fake_center, fake_standard
from tests.audit.measures.test_cases import records_of
from tests.oracles.issues import issue_state

END = dt.date(2024, 12, 31)
days = st.one_of(st.none(), st.dates(dt.date(2023, 11, 1), dt.date(2025, 2, 1)))
texts = st.one_of(st.none(), st.sampled_from(["", " ", "无", "/", "漏水", "楼道灯损坏 "]))
actions = st.one_of(st.none(), st.sampled_from(["", "已上报街道", "转交物业", "正在协调", "移交物业"]))
rows = st.lists(st.fixed_dictionaries(
    {"household_id": st.just("H1")},
    optional={"visited_on": days, "issue": texts, "closed_on": days, "action": actions}),
    max_size=12)
word_lists = st.lists(st.sampled_from(["上报", "转交", "移交物业", "", "协调"]), max_size=3)


def _ctx() -> AuditContext:
    return AuditContext(center=fake_center(None), standard=fake_standard(None), year=2024,
                        period_start=dt.date(2024, 1, 1), period_end=END,
                        calendar=FakeCalendar(), tables_present=frozenset({"visits"}))


@settings(max_examples=150, deadline=None)
@given(rows, st.integers(0, 40), word_lists)
def test_the_fact_is_the_one_row_rule_on_every_row(visits: list[dict[str, Any]], max_days: int,
                                                    words: list[str]) -> None:
    dtypes = field_dtypes(load_dictionary())
    builder = FrameBuilder("visits", dtypes["visits"])
    records = records_of({"visits": visits})
    for record in records:
        builder.add(record)
    tables = build_tables([builder], dtypes)
    got = issue_states(tables, _ctx(), max_days, tuple(words))["issue_state"].to_list()
    assert got == [issue_state(dict(r.values), max_days, tuple(words), END) for r in records]
