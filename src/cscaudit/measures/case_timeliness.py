"""case_timeliness: service-hall cases completed within their promised working days.

Working days follow the official holiday calendar (holidays off, make-up days on): a promise
of N working days counts from the first working day after the day of receipt, and a case is
on time when completed on or before the N-th working day.

Params:
- `default_days`: the promise when a case gives none (`promised_days` column), default 5.
- `skip_statuses`: statuses not judged (default `[rejected, returned]`: nothing to finish).
- `key_field`: the id shown with the evidence (default `case_id`).

Judged: cases received in the audit period. A completed case is on time or late. A case
not completed is late when its deadline passed before the period ended, and otherwise still
running: not judged. Cases without a receipt date, or completed before they were received,
are left to the completeness and integrity checks.
Defect: a late case. Rate: on time / judged. No case judged: not applicable.
Example: received Fri 2024-09-27 with 3 working days: Sun 9/29 (a make-up working day),
Mon 9/30, then Tue 10/8 after the National Day holiday: due 2024-10-08; completed
2024-10-09 is late.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.cases import case_verdicts
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
from cscaudit.results.model import Finding, Measurement

ID = "case_timeliness"
SUMMARY = t("便民服务大厅的办件在承诺的工作日时限内办结。",
            "service-hall cases completed within their promised working days.")
TABLES: tuple[str, ...] = ("service_ledger",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "default_days": {"type": "integer", "minimum": 0, "default": 5},
        "skip_statuses": {"type": "array", "items": {"type": "string"},
                          "default": ["rejected", "returned"]},
        "key_field": {"type": "string", "default": "case_id"},
    },
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    if table_absent(ctx, "service_ledger"):
        return missing_table("service_ledger")
    skip = tuple(sorted(set(spec.params["skip_statuses"])))
    key = str(spec.params["key_field"])
    cases = tables.with_fields(facts.get(case_verdicts, int(spec.params["default_days"]), skip),
                               "service_ledger", key)
    judged = cases.filter(pl.col("verdict").is_not_null())
    if judged.height == 0:
        return empty_table("service_ledger")
    late, overdue = EvidenceCollector(), EvidenceCollector()
    late.add_frame(judged.filter(pl.col("verdict") == "late"), "service_ledger", key)
    overdue.add_frame(judged.filter(pl.col("verdict") == "overdue"), "service_ledger", key)
    findings: list[Finding] = []
    if late.total:
        findings.append(spec.finding(t(
            f"{late.total} 件超过承诺时限（按工作日计）办结",
            f"{late.total} cases completed after their promised working days"), evidence=late))
    if overdue.total:
        findings.append(spec.finding(t(
            f"{overdue.total} 件已过承诺时限仍未办结",
            f"{overdue.total} cases past their deadline and still not completed"),
            evidence=overdue))
    defects = late.total + overdue.total
    return measurement(judged.height, defects, findings=findings,
                       rate=rate_of(judged.height - defects, judged.height))
