"""area_ratio: the center's floor space favours residents over the office.

Reads the areas (m²) declared in center.yaml and checks up to two rules:
- resident space (service hall plus activity rooms) against office space at least a given
  share, e.g. Beijing's 8 : 2 is `min_service_share: 0.8` ((service + activity) /
  (service + activity + office) ≥ 0.8): the Beijing and Chaoyang figures set space for
  residents, service and activity alike, against the office;
- office at most a share of the usable area, e.g. Wuhan's one tenth is
  `max_office_share: 0.1` (office / usable ≤ 0.1).

Params:
- `path`: dotted path of the areas mapping in center.yaml (default `areas`).
- `service_field`, `activity_field`, `office_field`, `usable_field`: its keys (defaults
  `service`, `activity`, `office`, `usable`; an undeclared activity area counts as 0).
- `min_service_share`, `max_office_share`: the rules; omit one to skip it.

Defect: each rule broken, or a rule whose areas are not declared. Checked: the rules set.
Example: `{min_service_share: 0.8}` with service 300 m², activity 100 m² and office 150 m²
gives 72.7 % < 80 %: 1 defect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    config_evidence,
    config_lookup,
    measurement,
    not_applicable,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

if TYPE_CHECKING:  # configuration kinds read no table and never load polars
    from cscaudit.facts import Facts
    from cscaudit.facts.frames import Tables

ID = "area_ratio"
SUMMARY = t("中心用房向居民倾斜：服务和活动用房占比达标，办公用房不超标。",
            "the center's floor space favours residents over the office.")
TABLES: tuple[str, ...] = ()
_SHARE = {"type": "number", "minimum": 0, "maximum": 1}
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "path": {"type": "string", "default": "areas"},
        "service_field": {"type": "string", "default": "service"},
        "activity_field": {"type": "string", "default": "activity"},
        "office_field": {"type": "string", "default": "office"},
        "usable_field": {"type": "string", "default": "usable"},
        "min_service_share": _SHARE,
        "max_office_share": _SHARE,
    },
}


def _area(areas: Any, name: str) -> float | None:
    value = areas.get(name) if isinstance(areas, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return None
    return float(value)


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    p = spec.params
    path = str(p["path"])
    areas = config_lookup(ctx.center, path)
    hall = _area(areas, str(p["service_field"]))
    activity = _area(areas, str(p["activity_field"])) or 0.0
    service = None if hall is None else hall + activity
    office = _area(areas, str(p["office_field"]))
    usable = _area(areas, str(p["usable_field"]))
    rules, findings, measured = 0, [], []
    where = EvidenceCollector()
    where.add_evidence(config_evidence(ctx.center, path))
    if p.get("min_service_share") is not None:
        rules += 1
        need = float(p["min_service_share"])
        if service is None or office is None or service + office == 0:
            findings.append(spec.finding(t(
                f"center.yaml 未申报服务用房和办公用房面积（{path}）",
                f"service and office areas not declared in center.yaml ({path})"), evidence=where))
        else:
            share = service / (service + office)
            measured.append(f"{share:.0%}")
            if share < need:
                findings.append(spec.finding(t(
                    f"居民服务与活动用房占比 {share:.1%}（服务 {hall:g}㎡ + 活动 {activity:g}㎡ : 办公 "
                    f"{office:g}㎡），低于要求的 {need:.0%}",
                    f"resident space is {share:.1%} (service {hall:g} m² + activity {activity:g} m² : "
                    f"office {office:g} m²), below the required {need:.0%}"), evidence=where))
    if p.get("max_office_share") is not None:
        rules += 1
        limit = float(p["max_office_share"])
        if office is None or not usable:
            findings.append(spec.finding(t(
                f"center.yaml 未申报办公用房或使用面积（{path}）",
                f"office or usable area not declared in center.yaml ({path})"), evidence=where))
        else:
            share = office / usable
            measured.append(f"{share:.0%}")
            if share > limit:
                findings.append(spec.finding(t(
                    f"办公用房 {office:g}㎡ 占使用面积 {usable:g}㎡ 的 {share:.1%}，超过 {limit:.0%}",
                    f"office space {office:g} m² is {share:.1%} of the usable {usable:g} m², "
                    f"above {limit:.0%}"), evidence=where))
    if rules == 0:
        return not_applicable(t("未设定面积比例要求", "no area rule set"))
    text = " / ".join(measured) or "—"
    return measurement(rules, len(findings), findings=findings, measured=t(text, text))
