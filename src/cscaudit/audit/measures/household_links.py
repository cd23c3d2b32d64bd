"""How a visit finds its household when the tables spell households differently.

The roster, the visits and the service ledger often come from different systems: one writes
`5-2-101`, another `5栋2单元101室`. A row is linked by whichever key works, in this order:
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

from cscaudit.audit.model import TableLinks
from cscaudit.ingest.address import AddressRules
from cscaudit.ingest.spellings import Spellings

LINK_KEYS = ("id", "address", "person")
SPELLING_SAMPLE = 2_000  # rows not linked by id whose spellings are kept as examples
_AMBIGUOUS = ""  # an index entry two households share: links nobody


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


class AddressIndex:
    """Roster households by canonical address, and by room without the estate.

    The roster's household ids are indexed first; its address column (住址) only when a value
    is not found by them (most rosters that write addresses write them in the id column), so
    a roster is read for addresses once at most. Each value looked up is remembered."""

    def __init__(self, rules: AddressRules, ids: Iterable[str],
                 addresses: Mapping[str, object]) -> None:
        self.rules = rules
        self.exact: dict[str, str] = {}
        self.rooms: dict[str, list[tuple[str, str]]] = {}  # room key -> [(estate, household)]
        self._addresses: Mapping[str, object] | None = addresses or None
        self._found: dict[str, str | None] = {}
        for hid in ids:
            self._index(hid, hid)

    def _index(self, hid: str, value: object) -> None:
        key = self.rules.key(value)
        if key is None:
            return
        canonical = key.canonical
        known = self.exact.get(canonical)
        self.exact[canonical] = hid if known in (None, hid) else _AMBIGUOUS
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
            addresses, self._addresses = self._addresses, None
            for hid, address in addresses.items():
                self._index(hid, address)
            self._found.clear()
            found = self._lookup(value)
        if len(self._found) < 200_000:
            self._found[value] = found
        return found

    def _lookup(self, value: object) -> str | None:
        key = self.rules.key(value)
        if key is None:
            return None
        hid = self.exact.get(key.canonical)
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
