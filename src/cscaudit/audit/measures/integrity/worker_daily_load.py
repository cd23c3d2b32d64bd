"""worker_daily_load: a worker "visiting" more households in person in one day than is plausible.

Only home visits count (走访方式 入户 / 上门, or no method recorded): phone, video and WeChat
contacts and residents calling in take minutes each and are not part of the load. One
implausible day is a 疑点 to verify, like every integrity signal, not proof.

Params:
- `max_households`: distinct households one worker can visit in person in a day (default
  30). Source: inferred, no published norm: an 8-hour day (the centers' 08:30–17:30 hours
  less a lunch break) at a quarter of an hour per household, walking included, is 32.
- `min_rows`: flagged worker-days that make this check count towards the veto (default 1).

Checked: the worker-days with home visits. Defect: a worker-day above the limit; each is its
own finding naming the worker and the day, with the worker set (the 社工 column) and the
visit rows of that day as evidence, keyed by household.
Memory: a set of household ids and the first visit rows (up to the evidence cap) per
worker-day, bounded by workers x days.
Example: 王芳 with 42 households visited in person on 2024-06-12 (limit 30): 1 flagged day,
「王芳 2024-06-12 一天入户走访 42 户（上限 30 户）」; the same 42 with 20 of them phone calls:
not flagged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import as_date, filled, measurement
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "worker_daily_load"
SUMMARY = t("社工一天入户走访的户数超出合理范围。",
            'a worker "visiting" more households in person in one day than is plausible.')
TABLES: tuple[str, ...] = ("visits",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "max_households": {"type": "integer", "minimum": 1, "default": 30},
        "min_rows": {"type": "integer", "minimum": 1, "default": 1},
    },
}


HOME_VISIT = frozenset({"in_person", None})  # the 走访方式 codes that are a home visit


class WorkerDailyLoad:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.limit = int(spec.params["max_households"])
        self.days: dict[tuple[str, dt.date], set[str]] = {}
        self.rows: dict[tuple[str, dt.date], EvidenceCollector] = {}

    def add(self, record: Record) -> None:
        v = record.values
        day, worker = as_date(v.get("visited_on")), v.get("worker")
        if day is None or not filled(worker) or not filled(v.get("household_id")):
            return
        if v.get("method") not in HOME_VISIT:
            return
        key = (str(worker).strip(), day)
        households = self.days.get(key)
        if households is None:
            households = self.days[key] = set()
            self.rows[key] = EvidenceCollector()
        households.add(str(v["household_id"]).strip())
        self.rows[key].add(record, "household_id")

    def finish(self) -> Measurement:
        over = sorted((k for k, hs in self.days.items() if len(hs) > self.limit), key=lambda k: (k[1], k[0]))
        findings = [self.spec.finding(t(
            f"{worker} {day} 一天入户走访 {len(self.days[(worker, day)])} 户（上限 {self.limit} 户）",
            f"{worker} visited {len(self.days[(worker, day)])} households in person on {day} "
            f"(limit {self.limit})"), self.rows[(worker, day)], worker=worker) for worker, day in over]
        return measurement(len(self.days), len(over), findings)


def start(spec: IndicatorSpec, ctx: AuditContext) -> WorkerDailyLoad:
    return WorkerDailyLoad(spec, ctx)
