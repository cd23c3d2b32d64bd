"""The answer levels each survey row gives: what a resident said, read once for everyone.

Read by `satisfaction` and by the worker card (which asks the same of the `worker_rating`
column). The rule: a row's levels in a field are the codes of that field
(`common.codes`: a list of levels, or a single level), none when the field is empty or the
row is dated outside the period; a row without a readable date is not ruled out.

The same rule for one record, `answer_levels` in `tests/oracles/surveys.py`, is the
specification the frame is held to, row by row (`tests/audit/test_survey_answers.py`).
"""

from __future__ import annotations

import polars as pl

from cscaudit.facts.columns import undated_or_in_period
from cscaudit.facts.frames import Tables
from cscaudit.results.context import AuditContext


def levels_dtype() -> pl.DataType:
    """A row's answer levels: a list of text. Built on use, not at import, which would load
    polars for `validate` too (`cscaudit.lazy_polars`)."""
    return pl.List(pl.Utf8())


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
    the oracle's `answer_levels` of each row."""
    rows = tables.frame(table, field, date_field)
    dated = undated_or_in_period(rows, date_field, ctx.period_start, ctx.period_end)
    return rows.with_columns(
        pl.when(dated).then(_levels(rows, field)).otherwise(pl.lit([], dtype=levels_dtype()))
        .alias("levels"))
