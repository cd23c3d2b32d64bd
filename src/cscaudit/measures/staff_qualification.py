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

from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import day, has_code
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    empty_table,
    measurement,
    missing_table,
    rate_of,
    table_absent,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement, Severity

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


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def on_payroll(staff: pl.DataFrame, ctx: AuditContext) -> pl.Expr:
    """True for staff on the payroll during the period: not joined after its end, not left
    before its start (a blank date says nothing against them)."""
    joined_late = (day(staff, "joined_on") > ctx.period_end).fill_null(False)
    left_early = (day(staff, "left_on") < ctx.period_start).fill_null(False)
    return ~joined_late & ~left_early


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    if table_absent(ctx, "staff"):
        return missing_table("staff")
    frame = tables.frame("staff", "staff_id", "joined_on", "left_on", "certificate",
                         "training_hours")
    staff = frame.filter(on_payroll(frame, ctx))
    if staff.height == 0:
        return empty_table("staff")
    certs, hours = spec.params["certificates"], spec.params["min_training_hours"]
    no_certificate = pl.lit(False) if certs is None else ~has_code(staff, "certificate", certs)
    readable = pl.lit(False)
    if staff.schema["training_hours"] == pl.Float64():
        readable = pl.col("training_hours").is_finite().fill_null(False)
    short_of_hours = pl.lit(False) if hours is None \
        else readable & (pl.col("training_hours") < float(hours))
    hours_unread = pl.lit(hours is not None) & ~readable
    uncertified, untrained, unreadable = (EvidenceCollector() for _ in range(3))
    for collector, rows in ((uncertified, no_certificate), (untrained, short_of_hours),
                            (unreadable, hours_unread)):
        collector.add_frame(staff.filter(rows), "staff", "staff_id")
    defects = staff.filter(no_certificate | short_of_hours).height
    findings: list[Finding] = []
    if uncertified.total:
        findings.append(spec.finding(t(
            f"{uncertified.total} 名工作人员未取得社会工作职业资格",
            f"{uncertified.total} staff hold no social-work certificate"), evidence=uncertified))
    if untrained.total:
        findings.append(spec.finding(t(
            f"{untrained.total} 名工作人员培训不足 {float(hours):g} 学时",
            f"{untrained.total} staff trained less than {float(hours):g} hours"),
            evidence=untrained))
    if unreadable.total:
        findings.append(spec.finding(t(
            f"{unreadable.total} 名工作人员的培训学时未填写或无法读取，未评定培训是否达标",
            f"{unreadable.total} staff have blank or unreadable training hours: training not judged"),
            evidence=unreadable, severity=Severity.INFO))
    return measurement(staff.height, defects, findings=findings,
                       rate=rate_of(staff.height - defects, staff.height))
