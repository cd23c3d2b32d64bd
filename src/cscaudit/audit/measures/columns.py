"""Column expressions shared by the kinds ported to frames: the column-wise twins of
`common.filled` and `common.in_period`, so a kind reads like its docstring."""

from __future__ import annotations

import datetime as dt

import polars as pl

from cscaudit.audit.measures.common import NONE_WORDS


def filled(frame: pl.DataFrame, name: str) -> pl.Expr:
    """True where the cell holds something, as `common.filled` says: not null, not blank, not
    a none-word (无, /, n/a ...) and not an empty list."""
    dtype = frame.schema[name]
    column = pl.col(name)
    if dtype == pl.Utf8():
        stripped = column.str.strip_chars()
        return (column.is_not_null() & (stripped != "")
                & ((stripped.str.len_chars() > 3)
                   | ~stripped.str.to_lowercase().is_in(sorted(NONE_WORDS)))).fill_null(False)
    if isinstance(dtype, pl.List):
        return (column.is_not_null() & (column.list.len() > 0)).fill_null(False)
    return column.is_not_null()


def day(frame: pl.DataFrame, name: str) -> pl.Expr:
    """The column as a date (a datetime's day); null where it is not a date."""
    dtype = frame.schema[name]
    if dtype == pl.Date():
        return pl.col(name)
    if isinstance(dtype, pl.Datetime):
        return pl.col(name).dt.date()
    return pl.lit(None, dtype=pl.Date())


def in_period(frame: pl.DataFrame, name: str, start: dt.date, end: dt.date) -> pl.Expr:
    """True where the column's day falls within [start, end]; False where it has no day."""
    return day(frame, name).is_between(start, end).fill_null(False)
