"""Working days on China's official calendar: public holidays and make-up working days (调休).

The data are `standards/calendar/<year>.yaml` (kind: calendar), one file per year, taken from
the State Council General Office's annual holiday notice. A date is a working day when it is a
make-up working day, or a Monday to Friday that is not a holiday. For a year the data do not
cover, the calendar falls back to Monday to Friday and `warnings_for(year)` says so.

Time limits: "N working days" count from the first working day after the day of receipt (the
day of receipt never counts, whatever time the matter came in); a matter is on time when it
is completed on or before the N-th working day. The audit asks this once per case, so the
calendar keeps a running count of working days over the covered years and answers with a
binary search instead of walking day by day.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from cscaudit.errors import ConfigError
from cscaudit.i18n import Text, t
from cscaudit.resources import standards_dir

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CalendarYear:
    """Where one year's data came from."""

    year: int
    source: str  # the notice title (and document number when known)
    file: str


@dataclass(frozen=True)
class WorkCalendar:
    """Holidays and make-up working days of the covered years, with fast working-day sums."""

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    years: tuple[CalendarYear, ...] = ()
    _start: dt.date = field(init=False, repr=False, compare=False)
    _cum: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        covered = [y.year for y in self.years]
        if covered:
            start, end = dt.date(min(covered), 1, 1), dt.date(max(covered) + 1, 12, 31)
        else:
            start = end = dt.date(2000, 1, 1)
        counts: list[int] = []
        running = 0
        day = start
        while day <= end:
            running += self.is_working_day(day)
            counts.append(running)
            day += _ONE_DAY
        object.__setattr__(self, "_start", start)
        object.__setattr__(self, "_cum", tuple(counts))

    @property
    def covered_years(self) -> frozenset[int]:
        return frozenset(y.year for y in self.years)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def _index(self, day: dt.date) -> int | None:
        i = (day - self._start).days
        return i if 0 <= i < len(self._cum) else None

    def add_working_days(self, received: dt.date, n: int) -> dt.date:
        """The N-th working day after `received` (the day of receipt does not count)."""
        if n < 0:
            raise ValueError("n must be >= 0")
        if n == 0:
            return received
        i = self._index(received)
        if i is not None:
            target = self._cum[i] + n
            j = bisect_left(self._cum, target, lo=i)
            if j < len(self._cum):
                return self._start + dt.timedelta(days=j)
        day, left = received, n
        while left:
            day += _ONE_DAY
            left -= self.is_working_day(day)
        return day

    def on_time(self, received: dt.date, completed: dt.date, n: int) -> bool:
        """Completed on or before the N-th working day after receipt."""
        return completed <= self.add_working_days(received, n)

    def working_days_between(self, received: dt.date, completed: dt.date) -> int:
        """Working days after `received` up to and including `completed` (0 if not later)."""
        if completed <= received:
            return 0
        i, j = self._index(received), self._index(completed)
        if i is not None and j is not None:
            return self._cum[j] - self._cum[i]
        count, day = 0, received
        while day < completed:
            day += _ONE_DAY
            count += self.is_working_day(day)
        return count

    def warnings_for(self, *years: int) -> tuple[Text, ...]:
        """A warning for each year the holiday data do not cover (Monday-Friday is used)."""
        covered = self.covered_years
        span = f"{min(covered)}–{max(covered)}" if covered else "—"
        return tuple(
            t(f"节假日数据未覆盖 {y} 年（现有 {span}）：该年按周一至周五计算工作日，"
              "法定节假日和调休未计入；请在 standards/calendar/ 中补充该年数据",
              f"the holiday data do not cover {y} (they cover {span}): working days in {y} "
              "are counted Monday to Friday, without public holidays or make-up days; add "
              "that year under standards/calendar/")
            for y in sorted(set(years)) if y not in covered
        )


def _date(value: object, file: str, where: tuple[int, int]) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(t(f"日期无效：{value}", f"invalid date: {value}"),
                          file=file, line=where[0], column=where[1]) from exc


def _read_year(path: Path) -> tuple[CalendarYear, list[dt.date], list[dt.date]]:
    from cscaudit.config.documents import load_document

    loaded = load_document(path, "calendar")
    data = loaded.data
    holidays: list[dt.date] = []
    workdays: list[dt.date] = []
    for i, holiday in enumerate(data["holidays"]):
        first = _date(holiday["from"], loaded.path, loaded.locate(("holidays", i, "from")))
        last = _date(holiday["to"], loaded.path, loaded.locate(("holidays", i, "to")))
        if last < first:
            line, col = loaded.locate(("holidays", i, "to"))
            raise ConfigError(t("放假结束日期早于开始日期", "the last day off is before the first"),
                              file=loaded.path, line=line, column=col)
        day = first
        while day <= last:
            holidays.append(day)
            day += _ONE_DAY
        for k, value in enumerate(holiday.get("workdays", [])):
            workdays.append(_date(value, loaded.path,
                                  loaded.locate(("holidays", i, "workdays", k))))
    source = data["source"]
    label = source["title"] + (f"（{source['document']}）" if source.get("document") else "")
    return CalendarYear(int(data["year"]), label, loaded.path), holidays, workdays


def build_calendar(files: Iterable[Path]) -> WorkCalendar:
    """A calendar from the given year files; ConfigError on a file that is not valid."""
    years: list[CalendarYear] = []
    holidays: set[dt.date] = set()
    workdays: set[dt.date] = set()
    for path in sorted(files):
        year, days_off, days_on = _read_year(path)
        if any(y.year == year.year for y in years):
            raise ConfigError(t(f"{year.year} 年的节假日数据重复", f"{year.year} is given twice"),
                              file=str(path))
        years.append(year)
        holidays.update(days_off)
        workdays.update(days_on)
    clash = holidays & workdays
    if clash:
        day = min(clash)
        raise ConfigError(t(f"{day} 既是假日又是调休上班日", f"{day} is both a holiday and a "
                            "make-up working day"))
    return WorkCalendar(frozenset(holidays), frozenset(workdays),
                        tuple(sorted(years, key=lambda y: y.year)))


@cache
def _default_calendar() -> WorkCalendar:
    return build_calendar((standards_dir() / "calendar").glob("*.yaml"))


def load_calendar(folder: Path | None = None) -> WorkCalendar:
    """The shipped calendar (cached), or the one in `folder`."""
    if folder is None:
        return _default_calendar()
    return build_calendar(Path(folder).glob("*.yaml"))
