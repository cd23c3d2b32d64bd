"""Column expressions shared by the kinds ported to frames: the column-wise twins of
`measures.common.filled`, `in_period`, `codes` and `bool_true`, of a plain word
search, `per_value` and `per_distinct` for what only a Python function can say of a cell
(asked once per distinct value), `distinct_rows` for an answer per distinct value of
several columns (lists too) handed back to the rows, `sums_per_list` for a sum per list cell
read flat, and `rows_by_reason` for evidence listed reason by reason, so a kind reads like
its docstring. Working-day deadlines are `facts.working_days`."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Collection, Sequence

import polars as pl

from cscaudit.facts.frames import date_only
from cscaudit.ingest.model import CellValue
from cscaudit.ingest.values import PY_SPACE
from cscaudit.rules.cell_words import NONE_WORD_MAX, NONE_WORDS, YES_WORDS


def _spellings(word: str) -> set[str]:
    """Every text of at most `NONE_WORD_MAX` characters that `str.lower()` turns into `word`:
    its characters in either case."""
    cases = [sorted({ch, ch.lower(), ch.upper(), ch.title()}) for ch in word]
    return {text for text in map("".join, itertools.product(*cases))
            if len(text) <= NONE_WORD_MAX and text.lower() == word}


# the texts `common.filled` takes for a none-word once stripped, so a column is matched
# without lower-casing it (the test proves no other character lower-cases into one)
NONE_SPELLINGS: tuple[str, ...] = tuple(sorted(set().union(*map(_spellings, NONE_WORDS))))
_EMPTY_SPELLINGS = ("", *NONE_SPELLINGS)  # a text stripped to one of these is not filled


def filled(frame: pl.DataFrame, name: str) -> pl.Expr:
    """True where the cell holds something, as `common.filled` says: not null, not blank, not
    a none-word (无, /, n/a ...) and not an empty list."""
    dtype = frame.schema[name]
    column = pl.col(name)
    if dtype == pl.Utf8():
        # blank or a none-word once stripped (polars' strip_chars() alone keeps \x1c-\x1f):
        # one strip and one lookup, the strip being the costly part
        empty = column.str.strip_chars(PY_SPACE).is_in(_EMPTY_SPELLINGS)
        return (column.is_not_null() & ~empty).fill_null(False)
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


def undated_or_in_period(frame: pl.DataFrame, name: str, start: dt.date, end: dt.date) -> pl.Expr:
    """True where the column's day falls within [start, end] or where it has no day (a row
    without a readable date is not ruled out)."""
    return day(frame, name).is_between(start, end).fill_null(True)


def has_code(frame: pl.DataFrame, name: str, wanted: Collection[str]) -> pl.Expr:
    """True where the cell's codes meet `wanted`, as `not set(common.codes(v)).isdisjoint(...)`
    says: a code column (text) or a list of codes; False where the cell is empty."""
    dtype = frame.schema[name]
    listed = sorted(wanted)
    if isinstance(dtype, pl.List):
        return pl.col(name).list.eval(pl.element().is_in(listed)).list.any().fill_null(False)
    if dtype == pl.Utf8():
        return pl.col(name).is_in(listed).fill_null(False)
    return per_value(frame, name, lambda value: value is not None and str(value) in listed)


def has_codes(frame: pl.DataFrame, name: str) -> pl.Expr:
    """True where `common.codes` finds at least one code in the cell: a non-empty list, or
    any other value that is not null."""
    if isinstance(frame.schema[name], pl.List):
        return (pl.col(name).list.len() > 0).fill_null(False)
    return pl.col(name).is_not_null()


def bool_true(frame: pl.DataFrame, name: str) -> pl.Expr:
    """True where the cell says yes, as `common.bool_true` says: the value true, or a text
    是/有/√/Y/y (blanks around it ignored); False everywhere else."""
    dtype = frame.schema[name]
    if dtype == pl.Boolean():
        return pl.col(name).fill_null(False)
    if dtype == pl.Utf8():
        return pl.col(name).str.strip_chars().is_in(sorted(YES_WORDS)).fill_null(False)
    return pl.lit(False)


def per_value(frame: pl.DataFrame, name: str, test: Callable[[CellValue], bool]) -> pl.Expr:
    """True where `test(cell)` is, for what only a Python function can say of a scalar cell
    (how `==` or `str` compares a value): `test` is asked once per distinct value, null
    included, never per row. Not for list columns."""
    passing = [value for value in frame.get_column(name).unique().to_list()
               if value is not None and test(value)]
    allowed = pl.lit(pl.Series(passing, dtype=frame.schema[name])).implode()
    matched = pl.col(name).is_in(allowed).fill_null(False)
    return matched | pl.col(name).is_null() if test(None) else matched


def rows_by_reason(frame: pl.DataFrame,
                   reasons: Sequence[tuple[str, pl.Expr]]) -> list[tuple[str, pl.DataFrame]]:
    """The rows of `frame` each reason holds for, as a record-stream kind lists them when it
    adds a row to a reason's evidence once per condition met: per reason name, its rows in
    frame order (a row twice when two of its conditions hold); names in the order they first
    occur, by row, then by their place in `reasons`."""
    if not reasons or not frame.height:
        return []
    # the first row each condition holds for (null: none), in one pass
    first = frame.select(condition.fill_null(False).arg_true().first().alias(f"_reason{i}")
                         for i, (_, condition) in enumerate(reasons)).row(0)
    places: dict[str, list[int]] = {}
    for i, (name, _) in enumerate(reasons):
        places.setdefault(name, []).append(i)
    order = sorted((min((first[i], i) for i in found if first[i] is not None), name)
                   for name, found in places.items()
                   if any(first[i] is not None for i in found))
    listed = []
    for _, name in order:
        found = places[name]
        if len(found) == 1:
            listed.append((name, frame.filter(reasons[found[0]][1])))
            continue
        # a name several conditions give: a row once per condition met, by row then place
        parts = [frame.with_row_index("_at").filter(reasons[i][1])
                 .with_columns(pl.lit(i, dtype=pl.Int64()).alias("_place")) for i in found]
        listed.append((name, pl.concat(parts).sort("_at", "_place", maintain_order=True)
                       .drop("_at", "_place")))
    return listed


def distinct_rows(frame: pl.DataFrame, *keys: str) -> tuple[pl.DataFrame, pl.Series]:
    """The distinct values of the columns `keys` (lists too), in the order they first occur,
    and for each row of `frame` the place of its value among them: an answer worked out once
    per distinct value (in Python, say) goes back to the rows with `answers.gather(place)`."""
    grouped = frame.select(*keys).with_row_index("_r") \
        .group_by(*keys, maintain_order=True).agg("_r")
    place = grouped.select(pl.int_range(pl.len(), dtype=pl.UInt32()).alias("_place"), "_r") \
        .explode("_r").sort("_r").get_column("_place")
    return grouped.drop("_r"), place


def sums_per_list(values: pl.Series, lengths: pl.Series) -> pl.Series:
    """The sum of each run of `values` (a list column read flat, nulls counting 0) whose
    lengths are `lengths` (the lists' lengths, null as 0), one per list, without evaluating
    each list: differences of the running sum at the lists' ends."""
    counts = lengths.fill_null(0).cast(pl.Int64())
    ends = counts.cum_sum()
    running = pl.concat([pl.Series([0], dtype=pl.Int64()),
                         values.cast(pl.Int64()).fill_null(0).cum_sum()])
    return running.gather(ends) - running.gather(ends - counts)


def first_day(frame: pl.DataFrame, names: Sequence[str]) -> pl.Expr:
    """The day of the first of `names` that holds one (null when none does)."""
    if not names:
        return pl.lit(None, dtype=pl.Date())
    return pl.coalesce(day(frame, name) for name in names)


def moment(frame: pl.DataFrame, name: str, *, end_of_day: bool = False) -> pl.Expr:
    """The column as a datetime (a date's midnight), as `common.as_datetime` reads a value;
    with `end_of_day`, a value given as a date alone is taken at 23:59:59 of that day."""
    dtype = frame.schema[name]
    if isinstance(dtype, pl.Datetime):
        column = pl.col(name)
    elif dtype == pl.Date():
        column = pl.col(name).cast(pl.Datetime("us"))
        if end_of_day:
            return column + pl.duration(hours=23, minutes=59, seconds=59)
        return column
    else:
        return pl.lit(None, dtype=pl.Datetime("us"))
    flag = date_only(name)
    if end_of_day and flag in frame.columns:
        return pl.when(pl.col(flag)).then(column + pl.duration(hours=23, minutes=59, seconds=59)) \
            .otherwise(column)
    return column


def mentions_any(frame: pl.DataFrame, name: str, words: Sequence[str]) -> pl.Expr:
    """True where the text cell contains any of `words`, as `any(w in str(v or "") for w in
    words)` says (an empty word is in every cell, an empty cell holds no other); False
    where it does not."""
    if not words:
        return pl.lit(False)
    if any(word == "" for word in words):
        return pl.lit(True)
    return pl.col(name).cast(pl.Utf8()).str.contains_any(list(words)).fill_null(False)


def per_distinct(frame: pl.DataFrame, name: str, fn: Callable[[CellValue], CellValue], dtype: pl.DataType,
                 alias: str) -> pl.DataFrame:
    """`frame` with a column `alias`: `fn` of the cell in `name`, for what only Python can say
    (a text's classification, how `str` writes a value). `fn` is called once per distinct
    value, never per row, and the answers are joined back in frame order; a null cell gives
    null. Works for every column type, lists included."""
    distinct = frame.select(name).unique(maintain_order=True).drop_nulls()
    answers = pl.Series(alias, [fn(value) for value in distinct[name].to_list()], dtype=dtype)
    return frame.join(distinct.with_columns(answers), on=name, how="left", maintain_order="left")


def as_text(frame: pl.DataFrame, name: str, alias: str) -> pl.DataFrame:
    """`frame` with a column `alias`: the cell as `str(value)` writes the record's value (a
    list as the tuple the reader gives), null where the cell is null."""
    dtype = frame.schema[name]
    if dtype == pl.Utf8():
        return frame.with_columns(pl.col(name).alias(alias))
    if isinstance(dtype, pl.List):
        return per_distinct(frame, name, lambda value: str(tuple(value)), pl.Utf8(), alias)
    return per_distinct(frame, name, str, pl.Utf8(), alias)


def code_list(frame: pl.DataFrame, name: str) -> pl.Expr:
    """The column as `common.codes` reads each cell: a list of codes stays, a single code
    becomes a one-item list (as text), an empty cell an empty list."""
    dtype = frame.schema[name]
    if isinstance(dtype, pl.List):
        column = pl.col(name).cast(pl.List(pl.Utf8()))
    else:
        column = pl.concat_list(pl.col(name).cast(pl.Utf8()))
    return pl.when(pl.col(name).is_null()).then(pl.lit([], dtype=pl.List(pl.Utf8()))) \
        .otherwise(column).alias(name)
