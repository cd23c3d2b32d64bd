"""The household roster (联户名册) as a small index: one entry per household, not per row.

Several kinds and the worker card need the same facts about a household: its groups, its
worker, when it entered and left the roster, and where its row is (for evidence). The roster
is read before the visits (`TABLE_ORDER`), so by the first visit the index is complete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cscaudit.audit.measures.common import as_date, codes, filled
from cscaudit.audit.model import Evidence
from cscaudit.ingest.model import Record

INACTIVE_STATUSES = frozenset({"cancelled", "moved", "deceased"})


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


def _key(value: object) -> str | None:
    if type(value) is str:
        stripped = value.strip()
        return stripped or None
    return str(value).strip() if filled(value) else None


class RosterIndex:
    """Households by id; a later row for the same household replaces the earlier one."""

    def __init__(self) -> None:
        self.households: dict[str, Household] = {}
        self.rows_without_id = 0

    def add(self, record: Record) -> Household | None:
        v = record.values
        hid = _key(v.get("household_id"))
        if hid is None:
            self.rows_without_id += 1
            return None
        left = as_date(v.get("left_on"))
        status = v.get("status")
        household = Household(
            id=hid,
            groups=codes(v.get("group")),
            worker=_key(v.get("worker")),
            registered_on=as_date(v.get("registered_on")),
            left_on=left,
            inactive_undated=left is None and status in INACTIVE_STATUSES,
            evidence=Evidence(record.source.file, record.source.sheet, record.row, hid),
            group_since=as_date(v.get("group_since")),
            status=status if isinstance(status, str) else None,
        )
        self.households[hid] = household
        return household

    def get(self, household_id: object) -> Household | None:
        if type(household_id) is str and household_id in self.households:
            return self.households[household_id]
        key = _key(household_id)
        return self.households.get(key) if key is not None else None

    def __len__(self) -> int:
        return len(self.households)


def shared_roster(ctx: Any) -> tuple[RosterIndex, bool]:
    """The audit's one roster index, and whether the caller is the one to feed it roster
    records (the first to ask). Every kind that needs households reads this same index."""
    index = ctx.shared.get(_SHARED_KEY)
    if index is not None:
        return index, False
    index = ctx.shared[_SHARED_KEY] = RosterIndex()
    return index, True


_SHARED_KEY = ("roster_index",)


def visit_groups(record: Record, household: Household | None) -> tuple[str, ...]:
    """The groups a visit is judged against: the roster's, else the visit row's own."""
    if household is not None and household.groups:
        return household.groups
    return codes(record.values.get("group"))
