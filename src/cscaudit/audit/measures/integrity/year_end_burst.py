"""year_end_burst: many records written on one day at the very end of the period.

Ledgers written up for the inspection show a spike of records in the last days of the
year. A day in the last `last_days` days of the period is a burst when its records reach
`factor` times the average of the days that have records, and at least `min_records`.

Which day a record counts on: the day it was written down. A visit's own date says when the
visit happened, and a New-Year visiting campaign puts many real visits on one late December
day; so visits are judged on their record-creation column (`entered_on`: 录入时间, 登记日期 …)
and only on it. Visits without one are not judged: a burst of visit dates alone is no sign of
fabrication, and an info note says so. Other tables are judged on their own date
(received_at, held_on …): a case is registered on the day it is received.

Params:
- `tables`: tables looked at (default visits and service_ledger).
- `last_days` (default 10), `factor` (default 3), `min_records` (default 30).
- `min_rows`: records on burst days that make this check count towards the veto (default 1).

Checked: the records dated in the period. Defect: a record on a burst day.
Example: 12 visits entered a day on average, 96 entered on 2024-12-28: a burst; 96 visits
dated 2024-12-27 with no 录入时间 column: not judged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.audit.measures.base import (
    RECORD_DATES,
    AuditContext,
    EvidenceCollector,
    IndicatorSpec,
)
from cscaudit.audit.measures.common import as_date, in_period, measurement, table_title
from cscaudit.audit.model import Finding, Measurement, Severity
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "year_end_burst"
SUMMARY = t("考核期末某一天集中录入大量记录。", "many records written on one day at the very end of the period.")
# a visit is judged on the day it was entered (录入时间), never on the day of the visit
DATE_FIELDS = {"visits": "entered_on", **{table: RECORD_DATES[table] for table in (
    "service_ledger", "activities", "drills", "surveys", "complaints", "incidents")}}
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
        self.tables: tuple[str, ...] = tuple(p["tables"])
        self.window_start = ctx.period_end - dt.timedelta(days=int(p["last_days"]) - 1)
        self.factor = float(p["factor"])
        self.min_records = int(p["min_records"])
        self.per_day: dict[tuple[str, dt.date], int] = {}
        self.rows: dict[tuple[str, dt.date], EvidenceCollector] = {}
        self.undated: dict[str, int] = {}  # records without their table's date, by table

    def add(self, record: Record) -> None:
        if record.table not in self.tables:
            return
        day = as_date(record.values.get(DATE_FIELDS[record.table]))
        if day is None:
            self.undated[record.table] = self.undated.get(record.table, 0) + 1
            return
        if not in_period(day, self.ctx.period_start, self.ctx.period_end):
            return
        key = (record.table, day)
        self.per_day[key] = self.per_day.get(key, 0) + 1
        if day >= self.window_start:
            rows = self.rows.get(key)
            if rows is None:
                rows = self.rows[key] = EvidenceCollector()
            rows.add(record)

    def finish(self) -> Measurement:
        findings: list[Finding] = []
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
                        f"{table_title(table).zh}在 {day} 集中登记 {n} 条（该年日均 {average:.1f} 条）",
                        f"{n} {table_title(table).en} records entered on {day} "
                        f"(the year's average: {average:.1f} a day)"), ev))
        unjudged = self.undated.get("visits", 0)
        if unjudged:
            findings.append(self.spec.finding(t(
                f"{unjudged} 条走访记录没有录入时间（录入时间、登记日期等列）：年末集中补录只按录入日期判断，"
                "走访日期集中（如节日走访活动）不作为造假迹象，未评定",
                f"{unjudged} visits have no entry date (录入时间, 登记日期 ...): a year-end burst is "
                "judged on the day records were entered; visit dates bunched together (a holiday "
                "visiting campaign) are no sign of fabrication: not judged"), severity=Severity.INFO))
        return measurement(sum(self.per_day.values()), flagged, findings)


def start(spec: IndicatorSpec, ctx: AuditContext) -> YearEndBurst:
    return YearEndBurst(spec, ctx)
