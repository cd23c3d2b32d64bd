"""The record-stream visit-period tracker the worker card used before it read the
`visit_coverage` fact: kept as the test oracle the fact is held to, row by row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from cscaudit.ingest.model import Record
from cscaudit.measures.common import as_date, codes
from cscaudit.rules.periods import FREQUENCIES, NONE, Calendarised, strictest
from tests.oracles.households import Household, RosterIndex

_UNSEEN = object()


class FrequencyTracker:
    """Which periods each household was visited in (params filled from visit_frequency's
    `PARAMS_SCHEMA`)."""

    def __init__(self, params: Mapping[str, Any], start: dt.date, end: dt.date,
                 roster: RosterIndex) -> None:
        self.freq_of = {str(k): str(v) for k, v in dict(params["frequencies"] or {}).items()}
        self.default = str(params["default"])
        self.methods = set(params["methods"]) if params.get("methods") else None
        self.calendars = {f: Calendarised(f, start, end) for f in FREQUENCIES}
        self.roster = roster
        self.visited: dict[str, set[int]] = {}
        self._by_groups: dict[tuple[str, ...], str] = {}
        self._day_index: dict[str, dict[dt.date, Any]] = {f: {} for f in FREQUENCIES}

    def frequency(self, household: Household) -> str:
        groups = household.groups
        if groups not in self._by_groups:
            self._by_groups[groups] = strictest(groups, self.freq_of, self.default)
        return self._by_groups[groups]

    def add_visit(self, record: Record) -> None:
        v = record.values
        day = as_date(v.get("visited_on"))
        if day is None or (self.methods is not None and self.methods.isdisjoint(codes(v.get("method")))):
            return
        household = self.roster.link(record)
        if household is None:
            return
        frequency = self.frequency(household)
        if frequency == NONE:
            return
        # a year has a few hundred distinct visit days: each frequency's period index of each
        # day is worked out once
        index_of = self._day_index[frequency]
        index = index_of.get(day, _UNSEEN)
        if index is _UNSEEN:
            index = index_of[day] = self.calendars[frequency].index_of(day)
        if index is not None:
            seen = self.visited.get(household.id)
            if seen is None:
                seen = self.visited[household.id] = set()
            seen.add(index)

    def results(self) -> Iterator[tuple[Household, str, int, int]]:
        """(household, frequency, periods required, periods met) for every household judged."""
        for h in self.roster.households.values():
            freq = self.frequency(h)
            if freq == NONE:
                continue
            cal = self.calendars[freq]
            required = cal.required(h.span(cal.start, cal.end))
            done = self.visited.get(h.id, set())
            yield h, freq, len(required), sum(1 for i in required if i in done)
