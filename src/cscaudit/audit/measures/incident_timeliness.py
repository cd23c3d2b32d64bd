"""incident_timeliness: emergencies reported within the limit and handled to the end.

Params:
- `report_within_hours`: hours from occurrence to the report (default 1).
- `require_closed`: an incident must have a closing time (处置完毕时间) (default true);
  one that occurred within `open_grace_days` (default 3) of the period's end may still be open.

Judged: incidents that occurred in the audit period. Defect: an incident reported late or
never, or not closed (one defect per incident, each reason its own finding).
No incident: not applicable (nothing happened, nothing to judge).
Example: occurred 2024-07-03 14:00, reported 16:30 with a 1-hour limit: 1 defect.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    as_datetime,
    measurement,
    not_applicable,
    rate_of,
    table_absent,
)
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "incident_timeliness"
SUMMARY = t("突发事件在时限内上报并处置完毕。", "emergencies reported within the limit and handled to the end.")
TABLES: tuple[str, ...] = ("incidents",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "report_within_hours": {"type": "number", "exclusiveMinimum": 0, "default": 1},
        "require_closed": {"type": "boolean", "default": True},
        "open_grace_days": {"type": "integer", "minimum": 0, "default": 3},
    },
}


class IncidentTimeliness:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.limit = dt.timedelta(hours=float(p["report_within_hours"]))
        self.require_closed = bool(p["require_closed"])
        self.grace = dt.timedelta(days=int(p["open_grace_days"]))
        self.judged = 0
        self.defects = 0
        self.late = EvidenceCollector()
        self.open = EvidenceCollector()

    def add(self, record: Record) -> None:
        v = record.values
        occurred = as_datetime(v.get("occurred_at"))
        if occurred is None or not self.ctx.period_start <= occurred.date() <= self.ctx.period_end:
            return
        self.judged += 1
        reported = as_datetime(v.get("reported_at"), end_of_day=True)
        late = reported is None or reported - occurred > self.limit
        still_running = occurred.date() + self.grace > self.ctx.period_end
        unclosed = self.require_closed and v.get("closed_at") is None and not still_running
        if late:
            self.late.add(record, "incident_id")
        if unclosed:
            self.open.add(record, "incident_id")
        self.defects += bool(late or unclosed)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, "incidents"):
            return not_applicable(t("未提供突发事件台账（视为无突发事件）", "no incidents table (taken as no incidents)"))
        if self.judged == 0:
            return not_applicable(t("考核期内无突发事件", "no incidents in the period"))
        hours = self.limit.total_seconds() / 3600
        findings = [self.spec.finding(msg, ev) for msg, ev in (
            (t(f"{self.late.total} 起突发事件未在 {hours:g} 小时内上报", f"{self.late.total} incidents not reported within {hours:g} h"),
             self.late),
            (t(f"{self.open.total} 起突发事件没有处置完毕记录", f"{self.open.total} incidents never recorded as closed"),
             self.open),
        ) if ev.total]
        return measurement(self.judged, self.defects, findings, rate=rate_of(self.judged - self.defects, self.judged))


def start(spec: IndicatorSpec, ctx: AuditContext) -> IncidentTimeliness:
    return IncidentTimeliness(spec, ctx)
