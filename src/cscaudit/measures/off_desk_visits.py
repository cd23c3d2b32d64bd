"""off_desk_visits: the weekly off-desk day shows in the visit records.

A center that declares a weekly off-desk day (`hall.off_desk_day`; Yanta's Friday 离案工作日,
when everyone but the staff on administrative posts goes out into the compounds) should have
visits recorded on each such day. An off-desk day that falls on a holiday does not count.

Params:
- `day_path`: dotted path in center.yaml of the weekday (`mon` ... `sun`).

Defect: each working off-desk day in the audit period without a visit recorded on it.
Checked: the working off-desk days in the period. No off-desk day declared: not applicable
(the profile's own check on `hall.off_desk_day` finds that).
Example: Friday declared, 50 working Fridays, visits on 45 of them: 5 defects, rate 90 %.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import day
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import IndicatorSpec
from cscaudit.measures.common import (
    config_lookup,
    join,
    measurement,
    missing_table,
    not_applicable,
    rate_of,
    table_absent,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

ID = "off_desk_visits"
SUMMARY = t("每周的离案工作日在走访记录中有所体现。", "the weekly off-desk day shows in the visit records.")
TABLES: tuple[str, ...] = ("visits",)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "day_path": {"type": "string", "minLength": 1, "default": "hall.off_desk_day"},
    },
}


def day_path(spec: IndicatorSpec) -> str:
    return str(spec.params["day_path"])


def off_desk_days(ctx: AuditContext, weekday: int) -> list[dt.date]:
    """The working days of the period that fall on `weekday` (0 = Monday): the calendar is
    asked once per such day, never per visit."""
    day = ctx.period_start + dt.timedelta(days=(weekday - ctx.period_start.weekday()) % 7)
    days = []
    while day <= ctx.period_end:
        if ctx.calendar is None or ctx.calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=7)
    return days


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    path = day_path(spec)
    declared = config_lookup(ctx.center, path)
    if declared not in WEEKDAYS:
        return not_applicable(t(f"center.yaml 未登记离案工作日（{path}）",
                                f"no off-desk day in center.yaml ({path})"))
    if table_absent(ctx, "visits"):
        return missing_table("visits")
    days = off_desk_days(ctx, WEEKDAYS.index(str(declared)))
    if not days:
        return not_applicable(t("考核期内没有离案工作日", "no off-desk day in the period"))
    visits = tables.frame("visits", "visited_on")
    visited = visits.select(day(visits, "visited_on").alias("_day")).unique()
    expected = pl.DataFrame({"_day": days}, schema={"_day": pl.Date()})
    missed = expected.join(visited, on="_day", how="anti", maintain_order="left")["_day"].to_list()
    findings = []
    if missed:
        shown = [d.isoformat() for d in missed]
        findings.append(spec.finding(t(
            f"离案工作日（{declared}）中有 {len(missed)} 天没有走访记录：{join(shown)}",
            f"{len(missed)} off-desk days ({declared}) without a visit recorded: "
            f"{', '.join(shown[:12])}")))
    return measurement(len(days), len(missed), findings=findings,
                       rate=rate_of(len(days) - len(missed), len(days)))
