"""Cells of the body, column by column, to typed polars columns: each distinct raw value of a
column is parsed once, by the field type's fast rule in polars (`frame_values`) when it can
decide it, else by the reader's own per-value parser (`Memo.resolve`), and mapped back to
its rows (by the codes of an Enum of the distinct values when they are few, else a join).
A column of nearly as many distinct values as rows is given to its rule row by row instead,
and only the values it leaves are parsed per distinct value.

When every cell of a column is a str (always in a CSV) the column lives in polars: one Series
of all the body's cells is cut into columns, distinct values come from polars, free text is
stripped there (the characters `str.strip()` strips, exactly), and Python runs per distinct
value the fast rule leaves only. A workbook column holding numbers, dates or booleans goes through a dict instead,
which makes distinct what the record reader's caches make distinct: equal as dict keys
(`True` and `1.0` are one value, the first seen is parsed) for a cached column, equal and of
one type for free text and record ids, which it does not cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl

from cscaudit.ingest.dictionary import FieldDictionary, FieldSpec
from cscaudit.ingest.frame_body import Cells
from cscaudit.ingest.frame_tags import tags_rule
from cscaudit.ingest.frame_types import typed_series
from cscaudit.ingest.frame_values import Rule, date_rule, enum_rule, simple_rule
from cscaudit.ingest.headers import cell_text
from cscaudit.ingest.parsers import Memo
from cscaudit.ingest.problems import Problem, Result
from cscaudit.ingest.row_checks import TOTAL_HEADS, TOTAL_LEADS, may_be_total
from cscaudit.ingest.values import PY_SPACE, key_text

# first and second characters of a cell (once stripped) that may begin a total word, in
# any case (`may_be_total` compares the first two, as they are and lowercased)
TOTAL_FIRSTS = frozenset({h[0] for h in TOTAL_HEADS} | {h[0].upper() for h in TOTAL_HEADS})
TOTAL_SECONDS = frozenset({h[1] for h in TOTAL_HEADS} | {h[1].upper() for h in TOTAL_HEADS})
_NON_ASCII = r"[^\x00-\x7F]"


def _any_of(chars: Iterable[str]) -> str:
    """A regex class of `chars`, each by its code point."""
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(chars)) + "]"


# a first cell that may lead a total row: empty, led by a blank (`TOTAL_LEADS`), or by the
# first two characters of a total word (the others are not blank: `_classes` reads them so)
_LEAD = (f"^(?:$|{_any_of(c for c in TOTAL_LEADS if c and c not in TOTAL_FIRSTS)}"
         f"|{_any_of(TOTAL_FIRSTS)}{_any_of(TOTAL_SECONDS)})")
# a column with at most one distinct value per this many rows is mapped to its values by
# the distinct values' codes (an Enum of them), which costs less there than a join
FEW_PER_ROW = 8
# a column at least this share of whose sampled rows (up to SAMPLE_ROWS, spread over it)
# are distinct is given to its fast rule row by row (`_by_rows`)
MOSTLY_DISTINCT = 0.9
SAMPLE_ROWS = 2048


@dataclass(frozen=True)
class Parsed:
    """One column parsed: its values, which rows had a problem (None when none had), the
    problem of a raw value."""

    values: pl.Series
    flagged: pl.Series | None
    problems: dict[Any, Problem]  # raw -> its problem, for the raw values that had one
    quick: pl.DataFrame | None = None  # raw -> value, for the raw values a fast rule decided


def fast_rule(field: FieldSpec, dictionary: FieldDictionary) -> Rule | None:
    """The fast rule (`frame_values`) of a field's type; None for a type parsed in Python
    only."""
    if field.type in ("date", "datetime"):
        return date_rule(want_date=field.type == "date")
    if field.type in ("enum", "items"):
        return enum_rule(dictionary.labels_for(field))
    return tags_rule if field.type == "tags" else simple_rule(field.type)


def parse_column(cells: Cells, index: int, memo: Memo, name: str,
                 dtype: pl.DataType | None, rule: Rule | None = None, few: int = 0) -> Parsed:
    """One column parsed: the distinct values `rule` decides in polars, the rest by
    `memo.resolve`, whose clean values are left in `memo` as its own lookups leave them (a
    value `rule` decided is parsed again, to the same value, when the reader looks at its
    row again). A column of at most `few` distinct values is parsed by `memo.resolve` alone:
    the rule's fixed cost is more than the parser's there. A column of nearly as many
    distinct values as rows (record ids, moments) is given to the rule row by row, which
    costs less than finding its distinct values and mapping them back."""
    strings = cells.strings(index)
    resolve = _remembering(memo)
    if strings is None:
        return _parse_objects(cells.objects(index), resolve, name, dtype)
    if (rule is not None and dtype is not None
            and len(strings) > few and _mostly_distinct(strings)):
        return _by_rows(strings, rule, memo, name, dtype)
    distinct = strings.unique(maintain_order=True)
    use_rule = rule is not None and dtype is not None and len(distinct) > few
    fast = rule(distinct, memo.resolve) if use_rule and rule is not None else None
    rest = distinct if fast is None else distinct.filter(~fast.decided)
    raws, (parsed, flags, problems) = rest, _resolved(rest, resolve, name, dtype)
    quick = None
    if fast is not None:
        quick = pl.DataFrame([distinct.alias("raw"), fast.values.alias("value")]
                             ).filter(fast.decided)
        raws, parsed = pl.concat([quick["raw"], rest]), pl.concat([quick["value"], parsed])
        flags = [False] * quick.height + flags
    values, flagged = _mapped(strings, raws, parsed.alias(name), flags if problems else None)
    return Parsed(values, flagged, problems, quick)


def _mostly_distinct(strings: pl.Series) -> bool:
    """Whether at least `MOSTLY_DISTINCT` of up to `SAMPLE_ROWS` rows spread over the column
    hold distinct values."""
    sample = strings.gather_every(max(1, len(strings) // SAMPLE_ROWS))
    return sample.n_unique() >= MOSTLY_DISTINCT * len(sample)


def _by_rows(strings: pl.Series, rule: Rule, memo: Memo, name: str,
             dtype: pl.DataType) -> Parsed:
    """`parse_column` of a column given to `rule` whole: the distinct values of the rows
    it leaves go to `memo.resolve`, first seen first, as in the distinct values' order."""
    fast = rule(strings, memo.resolve)
    quick = pl.DataFrame([strings.alias("raw"), fast.values.alias("value")]).filter(fast.decided)
    values = fast.values.alias(name)
    if fast.decided.all():
        return Parsed(values, None, {}, quick)
    undecided = (~fast.decided).arg_true()
    left = strings.gather(undecided)
    rest = left.unique(maintain_order=True)
    parsed, flags, problems = _resolved(rest, _remembering(memo), name, dtype)
    found, flagged = _mapped(left, rest, parsed, flags if problems else None)
    if flagged is not None:
        flagged = pl.repeat(False, len(strings), dtype=pl.Boolean(), eager=True
                            ).scatter(undecided, flagged)
    return Parsed(_placed(values, undecided, found), flagged, problems, quick)


def _placed(values: pl.Series, rows: pl.Series, found: pl.Series) -> pl.Series:
    """`values` with `found` put on `rows` (ascending); polars scatters no list column."""
    if not isinstance(values.dtype, pl.List):
        return values.scatter(rows, found)
    at = pl.repeat(None, len(values), dtype=pl.UInt32(), eager=True).scatter(
        rows, pl.int_range(len(rows), dtype=pl.UInt32(), eager=True))
    return pl.select(pl.coalesce(found.gather(at), values)).to_series().alias(values.name)


def _resolved(raws: pl.Series, resolve: Callable[[Any], Result], name: str,
              dtype: pl.DataType | None) -> tuple[pl.Series, list[bool], dict[Any, Problem]]:
    """The values `resolve` makes of `raws` (distinct) as a column, whether each had a
    problem, and raw -> problem for those that had one."""
    values, flags, problems = [], [], {}
    for raw in raws.to_list():
        value, problem = resolve(raw)
        values.append(value)
        flags.append(problem is not None)
        if problem is not None:
            problems[raw] = problem
    return typed_series(name, values, dtype), flags, problems


def _mapped(strings: pl.Series, raws: pl.Series, parsed: pl.Series,
            flags: list[bool] | None) -> tuple[pl.Series, pl.Series | None]:
    """The values (`parsed`, of the distinct `raws`) and flags of each of `strings`: by the
    codes of an Enum of `raws` when they are few per row, else by a join."""
    flagged = None if flags is None else pl.Series("_flag", flags, dtype=pl.Boolean())
    if len(raws) * FEW_PER_ROW <= len(strings):
        codes = strings.cast(pl.Enum(raws)).to_physical()
        return parsed.gather(codes), None if flagged is None else flagged.gather(codes)
    lookup = pl.DataFrame([raws.alias("raw"), parsed, *([] if flagged is None else [flagged])])
    joined = strings.alias("raw").to_frame().join(lookup, on="raw", how="left",
                                                  maintain_order="left")
    return joined[parsed.name], None if flagged is None else joined["_flag"]


def remember(memo: Memo, parsed: Parsed, raws: pl.Series) -> None:
    """Leave in `memo` (up to its cap) the values a fast rule decided for `raws`, the cells
    of rows the reader looks at again, as the parser makes them (a tuple of tags), so that
    no value is parsed twice."""
    if parsed.quick is None or len(memo) >= memo.cap:
        return
    found = parsed.quick.join(raws.alias("raw").unique().to_frame(), on="raw", how="semi")
    for raw, value in zip(found["raw"].to_list(), found["value"].to_list(), strict=True):
        if len(memo) >= memo.cap:
            return
        memo.setdefault(raw, tuple(value) if isinstance(value, list) else value)


def _remembering(memo: Memo) -> Callable[[Any], Result]:
    def resolve(raw: Any) -> Result:
        value, problem = memo.resolve(raw)
        if problem is None and len(memo) < memo.cap:
            memo[raw] = value
        return value, problem
    return resolve


def _parse_objects(raws: list[Any], resolve: Callable[[Any], Result], name: str,
                   dtype: pl.DataType | None) -> Parsed:
    lookup: dict[Any, Any] = dict.fromkeys(raws)
    values: list[Any] = []
    flags: list[bool] = []
    problems: dict[Any, Problem] = {}
    for position, raw in enumerate(lookup):
        lookup[raw] = position
        value, problem = resolve(raw)
        values.append(value)
        flags.append(problem is not None)
        if problem is not None:
            problems[raw] = problem
    codes = pl.Series(list(map(lookup.__getitem__, raws)), dtype=pl.UInt32())
    return Parsed(typed_series(name, values, dtype).gather(codes),
                  pl.Series(flags, dtype=pl.Boolean()).gather(codes) if problems else None,
                  problems)


def _text_or_none(raw: Any) -> str | None:
    return cell_text(raw) or None


def text_column(cells: Cells, index: int, name: str, *, key: bool) -> pl.Series:
    """Free text (`cell_text(cell) or None`) or a record id (`key_text(cell)`) per row."""
    strings = cells.strings(index)
    if strings is None:  # not cached by the record reader: 1.0 and True are two values
        raws = cells.objects(index)
        typed = list(zip(map(type, raws), raws, strict=True))
        return _parse_objects(typed, lambda cell: (key_text(cell[1]) if key
                                                   else _text_or_none(cell[1]), None),
                              name, pl.Utf8()).values
    text = pl.lit(strings).str.strip_chars(PY_SPACE)
    if key:
        wide = strings.str.contains(_NON_ASCII)
        if wide.any():
            odd = strings.filter(wide).unique(maintain_order=True).to_list()
            folded = strings.replace(odd, [key_text(raw) for raw in odd])
            text = pl.when(wide).then(folded).otherwise(text)
    return pl.select(text.replace("", None).alias(name)).to_series()  # one polars call


_SKIP, _MAYBE, _NO = 0, 1, 2


def _lead_class(cell: Any) -> tuple[int, None]:
    """How `may_be_total` reads one of a row's first cells: skipped, deciding (a total word
    may start it: its first two characters may be a total word's), or deciding against."""
    if type(cell) is not str:
        return (_SKIP if cell is None else _NO), None
    head = cell.lstrip()[:2]
    if not head:
        return _SKIP, None
    maybe = head[0] in TOTAL_FIRSTS and head[1:] in TOTAL_SECONDS
    return (_MAYBE if maybe else _NO), None


def _may_lead(cell: Any) -> tuple[bool, None]:
    return (cell.__class__ is not str or cell[:1] in TOTAL_LEADS), None


def _leads(cells: Cells) -> pl.Series:
    """Per row, whether its first cell may lead a total row (`TOTAL_LEADS`); a str cell led
    by a character not blank only when its second one may follow it in a total word too
    (what `_classes` would find of it)."""
    strings = cells.strings(0)
    if strings is None:
        raws = cells.objects(0)
        typed = list(zip(map(type, raws), raws, strict=True))
        return _parse_objects(typed, lambda c: _may_lead(c[1]), "l", pl.Boolean()).values
    return strings.str.contains(_LEAD)


def _classes(cells: Cells, index: int, rows: pl.Series) -> pl.Series:
    """The `_lead_class` of the cells of one column on `rows`."""
    strings = cells.strings(index)
    if strings is None:
        raws = cells.objects(index)
        typed = list(zip(map(type, raws), raws, strict=True))
        return _parse_objects(typed, lambda c: _lead_class(c[1]), "c", pl.UInt8()
                              ).values.gather(rows)
    head = strings.gather(rows).str.strip_chars_start(PY_SPACE).str.slice(0, 2)
    maybe = (head.str.slice(0, 1).is_in(list(TOTAL_FIRSTS))
             & head.str.slice(1, 1).is_in(list(TOTAL_SECONDS)))
    return pl.select(pl.when(head == "").then(_SKIP).when(maybe).then(_MAYBE).otherwise(_NO)
                     .cast(pl.UInt8())).to_series()


def total_rows(cells: Cells) -> list[int]:
    """The rows the record reader checks as a possible 合计 or example row when they have no
    other problem: the first cell may lead one (`TOTAL_LEADS`) and `may_be_total` holds.
    Polars narrows the rows down, `may_be_total` decides."""
    if not cells.n:
        return []
    rows = _leads(cells).arg_true()
    maybe: list[int] = []
    for index in range(3):  # the first of the first three cells that is not skipped decides
        if rows.is_empty():
            break
        classes = _classes(cells, index, rows)
        maybe += rows.filter(classes == _MAYBE).to_list()
        rows = rows.filter(classes == _SKIP)
    return [row for row in sorted(maybe) if may_be_total(cells.row(row))]
