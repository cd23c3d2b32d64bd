"""The records-to-frames boundary: types, missing columns, evidence identical to the stream's."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscaudit.facts.frames import FrameBuilder, Tables, build_tables, evidence_of, field_dtypes
from cscaudit.ingest.dictionary import load_dictionary
from cscaudit.ingest.model import Record, SourceRef
from cscaudit.results.model import Evidence
from tests.oracles.evidence import record_evidence

DTYPES = field_dtypes(load_dictionary())


def _visit(row: int, **values: object) -> Record:
    return Record("visits", SourceRef("走访.xlsx", "2024"), row, dict(values))


def test_columns_are_typed_by_the_field_dictionary() -> None:
    builder = FrameBuilder("visits", DTYPES["visits"])
    builder.add(_visit(2, visited_on=dt.date(2024, 3, 1), group=("elderly",), worker="张三"))
    builder.add(_visit(3, visited_on=None, group=(), worker=None))
    frame = build_tables([builder], DTYPES).frame("visits")
    assert frame.schema["visited_on"] == pl.Date()
    assert frame.schema["group"] == pl.List(pl.Utf8())
    assert frame.schema["worker"] == pl.Utf8()
    assert frame["_row"].to_list() == [2, 3]
    assert frame["_sheet"].to_list() == ["2024", "2024"]
    assert frame["group"].to_list() == [["elderly"], []]


def test_a_near_relative_of_the_type_is_coerced() -> None:
    builder = FrameBuilder("complaints", DTYPES["complaints"])
    builder.add(Record("complaints", SourceRef("c.csv"), 2, {"received_at": dt.date(2024, 5, 1)}))
    builder.add(Record("complaints", SourceRef("c.csv"), 3,
                       {"received_at": dt.datetime(2024, 5, 2, 9, 30)}))
    frame = builder.frame()
    assert frame.schema["received_at"] == pl.Datetime("us")
    assert frame["received_at"].to_list() == [dt.datetime(2024, 5, 1), dt.datetime(2024, 5, 2, 9, 30)]


def test_a_column_one_export_lacks_is_null_there_and_the_sources_say_so() -> None:
    builder = FrameBuilder("visits", DTYPES["visits"])
    builder.add(Record("visits", SourceRef("a.csv"), 2, {"worker": "甲", "content_text": "x"}))
    builder.add(Record("visits", SourceRef("b.csv"), 2, {"worker": "乙"}))
    builder.add(Record("visits", SourceRef("a.csv"), 3, {"worker": "丙", "content_text": "y"}))
    tables = build_tables([builder], DTYPES)
    assert tables.frame("visits")["content_text"].to_list() == ["x", None, "y"]
    assert tables.fields_of("visits") == {("a.csv", None): {"worker", "content_text"},
                                          ("b.csv", None): {"worker"}}


def test_an_absent_table_or_field_reads_as_empty_or_null() -> None:
    tables = Tables({}, DTYPES)
    assert tables.frame("drills").height == 0
    frame = tables.frame("drills", "held_on")
    assert frame.schema["held_on"] == pl.Date()
    assert not tables.has_column("drills", "held_on")


def test_a_missing_field_named_twice_is_added_once() -> None:
    frame = Tables({}, DTYPES).frame("activities", "held_on", "plan_on", "held_on")
    assert frame.columns.count("held_on") == 1 and frame.schema["plan_on"] == pl.Date()


values = st.one_of(st.none(), st.text(max_size=5), st.dates(), st.integers(-5, 5))


@given(st.lists(st.tuples(st.integers(1, 10_000), values, values), max_size=20))
def test_evidence_from_a_frame_is_the_stream_evidence(rows: list[tuple[int, object, object]]) -> None:
    records = [Record("drills", SourceRef("d.csv"), row, {"drill_id": key, "held_on": held})
               for row, key, held in rows]
    builder = FrameBuilder("drills", {})  # no dictionary types: each column as its values are
    for record in records:
        builder.add(record)
    got = evidence_of(builder.frame(), "drills", "drill_id") if records else []
    assert got == [record_evidence(r, "drill_id") for r in records]


def test_a_datetime_given_as_a_date_alone_is_marked() -> None:
    from cscaudit.facts.columns import moment
    from cscaudit.facts.frames import date_only

    builder = FrameBuilder("incidents", DTYPES["incidents"])
    builder.add(Record("incidents", SourceRef("i.csv"), 2, {"reported_at": dt.date(2024, 5, 1)}))
    builder.add(Record("incidents", SourceRef("i.csv"), 3,
                       {"reported_at": dt.datetime(2024, 5, 1, 8, 0)}))
    frame = builder.frame()
    assert frame[date_only("reported_at")].to_list() == [True, False]
    ends = frame.select(moment(frame, "reported_at", end_of_day=True))["reported_at"].to_list()
    assert ends == [dt.datetime(2024, 5, 1, 23, 59, 59), dt.datetime(2024, 5, 1, 8, 0)]


def test_a_text_field_holding_lists_becomes_a_list_column() -> None:
    builder = FrameBuilder("visits", DTYPES["visits"])
    builder.add(_visit(2, method=("in_person", "phone")))
    builder.add(_visit(3, method="phone"))
    builder.add(_visit(4, method=None))
    frame = builder.frame()
    assert frame.schema["method"] == pl.List(pl.Utf8())
    assert frame["method"].to_list() == [["in_person", "phone"], ["phone"], None]


def _two_visits() -> Tables:
    builder = FrameBuilder("visits", DTYPES["visits"])
    builder.add(_visit(2, household_id="H1", worker="张三", visited_on=dt.date(2024, 3, 1)))
    builder.add(_visit(3, household_id="H2", worker="李四", visited_on=dt.date(2024, 3, 2)))
    return build_tables([builder], DTYPES)


def test_a_measure_that_narrows_away_an_evidence_column_is_stopped() -> None:
    from cscaudit.facts.frames import EvidenceColumnsLost
    from cscaudit.measures.base import EvidenceCollector

    visits = _two_visits().frame("visits", "household_id")
    narrowed = visits.select("_file", "_sheet", "_row", "household_id", "worker")  # visited_on lost
    with pytest.raises(EvidenceColumnsLost, match="visited_on"):
        EvidenceCollector().add_frame(narrowed, "visits", "household_id")
    with pytest.raises(EvidenceColumnsLost, match="worker"):
        evidence_of(visits.drop("worker"), "visits")
    kept = EvidenceCollector()
    kept.add_frame(visits.select("_file", "_sheet", "_row", "household_id", "visited_on", "worker"),
                   "visits", "household_id")
    assert [(e.row, e.key, e.date, e.worker) for e in kept.items()] == [
        (2, "H1", "2024-03-01", "张三"), (3, "H2", "2024-03-02", "李四")]


def test_evidence_fields_no_export_had_are_null_columns_not_columns_of_the_table() -> None:
    builder = FrameBuilder("service_ledger", DTYPES["service_ledger"])
    builder.add(Record("service_ledger", SourceRef("台账.csv"), 2, {"case_id": "C1"}))
    tables = build_tables([builder], DTYPES)
    frame = tables.frame("service_ledger")
    assert frame.schema["received_at"] == pl.Date() and frame.schema["handler"] == pl.Utf8()
    assert not tables.has_column("service_ledger", "received_at")
    assert not tables.has_column("service_ledger", "handler")
    assert evidence_of(frame, "service_ledger", "case_id") == [
        Evidence("台账.csv", None, 2, "C1", None, None)]
    assert Tables({}, DTYPES).frame("staff").columns[-2:] == ["joined_on", "name"]


def test_a_frame_narrowed_past_its_key_is_stopped_not_shown_without_ids() -> None:
    from cscaudit.facts.frames import EvidenceColumnsLost
    from cscaudit.measures.base import EvidenceCollector

    visits = _two_visits().frame("visits", "household_id")
    with pytest.raises(EvidenceColumnsLost, match="household_id"):
        EvidenceCollector().add_frame(visits.drop("household_id"), "visits", "household_id")
    with pytest.raises(EvidenceColumnsLost, match="visit_id"):  # a key the frame was not asked for
        evidence_of(visits, "visits", "visit_id")
    assert [e.key for e in evidence_of(visits.drop("household_id"), "visits")] == [None, None]


def test_a_key_no_export_had_is_a_null_column_and_an_absent_key_is_passed_over() -> None:
    tables = _two_visits()
    frame = tables.frame("visits", "visit_id", None)
    assert frame.schema["visit_id"] == DTYPES["visits"]["visit_id"]
    assert not tables.has_column("visits", "visit_id")
    assert [(e.key, e.worker) for e in evidence_of(frame, "visits", "visit_id")] == [
        (None, "张三"), (None, "李四")]
    assert tables.frame("visits", None).columns == tables.frame("visits").columns


def test_a_facts_frame_is_given_a_key_it_lacks_only_when_no_export_had_it() -> None:
    from cscaudit.facts.frames import EvidenceColumnsLost

    tables = _two_visits()
    derived = tables.frame("visits").with_columns(pl.lit(1).alias("_judged"))
    given = tables.with_fields(derived, "visits", "visit_id", "household_id")
    assert given.columns == [*derived.columns, "visit_id"]
    assert given["visit_id"].null_count() == 2 and given["_judged"].to_list() == [1, 1]
    assert tables.with_fields(derived, "visits", "household_id") is derived
    with pytest.raises(EvidenceColumnsLost, match="household_id"):
        tables.with_fields(derived.drop("household_id"), "visits", "household_id")


def test_a_frame_with_no_row_to_keep_is_checked_too() -> None:
    from cscaudit.facts.frames import EvidenceColumnsLost
    from cscaudit.measures.base import EvidenceCollector

    visits = _two_visits().frame("visits", "household_id")
    with pytest.raises(EvidenceColumnsLost, match="household_id"):
        EvidenceCollector().add_frame(visits.clear().drop("household_id"), "visits", "household_id")
    capped = EvidenceCollector(cap=1)
    capped.add_frame(visits, "visits", "household_id")
    with pytest.raises(EvidenceColumnsLost, match="visited_on"):
        capped.add_frame(visits.drop("visited_on"), "visits", "household_id")
    assert capped.total == 2 and [e.key for e in capped.items()] == ["H1"]
