"""satisfaction: the share of survey answers that are satisfied.

Five levels: 非常满意 very_satisfied, 满意 satisfied, 基本满意 fairly_satisfied, 不满意
dissatisfied, 非常不满意 very_dissatisfied. The usual 满意率 counts 基本满意 as satisfied
(好差评 practice: only 不满意 and 非常不满意 are 差评), so it does by default; a locality
that counts only 满意 and above sets `satisfied: [very_satisfied, satisfied]`.

Params:
- `table` (default `surveys`), `field` (default `overall`: 总体满意度).
- `satisfied`: the levels that count as satisfied (default very_satisfied, satisfied,
  fairly_satisfied).

Checked: answers given in the period (an empty answer is skipped). Rate: satisfied /
answers; meant for tiers scoring (≥ 90 % full marks ...). Findings list the dissatisfied
answers. No answer: not applicable; no surveys table: error.
Example: 52 answers, 45 very satisfied, satisfied or fairly satisfied: 86.5 %.
"""

from __future__ import annotations

from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    as_date,
    codes,
    empty_table,
    in_period,
    measurement,
    missing_table,
    rate_of,
    table_absent,
)
from cscaudit.audit.model import Measurement, Severity
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "satisfaction"
SUMMARY = t("满意度调查中回答满意的比例。", "the share of survey answers that are satisfied.")
TABLES: tuple[str, ...] = ("surveys", "service_ledger", "complaints")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "table": {"enum": list(TABLES), "default": "surveys"},
        "field": {"type": "string", "default": "overall"},
        "satisfied": {"type": "array", "items": {"type": "string"}, "minItems": 1,
                      "default": ["very_satisfied", "satisfied", "fairly_satisfied"]},
        "date_field": {"type": "string", "default": "surveyed_on"},
    },
}
BAD = frozenset({"dissatisfied", "very_dissatisfied"})


def answer_levels(record: Record, field: str, date_field: str, ctx: AuditContext) -> set[str]:
    """The levels one survey row gives in `field`; empty when unanswered or outside the period."""
    day = as_date(record.values.get(date_field))
    if day is not None and not in_period(day, ctx.period_start, ctx.period_end):
        return set()
    return set(codes(record.values.get(field)))


class Satisfaction:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.table = str(p["table"])
        self.tables: tuple[str, ...] = (self.table,)
        self.field = str(p["field"])
        self.date_field = str(p["date_field"])
        self.good = set(p["satisfied"])
        self.answers = 0
        self.satisfied = 0
        self.bad = EvidenceCollector()

    def add(self, record: Record) -> None:
        if record.table != self.table:
            return
        answer = answer_levels(record, self.field, self.date_field, self.ctx)
        if not answer:
            return
        self.answers += 1
        self.satisfied += bool(answer & self.good)
        if answer & BAD:
            self.bad.add(record)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, self.table):
            return missing_table(self.table)
        if self.answers == 0:
            return empty_table(self.table)
        findings = []
        if self.bad.total:
            findings.append(self.spec.finding(t(
                f"{self.bad.total} 份评价为不满意或非常不满意", f"{self.bad.total} answers dissatisfied"), self.bad,
                severity=Severity.INFO))
        return measurement(self.answers, self.answers - self.satisfied, findings,
                           rate=rate_of(self.satisfied, self.answers))


def start(spec: IndicatorSpec, ctx: AuditContext) -> Satisfaction:
    return Satisfaction(spec, ctx)
