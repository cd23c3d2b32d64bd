"""complaint_timeliness: complaints (诉求/接诉即办) resolved within their urgency's limit.

Params:
- `limits_hours`: urgency code -> hours allowed from receipt to resolution (default 紧急
  urgent 2, 一般 normal 168 = 7 days, 复杂 complex 360 = 15 days).
- `default_urgency`: urgency of a ticket that gives none (default `normal`).
- `field`: the time that ends the clock (default `resolved_at`; `responded_at` to judge the
  first response instead).

Judged: tickets received in the period. A ticket with a time given as a date alone is
taken at the end of that day. An unresolved ticket is late when its limit passed before the
period ended, otherwise not judged yet. Defect: a late ticket. Rate: on time / judged.
No ticket (or no complaints table: the table is optional): not applicable.
Example: 紧急 ticket received 09:00, resolved 12:30 the same day: late (2 h).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    as_datetime,
    codes,
    measurement,
    not_applicable,
    rate_of,
    table_absent,
)
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "complaint_timeliness"
SUMMARY = t("诉求（接诉即办）按紧急程度在规定时限内办结。", "complaints (诉求/接诉即办) resolved within their urgency's limit.")
TABLES: tuple[str, ...] = ("complaints",)
DEFAULT_LIMITS = {"urgent": 2, "normal": 168, "complex": 360}
URGENCY_ZH = {"urgent": "紧急", "normal": "一般", "complex": "复杂"}
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "limits_hours": {"type": "object", "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
                         "default": DEFAULT_LIMITS},
        "default_urgency": {"type": "string", "default": "normal"},
        "field": {"enum": ["resolved_at", "responded_at"], "default": "resolved_at"},
    },
}


class ComplaintTimeliness:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.limits = {str(k): dt.timedelta(hours=float(v)) for k, v in dict(p["limits_hours"]).items()}
        self.default = str(p["default_urgency"])
        self.field = str(p["field"])
        self.end = dt.datetime.combine(ctx.period_end, dt.time(23, 59, 59))
        self.judged = 0
        self.late: dict[str, EvidenceCollector] = {}

    def add(self, record: Record) -> None:
        v = record.values
        received = as_datetime(v.get("received_at"))
        if received is None or not self.ctx.period_start <= received.date() <= self.ctx.period_end:
            return
        urgency = next(iter(codes(v.get("urgency"))), self.default)
        limit = self.limits.get(urgency, self.limits.get(self.default))
        if limit is None:
            return
        done = as_datetime(v.get(self.field), end_of_day=True)
        if done is None and received + limit >= self.end:
            return
        self.judged += 1
        if done is None or done - received > limit:
            self.late.setdefault(urgency, EvidenceCollector()).add(record, "ticket_id")

    def finish(self) -> Measurement:
        if table_absent(self.ctx, "complaints"):
            return not_applicable(t("未提供诉求台账", "no complaints table"))
        if self.judged == 0:
            return not_applicable(t("考核期内没有诉求工单", "no complaints in the period"))
        findings = [
            self.spec.finding(t(
                f"{ev.total} 件「{URGENCY_ZH.get(urgency, urgency)}」诉求超过 {self.limits[urgency].total_seconds() / 3600:g} 小时时限",
                f"{ev.total} {urgency} tickets over their {self.limits[urgency].total_seconds() / 3600:g} h limit"), ev)
            for urgency, ev in sorted(self.late.items())
        ]
        defects = sum(ev.total for ev in self.late.values())
        return measurement(self.judged, defects, findings, rate=rate_of(self.judged - defects, self.judged))


def start(spec: IndicatorSpec, ctx: AuditContext) -> ComplaintTimeliness:
    return ComplaintTimeliness(spec, ctx)
