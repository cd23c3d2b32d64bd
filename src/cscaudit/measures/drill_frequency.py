"""drill_frequency: emergency drills held often enough, each with its lessons recorded.

Params:
- `min_drills`: drills required in the audit period (default 1).
- `record_fields`: fields every drill must fill (default `[problems, improvements]`:
  存在问题 and 改进措施).

Defect: each drill short of `min_drills`, plus each drill in the period with a record field
empty. Checked: `min_drills` or the drills held, whichever is larger.
No drill at all gives `min_drills` defects (never not applicable: a missing drill is the fault).
Example: one tabletop drill with no improvements recorded: 1 defect.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import filled, in_period
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import measurement
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement

ID = "drill_frequency"
SUMMARY = t("应急演练次数达标，每次都记录存在问题和改进措施。",
            "emergency drills held often enough, each with its lessons recorded.")
TABLES: tuple[str, ...] = ("drills",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_drills": {"type": "integer", "minimum": 0, "default": 1},
        "record_fields": {"type": "array", "items": {"type": "string"}, "default": ["problems", "improvements"]},
    },
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    required = int(spec.params["min_drills"])
    fields = list(spec.params["record_fields"])
    drills = tables.frame("drills", "held_on", "drill_id", *fields)
    held = drills.filter(in_period(drills, "held_on", ctx.period_start, ctx.period_end))
    unrecorded = held.filter(~pl.all_horizontal(filled(held, f) for f in fields)) if fields \
        else held.clear()
    evidence = EvidenceCollector()
    evidence.add_frame(unrecorded, "drills", "drill_id")
    short = max(0, required - held.height)
    findings: list[Finding] = []
    if short:
        findings.append(spec.finding(t(
            f"考核期内应急演练 {held.height} 次，少于要求的 {required} 次",
            f"{held.height} drills in the period, fewer than the {required} required")))
    if evidence.total:
        findings.append(spec.finding(t(
            f"{evidence.total} 次演练未记录{'、'.join(fields)}",
            f"{evidence.total} drills lack {', '.join(fields)}"), evidence=evidence))
    return measurement(max(required, held.height), short + evidence.total, findings=findings,
                       measured=t(f"演练 {held.height} 次", f"{held.height} drills"))
