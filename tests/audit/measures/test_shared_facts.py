"""Facts computed once and shared between kinds must be the facts each would compute alone."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscaudit.audit.measures.base import AuditContext, last_record
from cscaudit.audit.measures.integrity.pasted_content import normalise
from cscaudit.audit.measures.registry import get as get_kind
from cscaudit.audit.workers import WorkerCardAccumulator
from tests.audit.measures.fakes import FakeCalendar, fake_center, fake_standard
from tests.audit.measures.test_cases import records_of
from tests.audit.measures.test_workers import RECORDS, _spec

D = dt.date


@given(st.text(max_size=200))
def test_normalise_drops_exactly_what_is_not_a_letter_or_digit(text: str) -> None:
    assert normalise(text) == re.sub(r"[\W_]+", "", text)


def _ctx() -> AuditContext:
    return AuditContext(center=fake_center(None), standard=fake_standard(
        {"general_content": ["policy_publicity"], "group_content": {"elderly": ["health_status"]}}),
        year=2024, period_start=D(2024, 1, 1), period_end=D(2024, 12, 31), calendar=FakeCalendar(),
        tables_present=frozenset(RECORDS))


def _cards(with_kinds: tuple[str, ...]) -> tuple[Any, ...]:
    """Worker cards with the given kinds fed each record first, as the engine orders them."""
    ctx = _ctx()
    kinds = [get_kind(kind).start(_spec(kind, {}), ctx) for kind in with_kinds]
    card = WorkerCardAccumulator(ctx, None)
    for record in records_of(RECORDS):
        for acc in kinds:
            if record.table in get_kind(type_kind(acc)).TABLES:
                acc.add(record)
        if record.table in card.TABLES:
            card.add(record)
    for acc in kinds:
        acc.finish()
    return card.finish()


def type_kind(acc: object) -> str:
    return {"VisitContent": "visit_content"}[type(acc).__name__]


@pytest.mark.parametrize("kinds", [
    ("visit_content",),
])
def test_worker_cards_are_the_same_whichever_kinds_share_their_facts(kinds: tuple[str, ...]) -> None:
    alone = _cards(())
    assert alone  # the records give cards to compare
    assert _cards(kinds) == alone


def test_a_shared_fact_counts_only_for_the_record_it_was_computed_on() -> None:
    ctx = _ctx()
    memo = last_record(ctx, "case_verdict", 5, ("rejected", "returned"))
    assert last_record(ctx, "case_verdict", 5, ("rejected", "returned")) is memo
    assert last_record(ctx, "case_verdict", 3, ("rejected", "returned")) is not memo
    first, second = records_of({"service_ledger": [{"case_id": "C1"}, {"case_id": "C2"}]})
    memo.record, memo.value = first, "late"
    assert memo.record is first and memo.record is not second
