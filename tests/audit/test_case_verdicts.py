"""The case verdict fact (audit/facts/cases.py): the frame's verdicts are `judge_case`'s."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.config.calendar import load_calendar
from cscaudit.facts.cases import case_verdicts
from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
from cscaudit.ingest.dictionary import load_dictionary
from cscaudit.ingest.model import Record, SourceRef
from cscaudit.results.context import AuditContext
from tests.audit.measures.fakes import fake_center, fake_standard
from tests.oracles.cases import judge_case

DTYPES = field_dtypes(load_dictionary())
CTX = AuditContext(center=fake_center(None), standard=fake_standard(None), year=2024,
                   period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                   calendar=load_calendar(), tables_present=frozenset({"service_ledger"}))
DAYS = st.one_of(st.none(), st.dates(dt.date(2023, 12, 1), dt.date(2025, 1, 31)))
ROW = st.fixed_dictionaries({}, optional={
    "received_at": DAYS, "completed_at": DAYS,
    "promised_days": st.one_of(st.none(), st.integers(-2, 40)),
    "status": st.sampled_from([None, "completed", "in_progress", "rejected", "returned"]),
})


def _verdicts(rows: list[dict[str, Any]], default_days: int,
              skip: tuple[str, ...]) -> list[str | None]:
    builder = FrameBuilder("service_ledger", DTYPES["service_ledger"])
    for i, values in enumerate(rows, start=2):
        builder.add(Record("service_ledger", SourceRef("ledger.csv"), i, values))
    frame = case_verdicts(build_tables([builder], DTYPES), CTX, default_days, skip)
    assert frame["_row"].to_list() == list(range(2, len(rows) + 2))
    return frame["verdict"].to_list()


@settings(max_examples=150, deadline=None)
@given(st.lists(ROW, max_size=25), st.integers(0, 10),
       st.sampled_from([(), ("rejected",), ("rejected", "returned")]))
def test_the_frame_judges_every_case_as_judge_case_does(
        rows: list[dict[str, Any]], default_days: int, skip: tuple[str, ...]) -> None:
    expected = [judge_case(values, CTX, default_days, skip) for values in rows]
    assert _verdicts(rows, default_days, skip) == expected


def test_the_national_day_holiday_on_the_shipped_calendar() -> None:
    # received Fri 9/27 with 3 working days: Sun 9/29 (make-up), Mon 9/30, Tue 10/8
    rows: list[dict[str, Any]] = [
        {"received_at": dt.date(2024, 9, 27), "promised_days": 3, "completed_at": day}
        for day in (dt.date(2024, 10, 8), dt.date(2024, 10, 9))]
    rows.append({"received_at": dt.date(2024, 12, 30), "promised_days": 3})  # still running
    rows.append({"received_at": dt.date(2024, 12, 2), "promised_days": 3})  # overdue
    assert _verdicts(rows, 5, ()) == ["on_time", "late", None, "overdue"]
