"""A survey row's answer levels, one record at a time: the rule
`facts/surveys.survey_answers` computes for every row, held to it by
`tests/audit/test_survey_answers.py`."""

from __future__ import annotations

from cscaudit.ingest.model import Record
from cscaudit.measures.common import as_date, codes, in_period
from cscaudit.results.context import AuditContext


def answer_levels(record: Record, field: str, date_field: str, ctx: AuditContext) -> set[str]:
    """The levels one survey row gives in `field`; empty when unanswered or outside the period."""
    on = as_date(record.values.get(date_field))
    if on is not None and not in_period(on, ctx.period_start, ctx.period_end):
        return set()
    return set(codes(record.values.get(field)))
