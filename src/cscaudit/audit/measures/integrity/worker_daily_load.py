"""worker_daily_load: a worker "visiting" more households in one day than is plausible.

Params:
- `max_households`: distinct households one worker can visit in a day (default 30).
- `min_rows`: flagged worker-days that make this check count towards the veto (default 1).

Checked: the worker-days with visits. Defect: a worker-day above the limit; the evidence is
the first visit row of that day, keyed by worker, date and count.
Memory: a set of household ids per worker-day, bounded by workers x days.
Example: 王芳 with 42 households on 2024-06-12 (limit 30): 1 flagged day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import as_date, filled, measurement
from cscaudit.audit.model import Evidence, Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "worker_daily_load"
TABLES: tuple[str, ...] = ("visits",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "max_households": {"type": "integer", "minimum": 1, "default": 30},
        "min_rows": {"type": "integer", "minimum": 1, "default": 1},
    },
}


class WorkerDailyLoad:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.limit = int(spec.params.get("max_households", 30))
        self.days: dict[tuple[str, dt.date], set[str]] = {}
        self.first: dict[tuple[str, dt.date], Evidence] = {}

    def add(self, record: Record) -> None:
        v = record.values
        day, worker = as_date(v.get("visited_on")), v.get("worker")
        if day is None or not filled(worker) or not filled(v.get("household_id")):
            return
        key = (str(worker).strip(), day)
        households = self.days.get(key)
        if households is None:
            households = self.days[key] = set()
            self.first[key] = Evidence(record.source.file, record.source.sheet, record.row)
        households.add(str(v["household_id"]).strip())

    def finish(self) -> Measurement:
        over = sorted((k for k, hs in self.days.items() if len(hs) > self.limit), key=lambda k: (k[1], k[0]))
        findings = []
        if over:
            evidence = EvidenceCollector()
            for worker, day in over:
                e = self.first[(worker, day)]
                evidence.add_evidence(Evidence(e.file, e.sheet, e.row, f"{worker} {day} ×{len(self.days[(worker, day)])}"))
            findings.append(self.spec.finding(t(
                f"{len(over)} 个工作日中有社工一天走访超过 {self.limit} 户",
                f"on {len(over)} worker-days a worker visited more than {self.limit} households"), evidence))
        return measurement(len(self.days), len(over), findings)


def start(spec: IndicatorSpec, ctx: AuditContext) -> WorkerDailyLoad:
    return WorkerDailyLoad(spec, ctx)
