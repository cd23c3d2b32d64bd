"""visit_dates: visits dated where no visit could have happened.

Flags a visit dated before its household arrived (登记日期 / 入住日期), or after it left: only a
注销 / 迁出 / 死亡 date counts (`left_on`, with a status that is not 在册). A 纳入日期 (the
day a household joined a key group, e.g. became 低保 mid-year) is not an arrival date:
visits before it are ordinary visits, not fabrication.

Params:
- `min_rows`: flagged rows that make this check count towards the integrity veto (default 3).
- `grace_days`: days of tolerance around the arrival and leaving dates (default 7: a move is
  often registered some days after it happens; inferred).

A visit dated outside the audit period is out of scope, not a sign: an export taken after
the year end holds next year's first visits, one run from an earlier date last year's. Those
rows are not counted; one info note says how many were left out (「N 条记录在考核期外，未计入」).
There is no deterministic "now" in a byte-identical audit, so no date is judged "in the future".

Checked: the visits dated in the period. Defect: a flagged visit; each reason is its own finding.
Example: a household registered 2024-05-20 with a visit on 2024-05-02: flagged; one that
joined 低保 on 2024-05-20 (纳入日期) with the same visit: not flagged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import day
from cscaudit.facts.frames import Tables
from cscaudit.facts.households import household_links
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import measurement
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement, Severity

ID = "visit_dates"
SUMMARY = t("走访日期落在不可能走访的时间（如登记入住前、注销迁出后）。", "visits dated where no visit could have happened.")
TABLES: tuple[str, ...] = ("roster", "visits")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_rows": {"type": "integer", "minimum": 1, "default": 3},
        "grace_days": {"type": "integer", "minimum": 0, "default": 7},
    },
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def _household_dates(households: pl.DataFrame, rows: pl.Series) -> list[pl.Series]:
    """Of the roster household in each of `rows` (its row in `households`, null: none): its
    登记日期, 注销/迁出/死亡 date and status (null unless text)."""
    status = pl.col("status").gather(rows) if households.schema["status"] == pl.Utf8() \
        else pl.lit(None, dtype=pl.Utf8())
    return households.select(pl.col("registered_on").gather(rows).alias("_registered_on"),
                             pl.col("left_on").gather(rows).alias("_left_on"),
                             status.alias("_status")).get_columns()


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    grace = dt.timedelta(days=int(spec.params["grace_days"]))
    links = facts.get(household_links)
    visits = tables.frame("visits", "visited_on", "household_id")
    dated = visits.with_columns(links.visits["_household"], links.visits["_hrow"],
                                day(visits, "visited_on").alias("_day"))
    inside = dated.get_column("_day").is_between(ctx.period_start, ctx.period_end)  # null: no day
    judged = dated.filter(inside)
    linked = judged.hstack(_household_dates(links.households, judged.get_column("_hrow")))
    arrived, left = pl.col("_registered_on"), pl.col("_left_on")
    early = (arrived.is_not_null() & (pl.col("_day") < arrived - grace)).fill_null(False)
    # a leaving date stands unless the status says 在册 (active)
    late = (~early & pl.col("_household").is_not_null()
            & (pl.col("_status").is_null() | (pl.col("_status") != "active"))
            & left.is_not_null() & (pl.col("_day") > left + grace)).fill_null(False)
    marks = linked.select(early.alias("early"), late.alias("late"))
    before, after, out = EvidenceCollector(), EvidenceCollector(), EvidenceCollector()
    # each frame filtered only when some row is in it; every one is handed over (its columns
    # are checked even when empty)
    for collector, frame, mark in ((before, linked, marks.get_column("early")),
                                   (after, linked, marks.get_column("late")),
                                   (out, dated, ~inside)):
        collector.add_frame(frame.filter(mark) if mark.any() else frame.clear(), "visits", "household_id")
    findings = [spec.finding(msg, evidence=ev) for msg, ev in (
        (t(f"{before.total} 条走访记录早于该户登记入住的日期",
           f"{before.total} visits dated before the household arrived"), before),
        (t(f"{after.total} 条走访记录晚于该户注销、迁出或死亡的日期",
           f"{after.total} visits dated after the household left the roster"), after),
    ) if ev.total]
    if out.total:
        start, end = ctx.period_start, ctx.period_end
        findings.append(spec.finding(t(
            f"{out.total} 条记录在考核期外（{start} 至 {end}），未计入",
            f"{out.total} records fall outside the period ({start} to {end}) and were not counted"),
            evidence=out, severity=Severity.INFO))
    return measurement(judged.height, before.total + after.total, findings=findings)
