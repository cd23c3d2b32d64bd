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


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    p = spec.params
    hours = float(p["report_within_hours"])
    limit = dt.timedelta(hours=hours)
    grace = dt.timedelta(days=int(p["open_grace_days"]))
    frame = tables.frame("incidents", "incident_id", "occurred_at", "reported_at", "closed_at")
    occurred = moment(frame, "occurred_at")
    judged = frame.with_columns(occurred.alias("_occurred")).filter(
        pl.col("_occurred").dt.date().is_between(ctx.period_start, ctx.period_end).fill_null(False))
    reported = moment(judged, "reported_at", end_of_day=True)
    late = (reported.is_null() | (reported - pl.col("_occurred") > limit)).fill_null(True)
    still_running = pl.col("_occurred").dt.date() + grace > ctx.period_end
    unclosed = (pl.lit(bool(p["require_closed"])) & pl.col("closed_at").is_null()
                & ~still_running)
    judged = judged.with_columns(late.alias("_late"), unclosed.alias("_unclosed"))
    if table_absent(ctx, "incidents"):
        return not_applicable(t("未提供突发事件台账（视为无突发事件）",
                                "no incidents table (taken as no incidents)"))
    if judged.height == 0:
        return not_applicable(t("考核期内无突发事件", "no incidents in the period"))
    late_ev, open_ev = EvidenceCollector(), EvidenceCollector()
    late_ev.add_frame(judged.filter(pl.col("_late")), "incidents", "incident_id")
    open_ev.add_frame(judged.filter(pl.col("_unclosed")), "incidents", "incident_id")
    defects = judged.filter(pl.col("_late") | pl.col("_unclosed")).height
    findings = [spec.finding(msg, evidence=ev) for msg, ev in (
        (t(f"{late_ev.total} 起突发事件未在 {hours:g} 小时内上报",
           f"{late_ev.total} incidents not reported within {hours:g} h"), late_ev),
        (t(f"{open_ev.total} 起突发事件没有处置完毕记录",
           f"{open_ev.total} incidents never recorded as closed"), open_ev),
    ) if ev.total]
    return measurement(judged.height, defects, findings=findings,
                       rate=rate_of(judged.height - defects, judged.height))
