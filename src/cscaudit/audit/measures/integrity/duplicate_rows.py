"""duplicate_rows: the same row entered twice (every value identical).

Params:
- `tables`: tables looked at (default service_ledger and visits).
- `min_rows`: duplicate rows that make this check count towards the veto (default 3).

Checked: the rows. Defect: a row identical to an earlier one; its evidence names the earlier
row. Memory: one 64-bit fingerprint and a row number per distinct row (the one check whose
memory grows with rows, about 100 bytes each).
Example: row 88 repeats row 12 of the service ledger: 1 duplicate.
"""

from __future__ import annotations

from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import measurement, table_title
from cscaudit.audit.model import Evidence, Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record, SourceRef

ID = "duplicate_rows"
SUMMARY = t("同一行被重复录入（各项内容完全相同）。", "the same row entered twice (every value identical).")
TABLES: tuple[str, ...] = ("staff", "roster", "service_ledger", "visits", "activities", "incidents",
                           "drills", "surveys", "complaints")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "tables": {"type": "array", "items": {"enum": list(TABLES)}, "default": ["service_ledger", "visits"]},
        "min_rows": {"type": "integer", "minimum": 1, "default": 3},
    },
}


def fingerprint(record: Record) -> int:
    """A hash of the row's values, in the reader's field order (the same for every row of one
    source, so equal rows of one file give equal tuples; rows are compared within their own
    source only)."""
    values = tuple(record.values.values())
    try:
        return hash(values)
    except TypeError:  # an unhashable value (a mapping of survey items): fall back to text
        return hash(repr(values))


class DuplicateRows:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.tables: tuple[str, ...] = tuple(spec.params["tables"])
        self.looked_at = frozenset(self.tables)
        self.seen_in: dict[SourceRef, dict[int, int]] = {}  # source -> fingerprint -> first row
        self.source: SourceRef | None = None  # the source of the last row, and its fingerprints
        self.seen: dict[int, int] = {}
        self.checked = 0
        self.dupes: dict[str, EvidenceCollector] = {}

    def add(self, record: Record) -> None:
        if record.table not in self.looked_at:
            return
        self.checked += 1
        if record.source is not self.source:
            self.source = record.source
            self.seen = self.seen_in.setdefault(record.source, {})
        first = self.seen.setdefault(fingerprint(record), record.row)
        if first != record.row:
            self.dupes.setdefault(record.table, EvidenceCollector()).add_evidence(
                Evidence(record.source.file, record.source.sheet, record.row, f"= {first}"))

    def finish(self) -> Measurement:
        findings = [
            self.spec.finding(t(f"{table_title(table).zh}有 {ev.total} 行与前面的行完全相同",
                                f"{ev.total} rows of the {table_title(table).en} repeat an "
                                "earlier row exactly"), ev)
            for table, ev in sorted(self.dupes.items())
        ]
        return measurement(self.checked, sum(ev.total for ev in self.dupes.values()), findings)


def start(spec: IndicatorSpec, ctx: AuditContext) -> DuplicateRows:
    return DuplicateRows(spec, ctx)
