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

from collections.abc import Iterable
from dataclasses import dataclass, field

from cscaudit.audit.model import TableLinks
from cscaudit.ingest.address import AddressRules, Spellings

LINK_KEYS = ("id", "address", "person")
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
                self.spellings = Spellings(self.rules)
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
    """Roster households by canonical address, and by room without the estate."""

    def __init__(self, rules: AddressRules, households: Iterable[tuple[str, Iterable[object]]]):
        self.rules = rules
        self.exact: dict[str, str] = {}
        self.rooms: dict[str, list[tuple[str, str]]] = {}  # room key -> [(estate, household)]
        for hid, values in households:
            for value in values:
                key = rules.key(value)
                if key is None:
                    continue
                known = self.exact.get(key.canonical)
                self.exact[key.canonical] = hid if known in (None, hid) else _AMBIGUOUS
                entries = self.rooms.setdefault(key.room_key, [])
                if (key.estate, hid) not in entries:
                    entries.append((key.estate, hid))

    def find(self, value: object) -> str | None:
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
