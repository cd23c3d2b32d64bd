"""The roster's names, one record at a time: what `label_names.names_in_frame` collects from
the roster frame, held to it by `tests/audit/test_frame_tables.py`."""

from __future__ import annotations

from collections.abc import Callable

from cscaudit.ingest.label_names import MIN_NAME
from cscaudit.ingest.model import Record


def roster_names(fields: tuple[str, ...], found: set[str]) -> Callable[[Record], None]:
    """A record consumer adding every name of `fields` (at least `MIN_NAME` long) to `found`."""
    def add(record: Record) -> None:
        values = record.values
        for name in fields:
            value = values.get(name)
            if isinstance(value, str) and len(value) >= MIN_NAME:
                found.add(value)
    return add
