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

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import moment
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    measurement,
    not_applicable,
    rate_of,
    table_absent,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

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


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    p = spec.params
    limits = {str(k): float(v) for k, v in dict(p["limits_hours"]).items()}
    default, end_field = str(p["default_urgency"]), str(p["field"])
    end = dt.datetime.combine(ctx.period_end, dt.time(23, 59, 59))
    frame = tables.frame("complaints", "ticket_id", "received_at", "urgency", end_field)
    received = moment(frame, "received_at")
    tickets = frame.with_columns(
        received.alias("_received"), moment(frame, end_field, end_of_day=True).alias("_done"),
        pl.col("urgency").fill_null(default).alias("_urgency"),
    ).filter(pl.col("_received").dt.date().is_between(ctx.period_start, ctx.period_end)
             .fill_null(False))
    # an urgency the limits do not name takes the default urgency's limit
    known = tickets["_urgency"].unique().to_list()
    hours = {code: limits.get(code, limits.get(default)) for code in known}
    tickets = tickets.with_columns(pl.col("_urgency").replace_strict(
        {code: h for code, h in hours.items() if h is not None}, default=None,
        return_dtype=pl.Float64()).alias("_hours")).filter(pl.col("_hours").is_not_null())
    limit = pl.duration(microseconds=(pl.col("_hours") * 3_600_000_000).round().cast(pl.Int64))
    unresolved_yet = pl.col("_done").is_null() & (pl.col("_received") + limit >= end)
    judged = tickets.filter(~unresolved_yet)
    late = judged.filter(pl.col("_done").is_null() | (pl.col("_done") - pl.col("_received") > limit))
    if table_absent(ctx, "complaints"):
        return not_applicable(t("未提供诉求台账", "no complaints table"))
    if judged.height == 0:
        return not_applicable(t("考核期内没有诉求工单", "no complaints in the period"))
    findings = []
    for urgency in sorted(set(late["_urgency"].to_list())):
        evidence = EvidenceCollector()
        evidence.add_frame(late.filter(pl.col("_urgency") == urgency), "complaints", "ticket_id")
        allowed = hours[urgency] or 0.0
        findings.append(spec.finding(t(
            f"{evidence.total} 件「{URGENCY_ZH.get(urgency, urgency)}」诉求超过 {allowed:g} 小时时限",
            f"{evidence.total} {urgency} tickets over their {allowed:g} h limit"),
            evidence=evidence))
    return measurement(judged.height, late.height, findings=findings,
                       rate=rate_of(judged.height - late.height, judged.height))
