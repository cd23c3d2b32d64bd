"""The social-worker card: per worker, from roster, visits and the service ledger."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from cscaudit.facts import Facts
from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
from cscaudit.i18n import Text
from cscaudit.ingest import load_dictionary
from cscaudit.measures.base import IndicatorSpec
from cscaudit.measures.params import fill_defaults
from cscaudit.measures.registry import REGISTRY
from cscaudit.results.context import AuditContext
from cscaudit.results.model import WorkerCard
from cscaudit.scoring.workers import TABLES, worker_cards
from tests.audit.measures.fakes import FakeCalendar, fake_center, fake_standard
from tests.audit.measures.test_cases import records_of

D = dt.date


def _spec(kind: str, params: dict[str, object]) -> IndicatorSpec:
    return IndicatorSpec(id=kind, area="D", title=Text(kind, kind), kind=kind,
                         params=fill_defaults(REGISTRY[kind].PARAMS_SCHEMA, params),
                         requirements=(), points=1, method="ratio", scoring={})


def _run(records: dict[str, list[dict[str, object]]], resolved: object = None) -> dict[str, WorkerCard]:
    ctx = AuditContext(center=fake_center(None), standard=fake_standard(
        {"general_content": ["policy_publicity"], "group_content": {"elderly": ["health_status"]}}),
        year=2024, period_start=D(2024, 1, 1), period_end=D(2024, 12, 31), calendar=FakeCalendar(),
        tables_present=frozenset(records))
    dtypes = field_dtypes(load_dictionary())
    builders = {table: FrameBuilder(table, dtypes.get(table, {})) for table in TABLES}
    for record in records_of(records):
        if record.table in builders:
            builders[record.table].add(record)
    tables = build_tables(builders.values(), dtypes)
    cards = worker_cards(tables, Facts(tables, ctx), ctx, resolved)  # type: ignore[arg-type]
    return {card.worker: card for card in cards}


RECORDS: dict[str, list[dict[str, object]]] = {
    "roster": [
        {"household_id": "H1", "group": ["elderly"], "worker": "王芳"},
        {"household_id": "H2", "group": ["general"], "worker": "王芳"},
        {"household_id": "H3", "group": ["general"], "worker": "李强", "registered_on": D(2024, 9, 1)},
    ],
    "visits": [
        {"household_id": "H1", "worker": "王芳", "visited_on": D(2024, 2, 1),
         "content": ["policy_publicity", "health_status"], "issue": "漏水", "closed_on": D(2024, 2, 3)},
        {"household_id": "H1", "worker": "王芳", "visited_on": D(2024, 5, 1), "content": ["policy_publicity"],
         "issue": "噪音"},
        {"household_id": "H2", "worker": "王芳", "visited_on": D(2024, 3, 1), "content": ["policy_publicity"]},
        {"household_id": "H3", "worker": "赵六", "visited_on": D(2024, 10, 1), "content": ["policy_publicity"]},
    ],
    "service_ledger": [
        {"case_id": "C1", "handler": "李强", "received_at": D(2024, 3, 4), "completed_at": D(2024, 3, 5),
         "status": "completed", "promised_days": 1},
        {"case_id": "C2", "handler": "李强", "received_at": D(2024, 3, 4), "completed_at": D(2024, 3, 12),
         "status": "completed", "promised_days": 1, "rating": "dissatisfied"},
        {"case_id": "C3", "handler": "李强", "received_at": D(2023, 3, 4), "status": "completed"},
    ],
}


def test_worker_cards_with_the_checklist_frequencies() -> None:
    resolved = SimpleNamespace(indicators=[_spec("visit_frequency", {"frequencies": {"elderly": "quarterly"},
                                                                      "default": "semiannual"})])
    cards = _run(RECORDS, resolved)
    assert sorted(cards) == ["李强", "王芳", "赵六"]
    wang = cards["王芳"]
    # H1 quarterly: 4 due, Q1 and Q2 met; H2 semiannual: 2 due, H1 met.
    assert (wang.households, wang.required_visits, wang.visits_done) == (2, 6, 3)
    assert wang.content_complete_rate == pytest.approx(2 / 3)
    assert (wang.issues_raised, wang.issues_closed) == (2, 1)
    assert (wang.cases, wang.on_time_rate, wang.bad_ratings) == (0, None, 0)
    li = cards["李强"]
    # H3 joined 2024-09-01: the second half-year only (122 of 184 days); a visit by someone else.
    assert (li.households, li.required_visits, li.visits_done) == (1, 1, 1)
    assert (li.cases, li.on_time_rate, li.bad_ratings) == (2, 0.5, 1)
    assert li.content_complete_rate is None
    zhao = cards["赵六"]
    assert (zhao.households, zhao.required_visits) == (0, 0)


def test_defaults_without_a_visit_frequency_indicator() -> None:
    cards = _run(RECORDS)
    # the default elderly frequency is quarterly too
    assert cards["王芳"].required_visits == 6
