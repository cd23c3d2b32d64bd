"""process_steps: each record went through its steps, all present and in order.

For major community activities: a plan, a report to the street office (报备), the activity,
then a summary, on non-decreasing dates, and a safety plan.

Params:
- `table`: default `activities`.
- `steps`: date fields in the order they must happen (default
  `[plan_on, reported_on, held_on, summary_on]`).
- `flags`: yes/no fields that must be yes (default `[safety_plan]`).
- `anchor`: the step that dates the record for the period (default `held_on`).
- `grace_days`: steps after the anchor may still be missing when the anchor lies within
  this many days of the period's end (default 15: a summary is not due the day after).
- `key_field`: the id shown with the evidence (default `activity_id`).

Judged: records whose anchor date lies in the period. Defect: a record with a step missing,
steps out of order, or a flag not yes (one defect per record, each reason its own finding).
No record: not applicable.
Example: reported 2024-06-10 but held 2024-06-08: steps out of order, 1 defect.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import bool_true, day, in_period, rows_by_reason
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import TABLE_ORDER, EvidenceCollector, IndicatorSpec, param_table
from cscaudit.measures.common import (
    empty_table,
    field_title,
    measurement,
    missing_table,
    rate_of,
    table_absent,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

ID = "process_steps"
SUMMARY = t("每条记录的各个环节齐全且先后顺序正确。", "each record went through its steps, all present and in order.")
TABLES: tuple[str, ...] = TABLE_ORDER
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "table": {"enum": list(TABLE_ORDER), "default": "activities"},
        "steps": {"type": "array", "items": {"type": "string"}, "minItems": 1,
                  "default": ["plan_on", "reported_on", "held_on", "summary_on"]},
        "flags": {"type": "array", "items": {"type": "string"}, "default": ["safety_plan"]},
        "anchor": {"type": "string", "default": "held_on"},
        "grace_days": {"type": "integer", "minimum": 0, "default": 15},
        "key_field": {"type": "string", "default": "activity_id"},
    },
}


reads = param_table


def out_of_order(frame: pl.DataFrame, steps: list[str]) -> pl.Expr:
    """True where the steps' dates, those given, go back in time: a date earlier than one
    of an earlier step (as comparing each given date with the next given one says)."""
    days = [day(frame, step) for step in steps]
    earlier = [d < pl.max_horizontal(days[:i]) for i, d in enumerate(days) if i]
    return pl.any_horizontal(earlier).fill_null(False) if earlier else pl.lit(False)


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    p = spec.params
    (table,), anchor, key = reads(spec), str(p["anchor"]), str(p["key_field"])
    steps, flags = [str(s) for s in p["steps"]], [str(f) for f in p["flags"]]
    if table_absent(ctx, table):
        return missing_table(table)
    records = tables.frame(table, key, anchor, *steps, *flags)
    judged = records.filter(in_period(records, anchor, ctx.period_start, ctx.period_end))
    if judged.height == 0:
        return empty_table(table)
    # steps after the anchor may still be missing when the anchor is recent
    recent = day(judged, anchor) + dt.timedelta(days=int(p["grace_days"])) > ctx.period_end
    after_anchor = set(steps[steps.index(anchor) + 1:]) if anchor in steps else set()
    reasons = [(s, day(judged, s).is_null() & ~(recent if s in after_anchor else pl.lit(False)))
               for s in steps]
    reasons += [(f, ~bool_true(judged, f)) for f in flags]
    disordered = out_of_order(judged, steps)
    defects = judged.filter(pl.any_horizontal(disordered, *(r for _, r in reasons))).height
    title = {name: field_title(table, name) for name in (*steps, *flags)}
    findings = []
    for name, rows in rows_by_reason(judged, reasons):
        ev = EvidenceCollector()
        ev.add_frame(rows, table, key)
        findings.append(spec.finding(t(f"{ev.total} 条记录缺少{title[name].zh}",
                                       f"{ev.total} records lack the {title[name].en}"),
                                     evidence=ev))
    disorder = EvidenceCollector()
    disorder.add_frame(judged.filter(disordered), table, key)
    if disorder.total:
        findings.append(spec.finding(t(
            f"{disorder.total} 条记录的环节日期顺序颠倒（应为 "
            f"{' → '.join(title[s].zh for s in steps)}）",
            f"{disorder.total} records have steps out of order (expected "
            f"{' -> '.join(title[s].en for s in steps)})"),
            evidence=disorder))
    return measurement(judged.height, defects, findings=findings,
                       rate=rate_of(judged.height - defects, judged.height))
