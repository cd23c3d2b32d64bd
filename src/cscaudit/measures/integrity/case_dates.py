"""case_dates: service-hall cases completed before they were received.

Params:
- `min_rows`: flagged rows that make this check count towards the veto (default 3).

Checked: cases with both dates. Defect: a completion date earlier than the receipt date.
Example: received 2024-04-10, completed 2024-04-08: flagged.
"""

from __future__ import annotations

from typing import Any

from cscaudit.facts import Facts
from cscaudit.facts.columns import day
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import measurement
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement

ID = "case_dates"
SUMMARY = t("办结日期早于受理日期的办件。", "service-hall cases completed before they were received.")
TABLES: tuple[str, ...] = ("service_ledger",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"min_rows": {"type": "integer", "minimum": 1, "default": 3}},
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    ledger = tables.frame("service_ledger", "case_id", "received_at", "completed_at")
    received, completed = day(ledger, "received_at"), day(ledger, "completed_at")
    dated = ledger.filter(received.is_not_null() & completed.is_not_null())
    backwards = EvidenceCollector()
    backwards.add_frame(dated.filter(completed < received), "service_ledger", "case_id")
    findings: list[Finding] = []
    if backwards.total:
        findings.append(spec.finding(t(
            f"{backwards.total} 件办件的办结日期早于受理日期",
            f"{backwards.total} cases completed before they were received"), evidence=backwards))
    return measurement(dated.height, backwards.total, findings=findings)
