"""How a visit finds its household when the tables spell households differently.

The roster and the visits often come from different systems: one writes `5-2-101`, the
other `5栋2单元101室`. A visit is linked by whichever key works, in this order:
1. the household id as written (trimmed, NFKC-folded: the reader's `key` type);
2. the normalised address (`cscaudit.ingest.address`) of the household id, compared with the
   roster's household ids and its 住址 column; an address naming no estate matches the one
   roster household with that building, unit and room;
3. the 户主 name and the last four characters of the ID number (kept in memory only: never
   printed or written).
`LinkTally` counts, per table, how many rows each key linked and how many stayed unlinked,
and keeps one example per spelling (shape) of the household column for messages and
`inspect`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cscaudit.i18n import Text, t
from cscaudit.ingest.address import AddressKey, AddressRules
from cscaudit.ingest.spellings import Spellings
from cscaudit.results.model import TableLinks

LINK_KEYS = ("id", "address", "person")
SPELLING_SAMPLE = 2_000  # rows not linked by id whose spellings are kept as examples
VALUES_REMEMBERED = 200_000  # household values whose link is remembered (bounded by households)
INACTIVE_STATUSES = frozenset({"cancelled", "moved", "deceased"})  # the roster's 状态 values
_AMBIGUOUS = ""  # an index entry two households share: links nobody
_CONTAINERS = (list, tuple, set, frozenset, dict)


def household_key(value: object) -> str | None:
    """A household id or worker as compared: trimmed text, None when empty."""
    if type(value) is str:
        stripped = value.strip()
        return stripped or None
    if value is None or (isinstance(value, _CONTAINERS) and not value):
        return None
    return str(value).strip()


def person_key(name: object, id_number: object) -> tuple[str, str] | None:
    """(name, last four of the ID number), or None when either is missing."""
    if not isinstance(name, str) or not isinstance(id_number, str):
        return None
    name, tail = name.strip(), id_number.strip().upper()[-4:]
    return (name, tail) if name and len(tail) == 4 else None


@dataclass
class LinkTally:
    """How the rows of one table were linked to the roster."""

    rules: AddressRules
    by_key: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LINK_KEYS, 0))
    unlinked: int = 0
    spellings: Spellings | None = None

    def count(self, how: str | None, value: object) -> None:
        if how is None:
            self.unlinked += 1
        else:
            self.by_key[how] += 1
        if how != "id":
            if self.spellings is None:
                self.spellings = Spellings(self.rules, sample=SPELLING_SAMPLE)
            self.spellings.add(value)

    @property
    def rows(self) -> int:
        return self.unlinked + sum(self.by_key.values())

    def result(self, table: str) -> TableLinks:
        return TableLinks(
            table=table, rows=self.rows, by_id=self.by_key["id"],
            by_address=self.by_key["address"], by_person=self.by_key["person"],
            unlinked=self.unlinked,
            spellings=self.spellings.examples() if self.spellings else (),
        )


# The visit indicators' `min_link_rate` (visit_frequency, visit_content share it): below this
# share of the visits linked to a roster household the visits cannot be judged: the tool
# failed to match them (ids spelled differently), the center did not fail to visit. No
# document sets it (checklists give its source as inferred): below one visit in two the
# visit indicators would score the matching, not the visits.
MIN_LINK_RATE_SCHEMA: dict[str, object] = {
    "type": "number", "minimum": 0, "maximum": 1, "default": 0.5,
    "description": "走访记录能关联到名册住户的最低比例，低于此值走访指标无法评定（来源：inferred）/ "
                   "the least share of visits linked to a roster household below which the visit "
                   "indicators cannot be judged (source: inferred)",
}


def link_shortfall(links: TableLinks, min_rate: float) -> tuple[Text, Text] | None:
    """(what is wrong, what to do) when fewer than `min_rate` of a table's rows found their
    roster household, naming how the roster and the table spell households; else None."""
    rate = links.rate
    if rate is None or rate >= min_rate:
        return None
    roster = links.roster_spellings[0] if links.roster_spellings else "?"
    theirs = links.spellings[0] if links.spellings else "?"
    linked = links.rows - links.unlinked
    what = t(
        f"名册户号形如 {roster}，走访记录形如 {theirs}：{links.rows} 条走访记录中只有 {linked} 条"
        f"（{rate:.1%}）能对应到名册中的住户，低于 {min_rate:.0%}，走访指标无法据此评定",
        f"the roster writes households as {roster}, the visits as {theirs}: only {linked} of "
        f"{links.rows} visits ({rate:.1%}) could be matched to a roster household, below "
        f"{min_rate:.0%}, so the visit indicators cannot be judged")
    todo = t(
        "请让走访记录与名册使用同一户号，或在名册中提供住址列（住址、家庭住址），或在字段字典的 "
        "address: 中补充本地的门牌写法后重新运行；cscaudit inspect 可显示各表户号的写法",
        "write the roster's household ids in the visits, or give the roster an address column "
        "(住址, 家庭住址), or add the local way of writing addresses under address: in a field "
        "dictionary, and run again; cscaudit inspect shows how each table writes households")
    return what, todo


class AddressIndex:
    """Roster households by canonical address, and by room without the estate.

    The roster's household ids are indexed first; its address column (住址) only when a value
    is not found by them (most rosters that write addresses write them in the id column), so
    a roster is read for addresses once at most. Each value looked up is remembered."""

    def __init__(self, rules: AddressRules, ids: Iterable[str],
                 addresses: Mapping[str, object]) -> None:
        self.rules = rules
        self.exact: dict[AddressKey, str] = {}
        # the room without its estate -> [(estate, household)]
        self.rooms: dict[tuple[str, str, str, str], list[tuple[str, str]]] = {}
        self._addresses: Mapping[str, object] | None = addresses or None
        self._found: dict[str, str | None] = {}
        for hid in ids:
            self._index(hid, hid)

    def _index(self, hid: str, value: object) -> None:
        key = self.rules.key(value)
        if key is None:
            return
        known = self.exact.get(key)
        self.exact[key] = hid if known in (None, hid) else _AMBIGUOUS
        entries = self.rooms.setdefault(key.room_key, [])
        if (key.estate, hid) not in entries:
            entries.append((key.estate, hid))

    def find(self, value: object) -> str | None:
        if not isinstance(value, str):
            return None
        if value in self._found:
            return self._found[value]
        found = self._lookup(value)
        if found is None and self._addresses is not None:
            self.index_addresses()
            found = self._lookup(value)
        if len(self._found) < 200_000:
            self._found[value] = found
        return found

    def index_addresses(self) -> None:
        """Index the roster's address column now (`find` does it at its first miss)."""
        addresses, self._addresses = self._addresses, None
        for hid, address in (addresses or {}).items():
            self._index(hid, address)
        self._found.clear()

    def _lookup(self, value: object) -> str | None:
        key = self.rules.key(value)
        if key is None:
            return None
        hid = self.exact.get(key)
        if hid is not None:
            return hid or None
        entries = self.rooms.get(key.room_key, ())
        # an estate on one side only still names the room; two estates never match
        hids = {h for estate, h in entries if not key.estate or not estate}
        return hids.pop() if len(hids) == 1 else None


class PersonIndex:
    """Roster households by (户主 name, last four of the ID number)."""

    def __init__(self) -> None:
        self.by_person: dict[tuple[str, str], str] = {}

    def add(self, key: tuple[str, str] | None, hid: str) -> None:
        if key is not None:
            known = self.by_person.get(key)
            self.by_person[key] = hid if known in (None, hid) else _AMBIGUOUS

    def find(self, key: tuple[str, str] | None) -> str | None:
        return (self.by_person.get(key) or None) if key is not None else None
