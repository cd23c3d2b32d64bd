"""staff_qualification: the share of staff who hold a social-work certificate and trained enough.

Params:
- `certificates`: certificate codes that count (default assistant, social_worker, senior);
  `null` to skip the certificate test.
- `min_training_hours`: yearly training hours each member needs (default 24); `null` to
  skip the training test.

Judged: staff on the payroll during the audit period (joined before its end, not left before
its start). Defect: a member without an accepted certificate or short of training hours.
Training hours that are blank or could not be read (`1e999`, `nan`: the reader reports a data
issue) are not judged: the member is not called short of training on a value nobody can
read; an info note lists them.
Rate: qualified / judged. No staff: not applicable; no staff table: error.
Example: 10 staff, 7 certified, 2 of those with 12 h of training: rate 50 %.
"""

from __future__ import annotations

import math
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    as_date,
    codes,
    empty_table,
    measurement,
    missing_table,
    rate_of,
    table_absent,
)
from cscaudit.audit.model import Measurement, Severity
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "staff_qualification"
SUMMARY = t("持有社会工作者职业资格证书且培训达标的工作人员比例。",
            "the share of staff who hold a social-work certificate and trained enough.")
TABLES: tuple[str, ...] = ("staff",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "certificates": {"type": ["array", "null"], "items": {"type": "string"},
                         "default": ["assistant", "social_worker", "senior"]},
        "min_training_hours": {"type": ["number", "null"], "minimum": 0, "default": 24},
    },
}


def on_payroll(record: Record, ctx: AuditContext) -> bool:
    joined, left = as_date(record.values.get("joined_on")), as_date(record.values.get("left_on"))
    return not (joined and joined > ctx.period_end) and not (left and left < ctx.period_start)


class StaffQualification:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        certs = p["certificates"]
        self.certs = None if certs is None else set(certs)
        hours = p["min_training_hours"]
        self.hours = None if hours is None else float(hours)
        self.checked = 0
        self.uncertified = EvidenceCollector()
        self.untrained = EvidenceCollector()
        self.unreadable = EvidenceCollector()
        self.defects = 0

    def add(self, record: Record) -> None:
        if not on_payroll(record, self.ctx):
            return
        self.checked += 1
        v = record.values
        bad = False
        if self.certs is not None and not self.certs & set(codes(v.get("certificate"))):
            self.uncertified.add(record, "staff_id")
            bad = True
        hours = v.get("training_hours")
        if self.hours is None:
            pass
        elif not isinstance(hours, int | float) or not math.isfinite(hours):
            self.unreadable.add(record, "staff_id")
        elif hours < self.hours:
            self.untrained.add(record, "staff_id")
            bad = True
        self.defects += bad

    def finish(self) -> Measurement:
        if table_absent(self.ctx, "staff"):
            return missing_table("staff")
        if self.checked == 0:
            return empty_table("staff")
        findings = []
        if self.uncertified.total:
            findings.append(self.spec.finding(t(
                f"{self.uncertified.total} 名工作人员未取得社会工作职业资格",
                f"{self.uncertified.total} staff hold no social-work certificate"), self.uncertified))
        if self.untrained.total:
            findings.append(self.spec.finding(t(
                f"{self.untrained.total} 名工作人员培训不足 {self.hours:g} 学时",
                f"{self.untrained.total} staff trained less than {self.hours:g} hours"), self.untrained))
        if self.unreadable.total:
            findings.append(self.spec.finding(t(
                f"{self.unreadable.total} 名工作人员的培训学时未填写或无法读取，未评定培训是否达标",
                f"{self.unreadable.total} staff have blank or unreadable training hours: training not judged"),
                self.unreadable, severity=Severity.INFO))
        return measurement(self.checked, self.defects, findings,
                           rate=rate_of(self.checked - self.defects, self.checked))


def start(spec: IndicatorSpec, ctx: AuditContext) -> StaffQualification:
    return StaffQualification(spec, ctx)
