"""year_end_burst: many records dated on one day at the very end of the period.

Ledgers written up for the inspection show a spike of records in the last days of the
year. A day in the last `last_days` days of the period is a burst when its records reach
`factor` times the average of the days that have records, and at least `min_records`.

Params:
- `tables`: tables looked at (default visits and service_ledger), each by its own date
  (visited_on, received_at, held_on ...).
- `last_days` (default 10), `factor` (default 3), `min_records` (default 30).
- `min_rows`: records on burst days that make this check count towards the veto (default 1).

Checked: the records dated in the period. Defect: a record on a burst day.
Example: 12 visits a day on average, 96 on 2024-12-28: a burst.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import as_date, in_period, measurement, table_title
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "year_end_burst"
DATE_FIELDS = {"visits": "visited_on", "service_ledger": "received_at", "activities": "held_on",
               "drills": "held_on", "surveys": "surveyed_on", "complaints": "received_at",
               "incidents": "occurred_at"}
TABLES: tuple[str, ...] = tuple(DATE_FIELDS)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "tables": {"type": "array", "items": {"enum": list(DATE_FIELDS)}, "default": ["visits", "service_ledger"]},
        "last_days": {"type": "integer", "minimum": 1, "default": 10},
        "factor": {"type": "number", "minimum": 1, "default": 3},
        "min_records": {"type": "integer", "minimum": 1, "default": 30},
        "min_rows": {"type": "integer", "minimum": 1, "default": 1},
    },
}


class YearEndBurst:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.tables: tuple[str, ...] = tuple(p.get("tables", ["visits", "service_ledger"]))
        self.window_start = ctx.period_end - dt.timedelta(days=int(p.get("last_days", 10)) - 1)
        self.factor = float(p.get("factor", 3))
        self.min_records = int(p.get("min_records", 30))
        self.per_day: dict[tuple[str, dt.date], int] = {}
        self.rows: dict[tuple[str, dt.date], EvidenceCollector] = {}

    def add(self, record: Record) -> None:
        if record.table not in self.tables:
            return
        day = as_date(record.values.get(DATE_FIELDS[record.table]))
        if day is None or not in_period(day, self.ctx.period_start, self.ctx.period_end):
            return
        key = (record.table, day)
        self.per_day[key] = self.per_day.get(key, 0) + 1
        if day >= self.window_start:
            rows = self.rows.get(key)
            if rows is None:
                rows = self.rows[key] = EvidenceCollector(cap=20)
            rows.add(record)

    def finish(self) -> Measurement:
        findings = []
        flagged = 0
        for table in self.tables:
            counts = [n for (tb, _), n in self.per_day.items() if tb == table]
            if not counts:
                continue
            average = sum(counts) / len(counts)
            need = max(self.min_records, self.factor * average)
            for (tb, day), ev in sorted(self.rows.items()):
                n = self.per_day[(tb, day)]
                if tb == table and n >= need:
                    flagged += n
                    findings.append(self.spec.finding(t(
                        f"{table_title(table).zh}在 {day} 集中登记 {n} 条记录（日均 {average:.1f} 条）",
                        f"{n} {table_title(table).en} records dated {day} "
                        f"(a day averages {average:.1f})"), ev))
        return measurement(sum(self.per_day.values()), flagged, findings)


def start(spec: IndicatorSpec, ctx: AuditContext) -> YearEndBurst:
    return YearEndBurst(spec, ctx)
