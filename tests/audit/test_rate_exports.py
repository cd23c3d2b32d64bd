"""rate over two exports of one table: the one without the column is not judged, per export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.facts import Facts
from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
from cscaudit.i18n import Text
from cscaudit.ingest.dictionary import load_dictionary
from cscaudit.ingest.model import Record, SourceRef
from cscaudit.measures import rate
from cscaudit.measures.base import IndicatorSpec
from cscaudit.measures.params import fill_defaults
from cscaudit.results.context import AuditContext
from tests.audit.measures.fakes import FakeCalendar, fake_center, fake_standard

DTYPES = field_dtypes(load_dictionary())
CTX = AuditContext(center=fake_center(None), standard=fake_standard(None), year=2024,
                   period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                   calendar=FakeCalendar(), tables_present=frozenset({"service_ledger"}))


def _measure(exports: dict[str, list[dict[str, Any]]], **params: Any) -> Any:
    spec = IndicatorSpec(id="C3", area="C", title=Text("一次办结", "one visit"), kind="rate",
                         params=fill_defaults(rate.PARAMS_SCHEMA, {"table": "service_ledger",
                                                                   "field": "one_visit", **params}),
                         requirements=("N36735.0",), points=5, method="deduct", scoring={})
    builder = FrameBuilder("service_ledger", DTYPES["service_ledger"])
    for file, rows in exports.items():
        for row, values in enumerate(rows, start=2):
            builder.add(Record("service_ledger", SourceRef(file), row, values))
    tables = build_tables([builder], DTYPES)
    return rate.measure(spec, tables, Facts(tables, CTX), CTX)


def test_only_the_export_with_the_column_is_judged() -> None:
    m = _measure({"a.csv": [{"case_id": "A1", "one_visit": True}, {"case_id": "A2", "one_visit": None}],
                  "b.csv": [{"case_id": "B1"}, {"case_id": "B2"}, {"case_id": "B3"}]},
                 key_field="case_id")
    assert (m.checked, m.defects) == (2, 1)
    assert [(e.file, e.row, e.key) for e in m.findings[0].evidence] == [("a.csv", 3, "A2")]


def test_exports_all_without_the_column_are_not_judged_and_say_so() -> None:
    m = _measure({"a.csv": [{"case_id": "A1"}], "b.csv": [{"case_id": "B1"}]})
    assert not m.applicable and m.reason is not None and "没有“一次办结”列" in m.reason.zh


def test_empty_cells_skipped_on_request_leave_the_table_empty_not_columnless() -> None:
    m = _measure({"a.csv": [{"one_visit": None}]}, missing="skip")
    assert not m.applicable and m.reason is not None and "没有记录" in m.reason.zh
