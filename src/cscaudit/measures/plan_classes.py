"""plan_classes: the center's emergency plans cover the required classes of emergency.

Params:
- `classes`: event class codes that must each be covered by at least one plan; default
  every class of the standard (自然灾害 natural_disaster, 事故灾难 accident, 公共卫生事件
  public_health, 社会安全事件 social_safety). A profile may list its own, including
  sub-types a plan names (e.g. `power_outage` for 停电).

Defect: each required class no plan covers. Checked: the required classes.
No plan at all: every class is a defect.
Example: plans for natural disasters and accidents only: 2 defects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    catalogue_name,
    config_evidence,
    join,
    measurement,
    not_applicable,
)
from cscaudit.measures.plans import plan_classes, plans_of
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

if TYPE_CHECKING:  # configuration kinds read no table and never load polars
    from cscaudit.facts import Facts
    from cscaudit.facts.frames import Tables

ID = "plan_classes"
SUMMARY = t("中心的应急预案覆盖规定的各类突发事件。",
            "the center's emergency plans cover the required classes of emergency.")
TABLES: tuple[str, ...] = ()
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"classes": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}},
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    required = list(spec.params.get("classes") or ctx.standard.event_classes)
    if not required:
        return not_applicable(t("未设定要求的事件类别", "no event classes required"))
    covered: set[str] = set()
    for plan in plans_of(ctx.center):
        covered |= plan_classes(plan) | set(plan.subtypes)
    missing = [c for c in required if c not in covered]
    findings = []
    if missing:
        evidence = EvidenceCollector()
        evidence.add_evidence(config_evidence(ctx.center, "emergency_plans"))
        names = [catalogue_name(ctx, "event_classes", c) for c in missing]
        findings.append(spec.finding(t(
            f"应急预案未覆盖 {len(missing)} 类突发事件：{join(names)}",
            f"no emergency plan covers {len(missing)} classes: {', '.join(missing)}"),
            evidence=evidence))
    n = len(required)
    return measurement(n, len(missing), findings=findings,
                       measured=t(f"覆盖 {n - len(missing)}/{n} 类", f"{n - len(missing)} of {n} classes covered"))
