"""case_dates: service-hall cases completed before they were received.

Params:
- `min_rows`: flagged rows that make this check count towards the veto (default 3).

Checked: cases with both dates. Defect: a completion date earlier than the receipt date.
Example: received 2024-04-10, completed 2024-04-08: flagged.
"""

from __future__ import annotations

from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import as_date, measurement
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "case_dates"
SUMMARY = t("办结日期早于受理日期的办件。", "service-hall cases completed before they were received.")
TABLES: tuple[str, ...] = ("service_ledger",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"min_rows": {"type": "integer", "minimum": 1, "default": 3}},
}


class CaseDates:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.checked = 0
        self.backwards = EvidenceCollector()

    def add(self, record: Record) -> None:
        received = as_date(record.values.get("received_at"))
        completed = as_date(record.values.get("completed_at"))
        if received is None or completed is None:
            return
        self.checked += 1
        if completed < received:
            self.backwards.add(record, "case_id")

    def finish(self) -> Measurement:
        findings = []
        if self.backwards.total:
            findings.append(self.spec.finding(t(
                f"{self.backwards.total} 件办件的办结日期早于受理日期",
                f"{self.backwards.total} cases completed before they were received"), self.backwards))
        return measurement(self.checked, self.backwards.total, findings)


def start(spec: IndicatorSpec, ctx: AuditContext) -> CaseDates:
    return CaseDates(spec, ctx)
