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

from cscaudit.audit.measures.base import AuditContext, IndicatorSpec
from cscaudit.audit.measures.common import as_date, codes, in_period, measurement
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

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


class SurveySample:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.min = int(p["min_responses"])
        self.ordinary_types = set(p["ordinary_types"])
        self.share = float(p["min_ordinary_share"])
        self.responses = 0
        self.ordinary = 0

    def add(self, record: Record) -> None:
        day = as_date(record.values.get("surveyed_on"))
        if day is not None and not in_period(day, self.ctx.period_start, self.ctx.period_end):
            return
        self.responses += 1
        self.ordinary += bool(self.ordinary_types & set(codes(record.values.get("respondent_type"))))

    def finish(self) -> Measurement:
        findings = []
        if self.responses < self.min:
            findings.append(self.spec.finding(t(
                f"满意度测评样本 {self.responses} 份，少于 {self.min} 份",
                f"{self.responses} survey responses, fewer than {self.min}")))
        share = self.ordinary / self.responses if self.responses else 0.0
        if share < self.share:
            findings.append(self.spec.finding(t(
                f"普通居民占样本 {share:.1%}（{self.ordinary}/{self.responses}），低于 {self.share:.0%}",
                f"ordinary residents are {share:.1%} of the sample ({self.ordinary}/{self.responses}), "
                f"below {self.share:.0%}")))
        return measurement(2, len(findings), findings, measured=t(
            f"样本 {self.responses} 份，普通居民 {share:.0%}", f"{self.responses} responses, {share:.0%} ordinary"))


def start(spec: IndicatorSpec, ctx: AuditContext) -> SurveySample:
    return SurveySample(spec, ctx)
