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

from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import (
    day,
    first_day,
    has_code,
    in_period,
)
from cscaudit.facts.frames import Tables
from cscaudit.facts.working_days import with_due_dates
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    measurement,
    missing_table,
    not_applicable,
    rate_of,
    table_absent,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

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



def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return (str(spec.params["table"]),)


def _with_column(tables: Tables, table: str, name: str | None) -> pl.Expr:
    """True on the rows of exports that have the column `name` (an export without it says
    nothing about rectification, an empty cell in one that has it does)."""
    sources = [source for source, fields in tables.fields_of(table).items()
               if name is not None and name in fields]
    if not sources or name is None or not tables.has_column(table, name):
        return pl.lit(False)
    return pl.any_horizontal(
        (pl.col("_file") == file) & (pl.col("_sheet").is_null() if sheet is None
                                     else pl.col("_sheet") == sheet)
        for file, sheet in sources).fill_null(False)


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    p = spec.params
    table = str(p["table"])
    if table_absent(ctx, table):
        return missing_table(table)
    rating, revisit, rectify = str(p["rating_field"]), str(p["revisit_field"]), p["rectify_field"]
    date_fields = [str(f) for f in p["date_fields"]]
    revisit_days, rectify_days = int(p["revisit_days"]), int(p["rectify_days"])
    key = str(p["key_field"])
    names = [rating, revisit, *date_fields, *([str(rectify)] if rectify is not None else [])]
    frame = tables.frame(table, key, *dict.fromkeys(names))
    frame = frame.with_columns(first_day(frame, date_fields).alias("_base"),
                               _with_column(tables, table, rectify).alias("_has_rectify"))
    rated = frame.filter(has_code(frame, rating, p["bad"])
                         & (pl.col("_base").is_null()
                            | in_period(frame, "_base", ctx.period_start, ctx.period_end)))
    checked = rated.height
    if checked == 0:
        return not_applicable(t("考核期内没有差评", "no bad ratings in the period"))
    base = pl.col("_base")
    rated = with_due_dates(rated, base, pl.lit(revisit_days), ctx.calendar, "_revisit_due")
    rated = with_due_dates(rated, base, pl.lit(rectify_days), ctx.calendar, "_rectify_due")
    revisited = day(rated, revisit)
    rectified = day(rated, str(rectify)) if rectify is not None else pl.lit(None, pl.Date())
    never = revisited.is_null()
    late = ~never & (revisited > pl.col("_revisit_due")).fill_null(False)
    unfixed = ~never & ~late & pl.col("_has_rectify") & (
        rectified.is_null() | (rectified > pl.col("_rectify_due")).fill_null(False))
    no_revisit, late_revisit, not_rectified = (EvidenceCollector() for _ in range(3))
    for collector, rows in ((no_revisit, never), (late_revisit, late), (not_rectified, unfixed)):
        collector.add_frame(rated.filter(rows), table, key)
    findings = [spec.finding(msg, evidence=ev) for msg, ev in (
        (t(f"{no_revisit.total} 件差评没有回访记录", f"{no_revisit.total} bad ratings never revisited"),
         no_revisit),
        (t(f"{late_revisit.total} 件差评未在 {revisit_days} 个工作日内回访",
           f"{late_revisit.total} bad ratings not revisited within {revisit_days} working days"),
         late_revisit),
        (t(f"{not_rectified.total} 件差评未在 {rectify_days} 个工作日内整改",
           f"{not_rectified.total} bad ratings not rectified within {rectify_days} working days"),
         not_rectified),
    ) if ev.total]
    defects = no_revisit.total + late_revisit.total + not_rectified.total
    scope = t("回访和整改", "revisit and rectification") if rated["_has_rectify"].any() \
        else t("回访（台账无整改日期列，未查整改）", "revisit (no rectification column: not checked)")
    return measurement(checked, defects, findings=findings,
                       rate=rate_of(checked - defects, checked),
                       measured=t(f"差评 {checked} 件，{scope.zh}按时 {checked - defects} 件",
                                  f"{checked} bad ratings, {checked - defects} on time for "
                                  f"{scope.en}"))
