"""The table census, one record at a time: what `table_census.census_of` counts over the
frames, held to it by `tests/audit/test_frame_tables.py`."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from cscaudit.facts.table_census import TableCensus
from cscaudit.ingest.model import Record


def count_record(census: TableCensus, record: Record) -> None:
    """Count `record` in `census`: one record of its table, one of its dating field's year."""
    census.records[record.table] += 1
    name = census.dating.get(record.table)
    if name is None:
        return
    value = record.values.get(name)
    if isinstance(value, dt.date):  # datetime is a date too
        census.years.setdefault(record.table, Counter())[value.year] += 1
