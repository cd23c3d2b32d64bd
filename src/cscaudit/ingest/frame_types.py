"""Column types of the frames the readers build (`facts.frames` says what a frame holds).

A field's column type follows its field dictionary type: `date` -> Date, `datetime` ->
Datetime, `int` -> Int64, `number` -> Float64, `bool` -> Boolean, `tags` and `items` ->
List(Utf8), every other type -> Utf8. `typed_series` makes one column of Python values, the
way both the record-fed `FrameBuilder` and the column-wise frame reader do.
"""

from __future__ import annotations

import datetime as dt
import functools
from itertools import chain
from typing import Any

import polars as pl

from cscaudit.ingest.dictionary import FieldDictionary
from cscaudit.ingest.model import CellValue

META: tuple[str, ...] = ("_file", "_sheet", "_row")


@functools.cache
def _by_type() -> dict[str, pl.DataType]:
    """Built on first use, not at import: `pl.` at module level would load polars for every
    command, `validate` and `--help` included (`cscaudit.lazy_polars`)."""
    return {
        "date": pl.Date(), "datetime": pl.Datetime("us"), "int": pl.Int64(),
        "number": pl.Float64(), "bool": pl.Boolean(), "tags": pl.List(pl.Utf8()),
        "items": pl.List(pl.Utf8()),
    }


def dtype_of(field_type: str) -> pl.DataType:
    """The column type of a field dictionary type."""
    return _by_type().get(field_type, pl.Utf8())


def field_dtypes(dictionary: FieldDictionary) -> dict[str, dict[str, pl.DataType]]:
    """table -> field -> column type, from the field dictionary."""
    return {name: {f.name: dtype_of(f.type) for f in spec.fields.values()}
            for name, spec in dictionary.tables.items()}


def coerce(value: CellValue, dtype: pl.DataType) -> CellValue:
    """One value made to fit its column where the record holds a near relative of the type
    (a date in a datetime field, a number in a text field); None when it cannot fit."""
    if value is None:
        return None
    if dtype == pl.Utf8():
        return value if isinstance(value, str) else str(value)
    if dtype == pl.Date():
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else None
    if dtype == pl.Datetime("us"):
        if isinstance(value, dt.datetime):
            return value
        return dt.datetime.combine(value, dt.time()) if isinstance(value, dt.date) else None
    if isinstance(dtype, pl.List):
        if isinstance(value, (list, tuple)):
            return [None if v is None else str(v) for v in value]
        return [str(value)]
    if dtype == pl.Boolean():
        return value if isinstance(value, bool) else None
    if dtype == pl.Int64():
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if dtype == pl.Float64():
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
            else None
    return value


def list_of_text() -> pl.DataType:
    """A list of text, built on use (`pl.` at import would load polars for `validate`)."""
    return pl.List(pl.Utf8())


def typed_series(name: str, values: list[CellValue], dtype: pl.DataType | None) -> pl.Series:
    """A column of `values`: of `dtype` (values that do not fit are coerced), or, for a field
    the dictionary does not know (None), of the type the values have, text when they
    disagree."""
    if dtype is None:
        try:
            return pl.Series(name, values, strict=True)
        except (TypeError, ValueError, OverflowError, pl.exceptions.PolarsError):
            return pl.Series(name, [None if v is None else str(v) for v in values],
                             dtype=pl.Utf8())
    try:
        if dtype == list_of_text():
            built = _lists_of_text(name, values)
            if built is not None:
                return built
        return pl.Series(name, values, dtype=dtype, strict=True)
    except (TypeError, ValueError, OverflowError, pl.exceptions.PolarsError):
        pass
    if dtype == pl.Utf8() and any(isinstance(v, (list, tuple)) for v in values):
        # a text field holding a list (a test's record: readers give text) becomes a list
        # column, a single value a list of one, as `common.codes` reads either
        return pl.Series(name, [None if v is None else coerce(v, list_of_text()) for v in values],
                         dtype=list_of_text(), strict=True)
    return pl.Series(name, [coerce(v, dtype) for v in values], dtype=dtype, strict=True)


def _lists_of_text(name: str, values: list[Any]) -> pl.Series | None:
    """`pl.Series(name, values, dtype=List(Utf8), strict=True)` built without handing polars
    the Python lists, or None when a value is not a list or tuple (or None) or an item is
    not text (or None): the caller then asks polars as usual. Polars makes a list column of
    Python lists at ~3 KB a row (100 MB for the 31,000 distinct contents of a
    50,000-record center's visits) and slowly; this way costs the items' text."""
    if not {type(v) for v in values} <= {list, tuple, type(None)}:
        return None
    if not values:
        return pl.Series(name, [], dtype=list_of_text())
    joined = _joined_lists(name, values) if len(values) <= JOINED_UP_TO else None
    return joined if joined is not None else _flat_lists(name, values)


_ITEM_END = "\x1f"  # (unit separator) ends an item in `_joined_lists`
# rows up to which `_joined_lists` costs less than `_flat_lists` (a few polars calls fewer;
# above, Python's joins and polars' splits cost more)
JOINED_UP_TO = 2_000


def _joined_lists(name: str, values: list[Any]) -> pl.Series | None:
    """The lists as one text per row, their items joined by `_ITEM_END`, split by polars:
    a few polars calls whatever the rows; None when an item is not text or holds
    `_ITEM_END`."""
    try:
        joined = [None if v is None else _ITEM_END.join(v) for v in values]
    except TypeError:  # an item not text (None included)
        return None
    if _ITEM_END in "".join(chain.from_iterable(v for v in values if v)):
        return None
    if all(joined):  # no empty list (split, its text would be one empty item) nor None
        return pl.Series(name, joined, dtype=pl.Utf8()).str.split(_ITEM_END)
    frame = pl.DataFrame([
        pl.Series("_text", joined, dtype=pl.Utf8()),
        pl.Series("_size", [None if v is None else len(v) for v in values], dtype=pl.Int64())])
    return frame.select(pl.when(pl.col("_size") == 0).then(pl.lit([], dtype=list_of_text()))
                        .otherwise(pl.col("_text").str.split(_ITEM_END)).alias(name)).to_series()


def _flat_lists(name: str, values: list[Any]) -> pl.Series | None:
    """The lists built from one flat column of every value's items (None items too), or
    None when an item is not text (or None)."""
    try:
        items = pl.Series(name, list(chain.from_iterable(v for v in values if v)),
                          dtype=pl.Utf8(), strict=True)
    except (TypeError, ValueError, OverflowError, pl.exceptions.PolarsError):
        return None
    sizes = pl.Series("_size", [None if v is None else len(v) for v in values], dtype=pl.Int64())
    rows = pl.int_range(0, len(values), eager=True).alias("_at")
    owner = rows.repeat_by(sizes.fill_null(0)).explode().drop_nulls()
    grouped = pl.DataFrame([owner, items]).group_by("_at", maintain_order=True).agg(pl.col(name))
    joined = pl.DataFrame([rows, sizes]).join(grouped, on="_at", how="left",
                                              maintain_order="left")
    empty = pl.lit([], dtype=list_of_text())
    return joined.select(pl.when(pl.col("_size") == 0).then(empty).otherwise(pl.col(name))
                         .alias(name)).to_series()


def empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema={"_file": pl.Utf8(), "_sheet": pl.Utf8(), "_row": pl.Int64()})
