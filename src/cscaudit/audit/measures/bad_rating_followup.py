"""bad_rating_followup: every bad rating (差评) is revisited and rectified in time.

A bad rating is 不满意 or 非常不满意 (codes `dissatisfied`, `very_dissatisfied`). The
resident must be revisited within `revisit_days` **working days** of the case's completion
(else its receipt), and the problem rectified within `rectify_days` working days, on the
official holiday calendar with its make-up days (好差评 practice counts 工作日). Rectification
is checked when the table has the rectification column.

Params:
- `table`: the table holding ratings (default `service_ledger`; `complaints` works too).
- `bad`: the rating codes that count as 差评.
- `revisit_field` (default `revisited_at`), `revisit_days` (default 1 working day).
- `rectify_field` (default `rectified_at`; null: never checked), `rectify_days` (default 15
  working days).
- `date_fields`: the date a rating refers to, first filled wins
  (default `[completed_at, received_at]`).
- `key_field`: the id shown with the evidence (default `case_id`).

Checked: the bad ratings in the period. Defect: a bad rating not revisited, revisited late,
or (when the column is there) not rectified in time. Rate: followed up in time / checked,
meant for ratio scoring. No bad rating at all: not applicable (nothing to follow up).
Example: completed Fri 2024-09-27, rated 不满意: revisited Sun 9/29 (a make-up working day) is
on time; completed Mon 2024-09-30 and revisited Tue 10/8, the first working day after the
National Day holiday, is on time too; revisited 10/9 is late.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    as_date,
    codes,
    in_period,
    measurement,
    missing_table,
    not_applicable,
    rate_of,
    table_absent,
)
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "bad_rating_followup"
SUMMARY = t("每条差评都按时回访并在时限内整改。", "every bad rating (差评) is revisited and rectified in time.")
TABLES: tuple[str, ...] = ("service_ledger", "complaints")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "table": {"enum": ["service_ledger", "complaints"], "default": "service_ledger"},
        "bad": {"type": "array", "items": {"type": "string"},
                "default": ["dissatisfied", "very_dissatisfied"]},
        "rating_field": {"type": "string", "default": "rating"},
        "revisit_field": {"type": "string", "default": "revisited_at"},
        "revisit_days": {"type": "integer", "minimum": 0, "default": 1},
        "rectify_field": {"type": ["string", "null"], "default": "rectified_at"},
        "rectify_days": {"type": "integer", "minimum": 0, "default": 15},
        "date_fields": {"type": "array", "items": {"type": "string"},
                        "default": ["completed_at", "received_at"]},
        "key_field": {"type": "string", "default": "case_id"},
    },
}


class BadRatingFollowup:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.table = str(p["table"])
        self.tables: tuple[str, ...] = (self.table,)
        self.bad = set(p["bad"])
        self.rating_field = str(p["rating_field"])
        self.revisit_field = str(p["revisit_field"])
        self.revisit_days = int(p["revisit_days"])
        self.rectify_field: str | None = p["rectify_field"]
        self.rectify_days = int(p["rectify_days"])
        self.date_fields = list(p["date_fields"])
        self.key = str(p["key_field"])
        self.checked = 0
        self.rectify_checked = False
        self.no_revisit = EvidenceCollector()
        self.late_revisit = EvidenceCollector()
        self.not_rectified = EvidenceCollector()

    def _in_time(self, base: dt.date | None, done: dt.date, days: int) -> bool:
        calendar: Any = self.ctx.calendar
        return base is None or bool(calendar.on_time(base, done, days))

    def add(self, record: Record) -> None:
        v = record.values
        if record.table != self.table or not self.bad & set(codes(v.get(self.rating_field))):
            return
        base = next((d for d in (as_date(v.get(f)) for f in self.date_fields) if d), None)
        if base is not None and not in_period(base, self.ctx.period_start, self.ctx.period_end):
            return
        self.checked += 1
        has_rectify_column = self.rectify_field is not None and self.rectify_field in v
        self.rectify_checked = self.rectify_checked or has_rectify_column
        revisited = as_date(v.get(self.revisit_field))
        if revisited is None:
            self.no_revisit.add(record, self.key)
        elif not self._in_time(base, revisited, self.revisit_days):
            self.late_revisit.add(record, self.key)
        elif has_rectify_column:
            rectified = as_date(v[str(self.rectify_field)])
            if rectified is None or not self._in_time(base, rectified, self.rectify_days):
                self.not_rectified.add(record, self.key)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, self.table):
            return missing_table(self.table)
        if self.checked == 0:
            return not_applicable(t("考核期内没有差评", "no bad ratings in the period"))
        days, fix = self.revisit_days, self.rectify_days
        findings = [self.spec.finding(msg, ev) for msg, ev in (
            (t(f"{self.no_revisit.total} 件差评没有回访记录", f"{self.no_revisit.total} bad ratings never revisited"),
             self.no_revisit),
            (t(f"{self.late_revisit.total} 件差评未在 {days} 个工作日内回访",
               f"{self.late_revisit.total} bad ratings not revisited within {days} working days"),
             self.late_revisit),
            (t(f"{self.not_rectified.total} 件差评未在 {fix} 个工作日内整改",
               f"{self.not_rectified.total} bad ratings not rectified within {fix} working days"),
             self.not_rectified),
        ) if ev.total]
        defects = self.no_revisit.total + self.late_revisit.total + self.not_rectified.total
        scope = t("回访和整改", "revisit and rectification") if self.rectify_checked \
            else t("回访（台账无整改日期列，未查整改）", "revisit (no rectification column: not checked)")
        return measurement(self.checked, defects, findings, rate=rate_of(self.checked - defects, self.checked),
                           measured=t(f"差评 {self.checked} 件，{scope.zh}按时 {self.checked - defects} 件",
                                      f"{self.checked} bad ratings, {self.checked - defects} on time for "
                                      f"{scope.en}"))


def start(spec: IndicatorSpec, ctx: AuditContext) -> BadRatingFollowup:
    return BadRatingFollowup(spec, ctx)
