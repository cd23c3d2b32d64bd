"""year_end_burst: many records written on one day at the very end of the period.

Ledgers written up for the inspection show a spike of records in the last days of the
year. A day in the last `last_days` days of the period is a burst when its records reach
`factor` times the average of the days that have records, and at least `min_records`.

Which day a record counts on: the day it was written down. A visit's own date says when the
visit happened, and a New-Year visiting campaign puts many real visits on one late December
day; so visits are judged on their record-creation column (`entered_on`: 录入时间, 登记日期 …)
and only on it. Visits without one are not judged: a burst of visit dates alone is no sign of
fabrication, and an info note says so. Other tables are judged on their own date
(received_at, held_on …): a case is registered on the day it is received.

Params:
- `tables`: tables looked at (default visits and service_ledger).
- `last_days` (default 10), `factor` (default 3), `min_records` (default 30).
- `min_rows`: records on burst days that make this check count towards the veto (default 1).

Checked: the records dated in the period. Defect: a record on a burst day.
Example: 12 visits entered a day on average, 96 entered on 2024-12-28: a burst; 96 visits
dated 2024-12-27 with no 录入时间 column: not judged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import day
from cscaudit.facts.frames import RECORD_DATES, Tables
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import measurement, table_title
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement, Severity

ID = "year_end_burst"
SUMMARY = t("考核期末某一天集中录入大量记录。", "many records written on one day at the very end of the period.")
# a visit is judged on the day it was entered (录入时间), never on the day of the visit
DATE_FIELDS = {"visits": "entered_on", **{table: RECORD_DATES[table] for table in (
    "service_ledger", "activities", "drills", "surveys", "complaints", "incidents")}}
TABLES: tuple[str, ...] = tuple(DATE_FIELDS)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "tables": {"type": "array", "items": {"enum": list(DATE_FIELDS)}, "default": ["visits", "service_ledger"]},
        "last_days": {"type": "integer", "minimum": 1, "default": 10},
        "factor": {"type": "number", "minimum": 1, "default": 3},
        "min_records": {"type": "integer", "minimum": 1, "default": 30},
        "min_rows": {"type": "integer", "minimum": 1, "default": 1},
    },
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return tuple(spec.params["tables"])


def _bursts(spec: IndicatorSpec, table: str, frame: pl.DataFrame,
            ctx: AuditContext) -> tuple[int, list[Finding]]:
    """The records of `frame` (dated, in the period) on its burst days, and a finding per day."""
    per_day = frame.group_by("_day").len("_n")
    if not per_day.height:
        return 0, []
    average = int(per_day.get_column("_n").sum()) / per_day.height
    need = max(int(spec.params["min_records"]), float(spec.params["factor"]) * average)
    window_start = ctx.period_end - dt.timedelta(days=int(spec.params["last_days"]) - 1)
    burst = per_day.filter((pl.col("_day") >= window_start) & (pl.col("_n") >= need))
    if not burst.height:
        return 0, []
    burst = burst.sort("_day")
    rows = frame.join(burst, on="_day", how="semi", maintain_order="left") \
        .partition_by("_day", as_dict=True)
    findings: list[Finding] = []
    for burst_day, n in burst.iter_rows():
        evidence = EvidenceCollector()
        evidence.add_frame(rows[(burst_day,)], table)
        findings.append(spec.finding(t(
            f"{table_title(table).zh}在 {burst_day} 集中登记 {n} 条（该年日均 {average:.1f} 条）",
            f"{n} {table_title(table).en} records entered on {burst_day} "
            f"(the year's average: {average:.1f} a day)"), evidence=evidence))
    return int(burst.get_column("_n").sum()), findings


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    findings: list[Finding] = []
    checked = flagged = 0
    undated_visits = 0
    for table in dict.fromkeys(reads(spec)):
        frame = tables.frame(table, DATE_FIELDS[table])
        frame = frame.with_columns(day(frame, DATE_FIELDS[table]).alias("_day"))
        if table == "visits":
            undated_visits = frame.get_column("_day").null_count()
        judged = frame.filter(pl.col("_day").is_between(ctx.period_start, ctx.period_end))
        checked += judged.height
        burst_rows, burst_findings = _bursts(spec, table, judged, ctx)
        flagged += burst_rows
        findings.extend(burst_findings)
    if undated_visits:
        findings.append(spec.finding(t(
            f"{undated_visits} 条走访记录没有录入时间（录入时间、登记日期等列）：年末集中补录只按录入日期判断，"
            "走访日期集中（如节日走访活动）不作为造假迹象，未评定",
            f"{undated_visits} visits have no entry date (录入时间, 登记日期 ...): a year-end burst is "
            "judged on the day records were entered; visit dates bunched together (a holiday "
            "visiting campaign) are no sign of fabrication: not judged"), severity=Severity.INFO))
    return measurement(checked, flagged, findings=findings)
