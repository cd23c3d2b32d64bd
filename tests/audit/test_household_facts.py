"""The household facts link each visit as the record-stream roster index does, row by row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
from cscaudit.facts.households import household_links, roster_households
from cscaudit.ingest.dictionary import load_dictionary
from cscaudit.results.context import AuditContext
from tests.audit.measures.fakes import FakeCalendar, fake_center, fake_standard
from tests.audit.measures.test_cases import records_of
from tests.oracles.households import RosterIndex

IDS = [None, "5-2-101", "5-2-102", " H1 ", "H1", "HY2", "明月小区1-1-101", "阳光小区1-1-101"]
ADDRESSES = [None, "5栋2单元101室", "和悦家园3号楼1单元201室", "1栋1单元102室"]
VISIT_IDS = [*IDS, "5栋2单元101", "五栋二单元一〇一", "1栋1单元101室", "3-1-201", "XX", "老宅"]
PEOPLE = [(None, None), ("张伟", "110101195001011234"), ("李娜", "11010119600202567x"),
          ("张伟", "110101196002021234")]


def _row(hid: str | None, person: tuple[str | None, str | None], **more: Any) -> dict[str, Any]:
    row = {"household_id": hid, "resident": person[0], "id_number": person[1], **more}
    return {k: v for k, v in row.items() if v is not None}


roster_rows = st.lists(st.builds(
    lambda hid, address, person, worker: _row(hid, person, address=address, worker=worker,
                                               group=["elderly"]),
    st.sampled_from(IDS), st.sampled_from(ADDRESSES), st.sampled_from(PEOPLE),
    st.sampled_from([None, "王芳", " 李强 ", ""])), max_size=6)
visit_rows = st.lists(st.builds(
    lambda hid, person: _row(hid, person, visited_on=dt.date(2024, 3, 1)),
    st.sampled_from(VISIT_IDS), st.sampled_from(PEOPLE)), max_size=10)


def _ctx() -> AuditContext:
    return AuditContext(center=fake_center(None), standard=fake_standard(None), year=2024,
                        period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                        calendar=FakeCalendar(None, None),
                        tables_present=frozenset({"roster", "visits"}))


@settings(max_examples=150, deadline=None)
@given(roster_rows, visit_rows)
@example(  # 5栋2单元101 linked by the ids before HY2's 住址 makes that room ambiguous
    [{"household_id": "5-2-101"}, {"household_id": "HY2", "address": "5栋2单元101室"}],
    [{"household_id": "5栋2单元101"}, {"household_id": "XX"}, {"household_id": "5栋2单元101"},
     {"household_id": "五栋二单元一〇一"}])
def test_the_link_fact_is_the_record_stream_link(roster: list[dict[str, Any]],
                                                 visits: list[dict[str, Any]]) -> None:
    records = records_of({"roster": roster, "visits": visits})
    index = RosterIndex()
    stream: list[str | None] = []
    dtypes = field_dtypes(load_dictionary())
    builders = {tb: FrameBuilder(tb, dtypes[tb]) for tb in ("roster", "visits")}
    for record in records:
        builders[record.table].add(record)
        if record.table == "roster":
            index.add(record)
        elif index.households:
            household = index.link(record)
            stream.append(household.id if household else None)
    tables = build_tables(builders.values(), dtypes)
    links = household_links(tables, _ctx())
    assert links.results == index.link_results()
    if index.households:
        assert links.visits["_household"].to_list() == stream
    # `_hrow`, the row of `households` a visit's household is, for lookups by gather
    places = {hid: row for row, hid in enumerate(links.households["_hid"].to_list())}
    assert links.visits["_hrow"].to_list() == [
        None if hid is None else places[hid] for hid in links.visits["_household"].to_list()]
    households = roster_households(tables, _ctx())
    assert households["_hid"].to_list() == list(index.households)
    assert households["_worker"].to_list() == [h.worker for h in index.households.values()]
    assert households["_row"].to_list() == [h.evidence.row for h in index.households.values()]


def test_a_value_linked_before_the_address_column_is_read_keeps_its_household() -> None:
    """The roster's 住址 is read at the first visit its ids cannot place; then HY2's address
    makes room 5-2-101 ambiguous: a spelling seen before keeps 5-2-101, a new one links none."""
    records = records_of({
        "roster": [{"household_id": "5-2-101"}, {"household_id": "HY2", "address": "5栋2单元101室"}],
        "visits": [{"household_id": "5栋2单元101"}, {"household_id": "XX"},
                   {"household_id": "5栋2单元101"}, {"household_id": "五栋二单元一〇一"}]})
    dtypes = field_dtypes(load_dictionary())
    builders = {tb: FrameBuilder(tb, dtypes[tb]) for tb in ("roster", "visits")}
    for record in records:
        builders[record.table].add(record)
    links = household_links(build_tables(builders.values(), dtypes), _ctx())
    assert links.visits["_household"].to_list() == ["5-2-101", None, "5-2-101", None]
    assert links.visits["_how"].to_list() == ["address", None, "address", None]
    [visits] = links.results
    assert (visits.rows, visits.by_address, visits.unlinked) == (4, 2, 2)


GROUPS = [[], ["elderly"], ["elderly_alone", "unemployed"], ["disabled"], ["general"]]
DAYS = st.dates(dt.date(2023, 12, 20), dt.date(2025, 1, 10))
coverage_roster = st.lists(st.builds(
    lambda hid, group, registered, left, status: {
        k: v for k, v in {"household_id": hid, "group": group, "registered_on": registered,
                          "left_on": left, "status": status}.items() if v is not None},
    st.sampled_from(["H1", "H2", "H3", "5-2-101"]), st.sampled_from(GROUPS), st.none() | DAYS,
    st.none() | DAYS, st.sampled_from([None, "active", "moved"])), max_size=5)
coverage_visits = st.lists(st.builds(
    lambda hid, day, method: {k: v for k, v in {"household_id": hid, "visited_on": day,
                                                 "method": method}.items() if v is not None},
    st.sampled_from(["H1", "H2", "5栋2单元101", "X9"]), st.none() | DAYS,
    st.sampled_from([None, "in_person", "phone"])), max_size=12)


@settings(max_examples=100, deadline=None)
@given(coverage_roster, coverage_visits, st.sampled_from([None, ("in_person",)]))
def test_the_coverage_fact_is_the_record_stream_tracker(roster: list[dict[str, Any]],
                                                       visits: list[dict[str, Any]],
                                                       methods: tuple[str, ...] | None) -> None:
    from cscaudit.facts.visit_periods import frequencies_of, visit_coverage
    from cscaudit.measures import visit_frequency
    from cscaudit.measures.params import fill_defaults
    from tests.oracles.frequency import FrequencyTracker

    frequencies = {"elderly": "quarterly", "elderly_alone": "weekly", "general": "semiannual"}
    params = fill_defaults(visit_frequency.PARAMS_SCHEMA, {
        "frequencies": frequencies, **({"methods": list(methods)} if methods else {})})
    ctx = _ctx()
    index = RosterIndex()
    tracker = FrequencyTracker(params, ctx.period_start, ctx.period_end, index)
    dtypes = field_dtypes(load_dictionary())
    builders = {tb: FrameBuilder(tb, dtypes[tb]) for tb in ("roster", "visits")}
    for record in records_of({"roster": roster, "visits": visits}):
        builders[record.table].add(record)
        if record.table == "roster":
            index.add(record)
        else:
            tracker.add_visit(record)
    tables = build_tables(builders.values(), dtypes)
    coverage = visit_coverage(tables, ctx, household_links(tables, ctx), frequencies_of(frequencies),
                              "none", methods)
    expected = [(h.id, freq, need, done) for h, freq, need, done in tracker.results()]
    assert coverage.judged.select("_hid", "_freq", "_required", "_met").rows() == expected


@settings(max_examples=60, deadline=None)
@given(st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)), st.integers(0, 500))
def test_a_days_period_is_the_calendars(start: dt.date, length: int) -> None:
    """`period_index` says what `Calendarised.index_of` says, for every frequency and every day
    of the span and a week around it (null outside the audit period)."""
    import polars as pl

    from cscaudit.facts.visit_periods import period_index
    from cscaudit.rules.periods import FREQUENCIES, Calendarised

    end = start + dt.timedelta(days=length)
    days = [start + dt.timedelta(days=i) for i in range(-7, length + 8)]
    for frequency in FREQUENCIES:
        frame = pl.DataFrame({"_day": days, "_freq": [frequency] * len(days)})
        got = frame.select(period_index(start, end)).to_series().to_list()
        assert got == [Calendarised(frequency, start, end).index_of(d) for d in days], frequency
