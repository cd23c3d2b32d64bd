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

from cscaudit.facts import Facts
from cscaudit.facts.columns import has_code, has_codes
from cscaudit.facts.frames import Tables
from cscaudit.facts.surveys import survey_answers
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec, param_table
from cscaudit.measures.common import (
    empty_table,
    measurement,
    missing_table,
    rate_of,
    table_absent,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement, Severity

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


reads = param_table


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    (table,) = reads(spec)
    if table_absent(ctx, table):
        return missing_table(table)
    rows = facts.get(survey_answers, table, str(spec.params["field"]), str(spec.params["date_field"]))
    answers = rows.filter(has_codes(rows, "levels"))
    if answers.height == 0:
        return empty_table(table)
    satisfied = answers.filter(has_code(answers, "levels", set(spec.params["satisfied"]))).height
    bad = EvidenceCollector()
    bad.add_frame(answers.filter(has_code(answers, "levels", BAD)), table)
    findings: list[Finding] = []
    if bad.total:
        findings.append(spec.finding(t(
            f"{bad.total} 份评价为不满意或非常不满意", f"{bad.total} answers dissatisfied"),
            evidence=bad, severity=Severity.INFO))
    return measurement(answers.height, answers.height - satisfied, findings=findings,
                       rate=rate_of(satisfied, answers.height))
