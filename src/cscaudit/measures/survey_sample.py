"""survey_sample: the satisfaction survey asked enough people, mostly ordinary residents.

Params:
- `min_responses`: responses needed in the period (default 50).
- `ordinary_types`: respondent types that count as ordinary residents (default
  `[resident]`: 普通居民, as against 居民代表 and 党员).
- `min_ordinary_share`: their share of the responses (default 0.7).

Checked: the two rules. Defect: each rule broken. No survey at all breaks both (a survey not
done is the fault, not "nothing to measure"). A response without a type does not count as
ordinary.
Example: 46 responses, 30 from ordinary residents (65 %): 2 defects.
"""

from __future__ import annotations

from typing import Any

from cscaudit.facts import Facts
from cscaudit.facts.columns import has_code, undated_or_in_period
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import IndicatorSpec
from cscaudit.measures.common import measurement
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement

ID = "survey_sample"
SUMMARY = t("满意度调查的样本量足够，且以普通居民为主。",
            "the satisfaction survey asked enough people, mostly ordinary residents.")
TABLES: tuple[str, ...] = ("surveys",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_responses": {"type": "integer", "minimum": 1, "default": 50},
        "ordinary_types": {"type": "array", "items": {"type": "string"}, "default": ["resident"]},
        "min_ordinary_share": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.7},
    },
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    least, least_share = int(spec.params["min_responses"]), float(spec.params["min_ordinary_share"])
    surveys = tables.frame("surveys", "surveyed_on", "respondent_type")
    sample = surveys.filter(
        undated_or_in_period(surveys, "surveyed_on", ctx.period_start, ctx.period_end))
    responses = sample.height
    ordinary = sample.filter(has_code(sample, "respondent_type", set(spec.params["ordinary_types"]))).height
    findings: list[Finding] = []
    if responses < least:
        findings.append(spec.finding(t(
            f"满意度测评样本 {responses} 份，少于 {least} 份",
            f"{responses} survey responses, fewer than {least}")))
    share = ordinary / responses if responses else 0.0
    if share < least_share:
        findings.append(spec.finding(t(
            f"普通居民占样本 {share:.1%}（{ordinary}/{responses}），低于 {least_share:.0%}",
            f"ordinary residents are {share:.1%} of the sample ({ordinary}/{responses}), "
            f"below {least_share:.0%}")))
    return measurement(2, len(findings), findings=findings, measured=t(
        f"样本 {responses} 份，普通居民 {share:.0%}", f"{responses} responses, {share:.0%} ordinary"))
