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
from itertools import pairwise
from typing import Any

from cscaudit.audit.measures.base import TABLE_ORDER, AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    as_date,
    bool_true,
    empty_table,
    field_title,
    in_period,
    measurement,
    missing_table,
    rate_of,
    table_absent,
)
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

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


class ProcessSteps:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.table = str(p["table"])
        self.tables: tuple[str, ...] = (self.table,)
        self.steps = list(p["steps"])
        self.flags = list(p["flags"])
        self.anchor = str(p["anchor"])
        self.grace = dt.timedelta(days=int(p["grace_days"]))
        self.key = str(p["key_field"])
        self.judged = 0
        self.defects = 0
        self.missing: dict[str, EvidenceCollector] = {}
        self.disorder = EvidenceCollector()

    def add(self, record: Record) -> None:
        if record.table != self.table:
            return
        v = record.values
        anchor = as_date(v.get(self.anchor))
        if not in_period(anchor, self.ctx.period_start, self.ctx.period_end) or anchor is None:
            return
        self.judged += 1
        recent = anchor + self.grace > self.ctx.period_end
        after_anchor = self.steps[self.steps.index(self.anchor) + 1:] if self.anchor in self.steps else []
        lacking = [s for s in self.steps
                   if as_date(v.get(s)) is None and not (recent and s in after_anchor)]
        lacking += [f for f in self.flags if not bool_true(v.get(f))]
        dates = [d for d in (as_date(v.get(s)) for s in self.steps) if d is not None]
        disordered = any(a > b for a, b in pairwise(dates))
        for name in lacking:
            self.missing.setdefault(name, EvidenceCollector()).add(record, self.key)
        if disordered:
            self.disorder.add(record, self.key)
        self.defects += bool(lacking or disordered)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, self.table):
            return missing_table(self.table)
        if self.judged == 0:
            return empty_table(self.table)
        title = {name: field_title(self.table, name) for name in (*self.steps, *self.flags)}
        findings = [
            self.spec.finding(t(f"{ev.total} 条记录缺少{title[name].zh}",
                                f"{ev.total} records lack the {title[name].en}"), ev)
            for name, ev in self.missing.items()
        ]
        if self.disorder.total:
            findings.append(self.spec.finding(t(
                f"{self.disorder.total} 条记录的环节日期顺序颠倒（应为 "
                f"{' → '.join(title[s].zh for s in self.steps)}）",
                f"{self.disorder.total} records have steps out of order (expected "
                f"{' -> '.join(title[s].en for s in self.steps)})"),
                self.disorder))
        return measurement(self.judged, self.defects, findings,
                           rate=rate_of(self.judged - self.defects, self.judged))


def start(spec: IndicatorSpec, ctx: AuditContext) -> ProcessSteps:
    return ProcessSteps(spec, ctx)
