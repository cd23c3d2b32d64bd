"""The household roster as a record-at-a-time index, as the record stream linked visits: the
rule the `household_links` and `roster_households` facts (`facts/households.py`)
compute on frames, held to it by `tests/audit/test_household_facts.py` and
`tests/audit/measures/test_visit_completeness.py`. One entry per household, not per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from cscaudit.ingest.address import AddressRules
from cscaudit.ingest.model import Record
from cscaudit.ingest.spellings import Spellings
from cscaudit.measures.base import TABLE_ORDER
from cscaudit.measures.common import as_date, codes
from cscaudit.results.model import Evidence, TableLinks
from cscaudit.rules.household_links import (
    INACTIVE_STATUSES,
    SPELLING_SAMPLE,
    VALUES_REMEMBERED,
    AddressIndex,
    LinkTally,
    PersonIndex,
    household_key,
    person_key,
)


@dataclass(frozen=True, slots=True)
class Household:
    id: str
    groups: tuple[str, ...]
    worker: str | None
    registered_on: dt.date | None  # arrival or registration in the community (登记日期)
    left_on: dt.date | None  # 注销/迁出/死亡 date
    inactive_undated: bool  # marked cancelled/moved/deceased but no date given
    evidence: Evidence
    group_since: dt.date | None = None  # joined its key group (纳入日期): not an arrival date
    status: str | None = None  # active, cancelled, moved, deceased (None: not given)

    def span(self, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
        """The part of [start, end] the household was on the roster in its group, or None."""
        if self.inactive_undated:
            return None
        lo = max([start, *(d for d in (self.registered_on, self.group_since) if d)])
        hi = min(end, self.left_on) if self.left_on else end
        return (lo, hi) if lo <= hi else None


class RosterIndex:
    """Households by id; a later row for the same household replaces the earlier one."""

    def __init__(self, rules: AddressRules | None = None) -> None:
        if rules is None:
            from cscaudit.ingest import load_dictionary

            rules = load_dictionary().address
        self.rules = rules
        self.households: dict[str, Household] = {}
        self.rows_without_id = 0
        self.spellings = Spellings(rules, sample=SPELLING_SAMPLE)  # of the roster's ids
        self.tallies: dict[str, LinkTally] = {}
        self._addresses: dict[str, object] = {}  # household -> its 住址 cell, when filled
        self._address_index: AddressIndex | None = None
        self._people = PersonIndex()
        self._by_value: dict[str, tuple[Household | None, str]] = {}  # what each value linked to
        self._last: Record | None = None
        self._last_household: Household | None = None

    def add(self, record: Record) -> Household | None:
        v = record.values
        hid = household_key(v.get("household_id"))
        if hid is None:
            self.rows_without_id += 1
            return None
        left = as_date(v.get("left_on"))
        status = v.get("status")
        household = Household(
            id=hid,
            groups=codes(v.get("group")),
            worker=household_key(v.get("worker")),
            registered_on=as_date(v.get("registered_on")),
            left_on=left,
            inactive_undated=left is None and status in INACTIVE_STATUSES,
            evidence=Evidence(record.source.file, record.source.sheet, record.row, hid,
                              None, household_key(v.get("worker"))),
            group_since=as_date(v.get("group_since")),
            status=status if isinstance(status, str) else None,
        )
        self.households[hid] = household
        self.spellings.add(hid)
        address = v.get("address")
        if address is not None:
            self._addresses[hid] = address
        self._address_index = None
        self._by_value.clear()
        self._people.add(person_key(v.get("resident"), v.get("id_number")), hid)
        return household

    def get(self, household_id: object) -> Household | None:
        if type(household_id) is str and household_id in self.households:
            return self.households[household_id]
        key = household_key(household_id)
        return self.households.get(key) if key is not None else None

    def link(self, record: Record) -> Household | None:
        """The roster household a row of another table names, by whichever key works; each
        row is counted once in its table's `LinkTally`, whoever asks first."""
        if record is self._last:
            return self._last_household
        v = record.values
        value = v.get("household_id")
        known = self._by_value.get(value) if type(value) is str else None
        if known is None:
            known = self._by_id_or_address(value)
            if type(value) is str and len(self._by_value) < VALUES_REMEMBERED:
                self._by_value[value] = known
        household, how = known
        if household is None:
            hid = self._people.find(person_key(v.get("resident"), v.get("id_number")))
            household, how = (self.households.get(hid) if hid else None), "person"
        tally = self.tallies.get(record.table)
        if tally is None:
            tally = self.tallies[record.table] = LinkTally(self.rules)
        tally.count(how if household is not None else None, value)
        self._last, self._last_household = record, household
        return household

    def _by_id_or_address(self, value: object) -> tuple[Household | None, str]:
        household = self.get(value)
        return (household, "id") if household is not None else (self._by_address(value), "address")

    def _by_address(self, value: object) -> Household | None:
        if not self.households or not isinstance(value, str):
            return None
        index = self._address_index
        if index is None:
            index = self._address_index = AddressIndex(self.rules, self.households,
                                                       self._addresses)
        hid = index.find(value)
        return self.households.get(hid) if hid else None

    def link_results(self) -> tuple[TableLinks, ...]:
        """Per table that was linked, how its rows found their households (table order);
        none without a roster to link to."""
        if not self.households:
            return ()
        roster = self.spellings.examples()
        order = sorted(self.tallies, key=lambda tb: (TABLE_ORDER.index(tb)
                                                     if tb in TABLE_ORDER else len(TABLE_ORDER), tb))
        return tuple(replace(self.tallies[table].result(table), roster_spellings=roster)
                     for table in order)

    def __len__(self) -> int:
        return len(self.households)


def visit_groups(record: Record, household: Household | None) -> tuple[str, ...]:
    """The groups a visit is judged against: the roster's, else the visit row's own."""
    if household is not None and household.groups:
        return household.groups
    return codes(record.values.get("group"))
