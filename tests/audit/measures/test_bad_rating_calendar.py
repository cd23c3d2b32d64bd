"""C4 on the shipped 2024 calendar: revisits and rectification counted in working days."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.config.calendar import load_calendar
from cscaudit.i18n import Text
from cscaudit.ingest.model import Record, SourceRef
from cscaudit.measures import bad_rating_followup
from cscaudit.measures.base import IndicatorSpec
from cscaudit.measures.params import fill_defaults
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement
from tests.audit.measures.fakes import fake_center, fake_standard
from tests.audit.measures.test_cases import measure_frames


def _measure(records: list[Record]) -> Measurement:
    """C4 with its default params on the shipped 2024 calendar, through frames."""
    ctx = AuditContext(center=fake_center(None), standard=fake_standard(None), year=2024,
                       period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                       calendar=load_calendar(), tables_present=frozenset({"service_ledger"}))
    spec = IndicatorSpec(id="C4", area="C", title=Text("差评", "bad"), kind="bad_rating_followup",
                         params=fill_defaults(bad_rating_followup.PARAMS_SCHEMA, {}), requirements=(),
                         points=4, method="ratio", scoring={})
    return measure_frames(bad_rating_followup, spec, ctx, records)


def _run(rows: list[dict[str, Any]]) -> tuple[int, int, list[str]]:
    m = _measure([Record("service_ledger", SourceRef("ledger.csv"), i, {"rating": "dissatisfied", **row})
                  for i, row in enumerate(rows, start=2)])
    keys = [e.key or "" for f in m.findings for e in f.evidence]
    return m.checked, m.defects, keys


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_friday_to_monday_is_one_working_day() -> None:
    checked, defects, late = _run([
        {"case_id": "mon", "completed_at": d("2024-06-14"), "revisited_at": d("2024-06-17")},
        {"case_id": "tue", "completed_at": d("2024-06-14"), "revisited_at": d("2024-06-18")},
    ])
    assert (checked, defects, late) == (2, 1, ["tue"])


def test_national_day_holiday_and_make_up_days() -> None:
    checked, defects, late = _run([
        # Fri 9/27: Sun 9/29 is a make-up working day, so it is the next working day
        {"case_id": "sun", "completed_at": d("2024-09-27"), "revisited_at": d("2024-09-29")},
        {"case_id": "mon", "completed_at": d("2024-09-27"), "revisited_at": d("2024-09-30")},
        # Mon 9/30: 10/1-10/7 are off, so Tue 10/8 is the next working day
        {"case_id": "oct8", "completed_at": d("2024-09-30"), "revisited_at": d("2024-10-08")},
        {"case_id": "oct9", "completed_at": d("2024-09-30"), "revisited_at": d("2024-10-09")},
    ])
    assert (checked, defects, late) == (4, 2, ["mon", "oct9"])


def test_rectification_in_working_days_over_the_holiday() -> None:
    # 15 working days after Mon 9/30: Oct 8-12 (Sat 10/12 a make-up day), 14-18, 21-25: due 10/25
    checked, defects, late = _run([
        {"case_id": "ok", "completed_at": d("2024-09-30"), "revisited_at": d("2024-10-08"),
         "rectified_at": d("2024-10-25")},
        {"case_id": "late", "completed_at": d("2024-09-30"), "revisited_at": d("2024-10-08"),
         "rectified_at": d("2024-10-28")},
    ])
    assert (checked, defects, late) == (2, 1, ["late"])


def test_rectification_judged_only_on_rows_of_exports_with_the_column() -> None:
    """Two exports of the ledger, one with 整改日期 and one without: a row of the one without
    says nothing about rectification (as its record never had the field)."""
    revisited = {"rating": "dissatisfied", "completed_at": d("2024-06-14"),
                 "revisited_at": d("2024-06-17")}
    records = [
        Record("service_ledger", SourceRef("上半年.csv"), 2,
               {"case_id": "with", **revisited, "rectified_at": None}),
        Record("service_ledger", SourceRef("下半年.xlsx", "台账"), 5, {"case_id": "without", **revisited}),
    ]
    m = _measure(records)
    assert (m.checked, m.defects) == (2, 1)
    assert [(e.file, e.key) for f in m.findings for e in f.evidence] == [("上半年.csv", "with")]
    assert m.measured is not None and "回访和整改" in m.measured.zh
