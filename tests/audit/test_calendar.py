"""The working-day calendar: official holidays and make-up days, time limits, fallback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscaudit.config.calendar import WorkCalendar, build_calendar, load_calendar
from cscaudit.errors import ConfigError
from cscaudit.resources import standards_dir

D = dt.date
CAL = load_calendar()


def test_every_year_2019_to_2026_is_covered() -> None:
    assert CAL.covered_years >= set(range(2019, 2027))
    assert all("国务院办公厅关于" in y.source for y in CAL.years)
    assert CAL.warnings_for(2024) == ()



def test_every_shipped_year_names_its_notice() -> None:
    """Each year's file cites the State Council notice it encodes: the document number of
    the year before (国办发明电〔Y-1〕N号) and a publication date in that year."""
    import re

    from cscaudit.config.yamlio import load_yaml

    files = sorted((standards_dir() / "calendar").glob("20*.yaml"))
    assert len(files) >= 8
    for path in files:
        data = load_yaml(path).data
        year, source = data["year"], data["source"]
        assert re.fullmatch(rf"国办发明电〔{year - 1}〕\d+号", source["document"]), path.name
        assert source["published"].startswith(f"{year - 1}-"), path.name
        assert source["title"] == f"国务院办公厅关于{year}年部分节假日安排的通知", path.name

@pytest.mark.parametrize(("day", "working"), [
    (D(2024, 2, 4), True),    # Sunday worked for the Spring Festival
    (D(2024, 2, 9), True),    # Friday, New Year's Eve, still a working day in 2024
    (D(2024, 2, 12), False),  # Monday inside the Spring Festival break
    (D(2024, 2, 18), True),   # Sunday worked
    (D(2024, 4, 7), True), (D(2024, 4, 28), True), (D(2024, 5, 11), True),
    (D(2024, 5, 2), False), (D(2024, 6, 10), False), (D(2024, 9, 16), False),
    (D(2024, 9, 14), True), (D(2024, 9, 29), True), (D(2024, 10, 12), True),
    (D(2024, 10, 7), False), (D(2024, 10, 8), True), (D(2024, 10, 13), False),
    (D(2020, 2, 1), False),   # the 2020 Spring Festival extension cancelled this make-up day
    (D(2019, 5, 5), True),    # the 2019 Labour Day adjustment
    (D(2025, 1, 28), False),  # 2025: New Year's Eve became a holiday
    (D(2026, 1, 4), True), (D(2026, 2, 23), False), (D(2026, 2, 28), True),
])
def test_is_working_day(day: dt.date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


@pytest.mark.parametrize(("received", "n", "deadline"), [
    (D(2024, 9, 29), 1, D(2024, 9, 30)),   # received on a make-up Sunday: it does not count
    (D(2024, 9, 30), 1, D(2024, 10, 8)),   # National Day: 10-1..10-7 off
    (D(2024, 9, 30), 5, D(2024, 10, 12)),  # 10-8..10-11, then the make-up Saturday
    (D(2024, 9, 27), 2, D(2024, 9, 30)),   # Friday -> make-up Sunday 9-29 -> Monday
    (D(2024, 2, 8), 1, D(2024, 2, 9)),
    (D(2024, 2, 8), 2, D(2024, 2, 18)),    # Spring Festival 2-10..2-17, 2-18 worked
    (D(2024, 2, 8), 3, D(2024, 2, 19)),
    (D(2024, 2, 3), 1, D(2024, 2, 4)),     # Saturday receipt, Sunday make-up day
    (D(2024, 12, 27), 2, D(2024, 12, 31)),  # Friday -> Mon 30, Tue 31
    (D(2024, 12, 31), 1, D(2025, 1, 2)),   # across the year end: 2025-01-01 off
    (D(2024, 6, 7), 5, D(2024, 6, 17)),    # Dragon Boat Monday 6-10 off
    (D(2024, 3, 1), 0, D(2024, 3, 1)),
])
def test_add_working_days(received: dt.date, n: int, deadline: dt.date) -> None:
    assert CAL.add_working_days(received, n) == deadline


def test_on_time_boundaries() -> None:
    received = D(2024, 9, 30)
    assert CAL.on_time(received, D(2024, 10, 8), 1)
    assert not CAL.on_time(received, D(2024, 10, 9), 1)
    assert CAL.on_time(received, D(2024, 10, 3), 1)  # done during the holiday: early
    # deadline Friday 2024-03-08: done on Saturday is late
    assert CAL.on_time(D(2024, 3, 1), D(2024, 3, 8), 5)
    assert not CAL.on_time(D(2024, 3, 1), D(2024, 3, 9), 5)


def test_uncovered_year_warns_and_falls_back_to_weekdays() -> None:
    warnings = CAL.warnings_for(2030, 2024, 2030)
    assert len(warnings) == 1
    assert "2030" in warnings[0].en and "Monday to Friday" in warnings[0].en
    assert "周一至周五" in warnings[0].zh
    assert CAL.is_working_day(D(2030, 10, 1))  # a Tuesday: no data, so a working day
    assert CAL.add_working_days(D(2030, 10, 4), 1) == D(2030, 10, 7)


def _naive(cal: WorkCalendar, received: dt.date, n: int) -> dt.date:
    day = received
    while n:
        day += dt.timedelta(days=1)
        n -= cal.is_working_day(day)
    return day


@given(st.dates(D(2018, 6, 1), D(2031, 6, 1)), st.integers(0, 40))
def test_fast_path_matches_walking_day_by_day(received: dt.date, n: int) -> None:
    deadline = CAL.add_working_days(received, n)
    assert deadline == _naive(CAL, received, n)
    if n:
        assert CAL.working_days_between(received, deadline) == n
        assert CAL.is_working_day(deadline)


def test_shipped_files_are_consistent() -> None:
    from cscaudit.config.yamlio import load_yaml

    for path in sorted((standards_dir() / "calendar").glob("*.yaml")):
        data = load_yaml(path).data
        assert path.stem == str(data["year"])
        assert len(data["holidays"]) in (6, 7)  # 2020, 2023, 2025 merge Mid-Autumn
        for holiday in data["holidays"]:
            for day in holiday.get("workdays", []):
                assert D.fromisoformat(day).weekday() >= 5, (path.name, day)


def test_bad_calendar_file_is_located(tmp_path: Path) -> None:
    (tmp_path / "2024.yaml").write_text(
        "kind: calendar\nschema_version: 1\nregion: CN\nyear: 2024\n"
        "source: {title: t, issuer: i}\nholidays:\n"
        '  - {name: {zh: 元旦, en: NY}, from: "2024-01-03", to: "2024-01-01"}\n',
        encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        build_calendar(tmp_path.glob("*.yaml"))
    assert info.value.line == 7 and str(info.value.file).endswith("2024.yaml")
