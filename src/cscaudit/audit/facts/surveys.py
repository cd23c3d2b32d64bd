"""The answer levels each survey row gives: what a resident said, read once for everyone.

Read by `satisfaction` and by the worker card (which asks the same of the `worker_rating`
column). The rule: a row's levels in a field are the codes of that field
(`common.codes`: a list of levels, or a single level), none when the field is empty or the
row is dated outside the period; a row without a readable date is not ruled out.

`answer_levels` says the same of one record: a test holds the frame to its answers.
"""

from __future__ import annotations

import polars as pl

from cscaudit.audit.frames import Tables
from cscaudit.audit.measures.base import AuditContext
from cscaudit.audit.measures.columns import undated_or_in_period
from cscaudit.audit.measures.common import as_date, codes, in_period
from cscaudit.ingest.model import Record


def levels_dtype() -> pl.DataType:
    """A row's answer levels: a list of text. Built on use, not at import, which would load
    polars for `validate` too (`cscaudit.lazy_polars`)."""
    return pl.List(pl.Utf8())


def answer_levels(record: Record, field: str, date_field: str, ctx: AuditContext) -> set[str]:
    """The levels one survey row gives in `field`; empty when unanswered or outside the period."""
    on = as_date(record.values.get(date_field))
    if on is not None and not in_period(on, ctx.period_start, ctx.period_end):
        return set()
    return set(codes(record.values.get(field)))


def _levels(frame: pl.DataFrame, field: str) -> pl.Expr:
    """The field's codes as a list, as `common.codes` reads each cell; empty when null."""
    dtype = frame.schema[field]
    column = pl.col(field)
    if isinstance(dtype, pl.List):
        listed = column.cast(levels_dtype())
    elif dtype == pl.Utf8():
        listed = pl.concat_list(column)
    else:  # a bool or number in a column the dictionary does not know: str() as codes says
        distinct = [v for v in frame.get_column(field).unique().to_list() if v is not None]
        listed = pl.concat_list(column.replace_strict(
            pl.Series(distinct, dtype=dtype), pl.Series([str(v) for v in distinct], dtype=pl.Utf8()),
            default=None, return_dtype=pl.Utf8()))
    return pl.when(column.is_null()).then(pl.lit([], dtype=levels_dtype())).otherwise(listed)


def survey_answers(tables: Tables, ctx: AuditContext, table: str, field: str,
                   date_field: str) -> pl.DataFrame:
    """The rows of `table` in frame order with a `levels` column (a list of level codes):
    `answer_levels` of each row."""
    rows = tables.frame(table, field, date_field)
    dated = undated_or_in_period(rows, date_field, ctx.period_start, ctx.period_end)
    return rows.with_columns(
        pl.when(dated).then(_levels(rows, field)).otherwise(pl.lit([], dtype=levels_dtype()))
        .alias("levels"))
