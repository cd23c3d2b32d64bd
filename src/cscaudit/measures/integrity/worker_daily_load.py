"""worker_daily_load: a worker "visiting" more households in person in one day than is plausible.

Only home visits count (走访方式 入户 / 上门, or no method recorded): phone, video and WeChat
contacts and residents calling in take minutes each and are not part of the load. One
implausible day is a 疑点 to verify, like every integrity signal, not proof.

Params:
- `max_households`: distinct households one worker can visit in person in a day (default
  30). Source: inferred, no published norm: an 8-hour day (the centers' 08:30–17:30 hours
  less a lunch break) at a quarter of an hour per household, walking included, is 32.
- `min_rows`: flagged worker-days that make this check count towards the veto (default 1).

Checked: the worker-days with home visits. Defect: a worker-day above the limit; each is its
own finding naming the worker and the day, with the worker set (the 社工 column) and the
visit rows of that day as evidence, keyed by household.
Example: 王芳 with 42 households visited in person on 2024-06-12 (limit 30): 1 flagged day,
「王芳 2024-06-12 一天入户走访 42 户（上限 30 户）」; the same 42 with 20 of them phone calls:
not flagged.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import day, filled
from cscaudit.facts.frames import META, Tables
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import measurement
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement

ID = "worker_daily_load"
SUMMARY = t("社工一天入户走访的户数超出合理范围。",
            'a worker "visiting" more households in person in one day than is plausible.')
TABLES: tuple[str, ...] = ("visits",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "max_households": {"type": "integer", "minimum": 1, "default": 30},
        "min_rows": {"type": "integer", "minimum": 1, "default": 1},
    },
}
HOME_VISIT = "in_person"  # the 走访方式 code of a home visit (no method recorded counts as one)


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def _filled_few(frame: pl.DataFrame, name: str) -> pl.Expr:
    """`filled` for a column of few distinct values (the workers): asked of each value once."""
    kept = frame.get_column(name).unique().to_frame().filter(filled(frame, name)).get_column(name)
    return pl.col(name).is_in(kept.implode()).fill_null(False)


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    limit = int(spec.params["max_households"])
    fields = ("visited_on", "worker", "household_id", "method")
    visits = tables.frame("visits", *fields).select(*META, *fields)  # the filter copies no other
    method, visit_day = pl.col("method"), day(visits, "visited_on")
    home = visits.filter(
        visit_day.is_not_null() & _filled_few(visits, "worker") & filled(visits, "household_id")
        & (method.is_null() | (method == HOME_VISIT)).fill_null(False),
    ).with_columns(visit_day.alias("_day"), pl.col("worker").str.strip_chars().alias("_worker"))
    worker_days = home.group_by("_worker", "_day").agg(
        pl.col("household_id").str.strip_chars().n_unique().alias("_households"))
    over = worker_days.filter(pl.col("_households") > limit)
    if not over.height:
        return measurement(worker_days.height, 0, findings=[])
    over = over.sort("_day", "_worker")
    rows = home.join(over, on=["_worker", "_day"], how="semi", maintain_order="left") \
        .partition_by("_worker", "_day", as_dict=True)
    findings: list[Finding] = []
    for worker, on_day, households in over.iter_rows():
        evidence = EvidenceCollector()
        evidence.add_frame(rows[(worker, on_day)], "visits", "household_id")
        findings.append(spec.finding(t(
            f"{worker} {on_day} 一天入户走访 {households} 户（上限 {limit} 户）",
            f"{worker} visited {households} households in person on {on_day} "
            f"(limit {limit})"), evidence=evidence, worker=worker))
    return measurement(worker_days.height, over.height, findings=findings)
