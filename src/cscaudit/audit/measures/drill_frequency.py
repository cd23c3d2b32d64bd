"""drill_frequency: emergency drills held often enough, each with its lessons recorded.

Params:
- `min_drills`: drills required in the audit period (default 1).
- `record_fields`: fields every drill must fill (default `[problems, improvements]`:
  存在问题 and 改进措施).

Defect: each drill short of `min_drills`, plus each drill in the period with a record field
empty. Checked: `min_drills` or the drills held, whichever is larger.
No drill at all gives `min_drills` defects (never not applicable: a missing drill is the fault).
Example: one tabletop drill with no improvements recorded: 1 defect.
"""

from __future__ import annotations

from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import as_date, filled, in_period, measurement
from cscaudit.audit.model import Finding, Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "drill_frequency"
SUMMARY = t("应急演练次数达标，每次都记录存在问题和改进措施。",
            "emergency drills held often enough, each with its lessons recorded.")
TABLES: tuple[str, ...] = ("drills",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_drills": {"type": "integer", "minimum": 0, "default": 1},
        "record_fields": {"type": "array", "items": {"type": "string"}, "default": ["problems", "improvements"]},
    },
}


class DrillFrequency:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.min = int(spec.params.get("min_drills", 1))
        self.fields = list(spec.params.get("record_fields", ["problems", "improvements"]))
        self.held = 0
        self.unrecorded = EvidenceCollector()

    def add(self, record: Record) -> None:
        v = record.values
        if not in_period(as_date(v.get("held_on")), self.ctx.period_start, self.ctx.period_end):
            return
        self.held += 1
        if any(not filled(v.get(f)) for f in self.fields):
            self.unrecorded.add(record, "drill_id")

    def finish(self) -> Measurement:
        short = max(0, self.min - self.held)
        findings: list[Finding] = []
        if short:
            findings.append(self.spec.finding(t(
                f"考核期内应急演练 {self.held} 次，少于要求的 {self.min} 次",
                f"{self.held} drills in the period, fewer than the {self.min} required")))
        if self.unrecorded.total:
            findings.append(self.spec.finding(t(
                f"{self.unrecorded.total} 次演练未记录{'、'.join(self.fields)}",
                f"{self.unrecorded.total} drills lack {', '.join(self.fields)}"), self.unrecorded))
        return measurement(max(self.min, self.held), short + self.unrecorded.total, findings,
                           measured=t(f"演练 {self.held} 次", f"{self.held} drills"))


def start(spec: IndicatorSpec, ctx: AuditContext) -> DrillFrequency:
    return DrillFrequency(spec, ctx)
