"""Cells of one column to a typed polars column, parsing each distinct raw value once.

A parsed column (dates, numbers, enums, tags, ID numbers, repeated keys) goes through the
reader's own per-value parser (`Memo.resolve`), once per distinct raw cell in the order the
cells come, and is mapped back to the rows by code. Distinct means equal as dict keys, as in
the record reader's caches (an XLSX `True` and `1.0` are one value: the first one seen is
parsed). Free text and record ids are stripped in polars when every cell is a str; the
characters stripped are exactly those `str.strip()` strips, and ids with non-ASCII characters
are folded (`key_text`) in Python, once per distinct value (of a type: these columns are not
cached by the record reader, so an XLSX `True` and `1.0` there are two values).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from cscaudit.ingest.frame_types import typed_series
from cscaudit.ingest.headers import cell_text
from cscaudit.ingest.problems import Problem, Result
from cscaudit.ingest.row_checks import TOTAL_HEADS, TOTAL_LEADS
from cscaudit.ingest.values import key_text

# every character for which str.isspace() holds: what str.strip() takes off both ends
PY_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
            "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_NON_ASCII = r"[^\x00-\x7F]"


def column(rows: Sequence[list[Any]], index: int) -> list[Any]:
    """The cells at `index` of every row (rows are at least that wide)."""
    return list(map(operator.itemgetter(index), rows))


@dataclass(frozen=True)
class Parsed:
    """One column parsed per distinct raw value."""

    codes: list[int]  # row -> index of its raw value among the distinct ones
    values: list[Any]  # distinct index -> parsed value
    problems: dict[int, Problem]  # distinct index -> the problem its parse had

    def problem_at(self, row: int) -> Problem | None:
        return self.problems.get(self.codes[row])

    def series(self, name: str, dtype: pl.DataType | None) -> pl.Series:
        return gather(typed_series(name, self.values, dtype), self.codes)

    def flagged(self) -> pl.Series:
        """Per row, whether its raw value had a problem."""
        if not self.problems:
            return pl.repeat(False, len(self.codes), dtype=pl.Boolean(), eager=True)
        return pl.Series(self.codes, dtype=pl.UInt32()).is_in(list(self.problems))


def gather(distinct: pl.Series, codes: list[int]) -> pl.Series:
    return distinct.gather(pl.Series(codes, dtype=pl.UInt32()))


def parse_distinct(raws: list[Any], resolve: Callable[[Any], Result]) -> Parsed:
    lookup: dict[Any, Any] = dict.fromkeys(raws)
    values: list[Any] = []
    problems: dict[int, Problem] = {}
    for position, raw in enumerate(lookup):
        lookup[raw] = position
        value, problem = resolve(raw)
        values.append(value)
        if problem is not None:
            problems[position] = problem
    return Parsed(list(map(lookup.__getitem__, raws)), values, problems)


def _all_str(raws: list[Any]) -> bool:
    return set(map(type, raws)) <= {str}


def _text_or_none(raw: Any) -> str | None:
    return cell_text(raw) or None


def text_series(name: str, raws: list[Any], *, key: bool) -> pl.Series:
    """Free text (`cell_text(cell) or None`) or a record id (`key_text(cell)`) per row."""
    if not _all_str(raws):  # not cached in the record reader: 1.0 and True are two values
        typed = list(zip(map(type, raws), raws, strict=True))
        return parse_distinct(typed, lambda cell: (key_text(cell[1]) if key
                                                   else _text_or_none(cell[1]), None)
                              ).series(name, pl.Utf8())
    cells = pl.Series(name, raws, dtype=pl.Utf8())
    text = cells.str.strip_chars(PY_SPACE)
    if key:
        wide = cells.str.contains(_NON_ASCII)
        if wide.any():
            odd = cells.filter(wide).unique(maintain_order=True).to_list()
            folded = cells.replace(odd, [key_text(raw) for raw in odd])
            text = pl.select(pl.when(wide).then(folded).otherwise(text)).to_series()
    return pl.select(pl.when(text.str.len_bytes() == 0).then(None).otherwise(text)
                     .alias(name)).to_series()


_SKIP, _NO, _YES = 0, 1, 2


def _lead_class(cell: Any) -> int:
    """How `row_checks.may_be_total` reads one of the first three cells."""
    if type(cell) is not str:
        return _SKIP if cell is None else _NO
    head = cell.lstrip()[:2]
    if not head:
        return _SKIP
    return _YES if head in TOTAL_HEADS or head.lower() in TOTAL_HEADS else _NO


def _may_lead(cell: Any) -> tuple[bool, None]:
    return (cell.__class__ is not str or cell[:1] in TOTAL_LEADS), None


def total_candidates(rows: Sequence[list[Any]]) -> pl.Series:
    """Per row (at least three cells wide), whether the record reader would check it as a
    possible 合计 or example row: its first cell may lead one (`TOTAL_LEADS`) and
    `may_be_total` holds for its first cells."""
    if not rows:
        return pl.Series([], dtype=pl.Boolean())
    classes = [parse_distinct(column(rows, i), lambda c: (_lead_class(c), None))
               .series(f"c{i}", pl.UInt8()) for i in range(3)]
    lead = parse_distinct(column(rows, 0), _may_lead).series("lead", pl.Boolean())
    c0, c1, c2 = classes
    first = pl.when(c0 != _SKIP).then(c0).when(c1 != _SKIP).then(c1).otherwise(c2)
    return pl.select(pl.lit(lead) & (first == _YES)).to_series()
