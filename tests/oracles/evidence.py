"""A record's evidence row, one record at a time: what `frames.evidence_of` gives for every
row of a frame, held to it by `tests/audit/test_frames.py`."""

from __future__ import annotations

from cscaudit.facts.frames import RECORD_DATES, RECORD_WORKERS, evidence_text
from cscaudit.ingest.model import Record
from cscaudit.results.model import Evidence


def record_evidence(record: Record, key_field: str | None = None) -> Evidence:
    """The evidence row for one record: where it is, its id, its date and its worker."""
    v = record.values
    date_field, worker_field = RECORD_DATES.get(record.table), RECORD_WORKERS.get(record.table)
    return Evidence(record.source.file, record.source.sheet, record.row,
                    evidence_text(v.get(key_field)) if key_field else None,
                    evidence_text(v.get(date_field)) if date_field else None,
                    evidence_text(v.get(worker_field)) if worker_field else None)
