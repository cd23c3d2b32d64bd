"""One generated center: volumes, proportions, a clean center really clean, planted rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from cscaudit.samples import visits
from cscaudit.samples.days import year_days
from cscaudit.samples.exports import CenterTables, build_tables
from cscaudit.samples.model import CenterSpec
from cscaudit.samples.roster import GROUP_LABELS

CLEAN = CenterSpec("clean", "和悦社区", "中河街道", "鄞州区", "宁波市", 2024, households=900,
                   seed=11)
DIRTY = CenterSpec("dirty", "清河社区", "金银湖街道", "东西湖区", "武汉市", 2024,
                   households=600, seed=12, defect_rate=0.3)
LABEL_GROUP = {label: code for code, labels in GROUP_LABELS.items() for label in labels}


@pytest.fixture(scope="module")
def clean() -> CenterTables:
    return build_tables(CLEAN)


@pytest.fixture(scope="module")
def dirty() -> CenterTables:
    return build_tables(DIRTY)


def _col(built: CenterTables, table: str, field: str) -> list[object]:
    t = built.tables[table]
    i = t.index(field)
    return [row[i] for row in t.rows]


def test_volumes_are_realistic(clean: CenterTables) -> None:
    sizes = {name: len(t.rows) for name, t in clean.tables.items()}
    assert sizes["roster"] == 900
    assert 6000 <= sizes["visits"] <= 11000  # visits are the bulk
    assert 1500 <= sizes["service_ledger"] <= 2500
    assert sizes["visits"] > sizes["service_ledger"] > sizes["roster"]
    assert 60 <= sizes["surveys"] <= 80
    assert sizes["drills"] >= 1 and sizes["incidents"] >= 2 and sizes["activities"] >= 6
    assert len(clean.workers) == 6


def test_group_proportions(clean: CenterTables) -> None:
    groups = Counter(LABEL_GROUP[str(g)] for g in _col(clean, "roster", "group"))
    share = {g: n / 900 for g, n in groups.items()}
    elderly = share["elderly"] + share["elderly_alone"] + share["elderly_high_risk"]
    assert 0.20 <= elderly <= 0.25
    assert 0.025 <= share["disabled"] <= 0.035
    assert 0.02 <= share["low_income"] <= 0.03
    assert 0.025 <= share["unemployed"] <= 0.035
    assert 0.10 <= share["temporary"] <= 0.15
    assert 0.5 <= share["general"] <= 0.62


def test_clean_center_has_no_marks_and_meets_frequencies(clean: CenterTables) -> None:
    assert not any(t.marks for t in clean.tables.values())
    roster = clean.tables["roster"]
    visited: dict[str, list[dt.date]] = {}
    for row in clean.tables["visits"].rows:
        visited.setdefault(str(row[3]), []).append(row[1])  # type: ignore[arg-type]
    for row in roster.rows:
        hid, group = str(row[0]), LABEL_GROUP[str(row[3])]
        joined, left = row[6], row[7]
        assert isinstance(joined, dt.date)
        first = max(dt.date(2024, 1, 1), joined)
        last = min(dt.date(2024, 12, 31), left) if isinstance(left, dt.date) else dt.date(2024, 12, 31)
        days = visited.get(hid, [])
        for start, end in visits.periods(2024, visits.PERIOD_OF_GROUP[group]):
            if max(start, first) <= min(end, last):
                assert any(start <= d <= end for d in days), (hid, group, start)
        assert all(first <= d <= last for d in days), hid


def test_clean_center_has_no_integrity_signs(clean: CenterTables) -> None:
    per_worker_day = Counter((row[2], row[1]) for row in clean.tables["visits"].rows)
    assert max(per_worker_day.values()) <= 30
    texts = Counter(row[6] for row in clean.tables["visits"].rows)
    assert max(texts.values()) < 30
    ledger = clean.tables["service_ledger"]
    for row in ledger.rows:
        received, done = row[1], row[7]
        assert isinstance(received, dt.datetime)
        if isinstance(done, dt.date):
            assert done >= received.date()
    assert len({tuple(map(str, r)) for r in ledger.rows}) == len(ledger.rows)


def test_no_cases_on_rest_days(clean: CenterTables) -> None:
    days = year_days(2024)
    for received in _col(clean, "service_ledger", "received_at"):
        assert isinstance(received, dt.datetime)
        assert days.is_working(received.date())


def test_cases_on_time_when_clean(clean: CenterTables) -> None:
    days = year_days(2024)
    t = clean.tables["service_ledger"]
    for row in t.rows:
        received, promised, done = row[1], row[6], row[7]
        if isinstance(done, dt.date) and isinstance(received, dt.datetime):
            assert isinstance(promised, int)
            assert done <= days.next_working(received.date(), promised)


def test_dirty_center_marks_point_at_defective_rows(dirty: CenterTables) -> None:
    kinds = Counter(m.kind for t in dirty.tables.values() for m in t.marks)
    assert kinds["worker_overload"] == 42
    assert kinds["pasted_content"] >= 30
    assert kinds["completed_before_received"] >= 3
    assert kinds["duplicate_row"] >= 6
    days = year_days(2024)
    ledger = dirty.tables["service_ledger"]
    for m in ledger.marks:
        row = ledger.rows[m.row]
        assert row[0] == m.key
        received, promised, done = row[1], row[6], row[7]
        assert isinstance(received, dt.datetime)
        if m.kind == "late_case":
            assert isinstance(done, dt.date) and isinstance(promised, int)
            assert done > days.next_working(received.date(), promised)
        elif m.kind == "completed_before_received":
            assert isinstance(done, dt.date) and done < received.date()
        elif m.kind == "ledger_missing_field":
            assert row[4] is None
        elif m.kind == "bad_rating_no_revisit":
            assert row[14] in ("不满意", "非常不满意") and row[15] is None
    roster = dirty.tables["roster"]
    visited = {str(r[3]) for r in dirty.tables["visits"].rows}
    for m in roster.marks:
        if m.kind == "household_never_visited":
            assert m.key not in visited
        if m.kind == "household_no_worker":
            assert roster.rows[m.row][5] is None


def test_official_holidays_are_quiet(clean: CenterTables) -> None:
    """No cases on 2024's public holidays; work on the make-up Sunday 2024-02-18 is fine."""
    holidays = {dt.date(2024, 1, 1), dt.date(2024, 5, 1), dt.date(2024, 6, 10)}
    holidays |= {dt.date(2024, 2, d) for d in range(10, 18)}
    holidays |= {dt.date(2024, 10, d) for d in range(1, 8)}
    received = Counter(r.date() for r in _col(clean, "service_ledger", "received_at")
                       if isinstance(r, dt.datetime))
    assert not holidays & set(received)
    assert received[dt.date(2024, 2, 18)] > 0 or received[dt.date(2024, 9, 29)] > 0
    # quieter after Spring Festival than in a normal March week
    after = sum(received[dt.date(2024, 2, d)] for d in range(19, 24))
    march = sum(received[dt.date(2024, 3, d)] for d in range(11, 16))
    assert after < march
