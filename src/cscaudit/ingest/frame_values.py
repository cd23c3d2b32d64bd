"""Fast rules: the common spellings of a field type parsed by polars expressions, a column of
distinct raw str values at a time.

A rule is narrower than its field's parser (`parsers.base_parse`), never wider: it decides a
value only when it can tell, in polars, both that the parser would accept it without a
problem and what it would make of it (ASCII text, full-width digits, the date forms of
`dates`, an ID number whose check digit holds, a mobile or a plain landline, ...). Everything
else, every empty cell and every value with a problem included, is left undecided and goes
to the parser itself, so problems and their messages are the parser's own. The equality of
each rule with its parser is a property test (`tests/ingest/test_frame_values.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from cscaudit.ingest import values
from cscaudit.ingest.problems import Result

Parse = Callable[[object], Result]

# what NFKC makes of the full-width characters a date, number or code is typed with
FULL_WIDTH = {**{chr(0xFF10 + d): str(d) for d in range(10)}, "：": ":", "－": "-", "／": "/",
              "．": ".", "，": ",", "＋": "+", "\u3000": " ", "Ｘ": "X", "ｘ": "x"}
_PRINTABLE = r"^[\x20-\x7e]*$"
_DATE_WORDS = "年月日时点分秒"  # kept as they are by NFKC


@dataclass(frozen=True)
class Fast:
    """A rule's answer for distinct raw values: the parsed value where `decided`, else null."""

    values: pl.Series
    decided: pl.Series


Rule = Callable[[pl.Series, Parse], Fast]  # (raw str values, each decided on its own; the parser)


def stripped(raw: pl.Expr) -> pl.Expr:
    """`str.strip()` of each value."""
    return raw.str.strip_chars(values.PY_SPACE)


def folded(raw: pl.Expr) -> pl.Expr:
    """`values.fold` for the values `printable` then holds for: stripped, full-width forms
    made half-width (NFKC of these characters), stripped again."""
    return stripped(stripped(raw).str.replace_many(FULL_WIDTH))


def printable(text: pl.Expr, also: str = "") -> pl.Expr:
    """Only printable ASCII (and the characters of `also`): text NFKC leaves as it is."""
    return text.str.contains(_PRINTABLE if not also else rf"^[\x20-\x7e{also}]*$")


def _answer(distinct: pl.Series | pl.DataFrame, value: pl.Expr, decided: pl.Expr) -> Fast:
    """`value` where `decided`, of the distinct values (column `raw`, and the columns a rule
    made of them when given a frame)."""
    source = distinct.alias("raw").to_frame() if isinstance(distinct, pl.Series) else distinct
    frame = source.select(
        decided.fill_null(False).alias("decided"), value.alias("value"))
    ok = frame["decided"]
    return Fast(frame.select(pl.when(ok).then(pl.col("value"))).to_series(), ok)


# dates: `dates._DATE` and `dates._COMPACT` with [0-9] for \d and a space for \s (the other
# spaces are not printable ASCII); serials and every other form go to the parser
_SP = " *"
_DATE = (rf"^([0-9]{{4}}){_SP}[-/.年]{_SP}([0-9]{{1,2}}){_SP}[-/.月]{_SP}([0-9]{{1,2}}){_SP}日?"
         rf"(?:{_SP}[T ]?{_SP}([0-9]{{1,2}}){_SP}[:时点]{_SP}([0-9]{{1,2}}){_SP}"
         rf"(?:[:分]{_SP}([0-9]{{1,2}})(?:\.[0-9]+)?{_SP}秒?)?{_SP}分?)?$")
_COMPACT = r"^([0-9]{4})([0-9]{2})([0-9]{2})(?:( *)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?$"


def _date_parts(text: pl.Expr) -> list[pl.Expr]:
    """Year, month, day, hour, minute, second as text (null when absent) of either form."""
    long, compact = text.str.extract_groups(_DATE), text.str.extract_groups(_COMPACT)
    is_long = text.str.contains(_DATE)
    long_parts = [long.struct.field(str(n)) for n in range(1, 7)]
    compact_parts = [compact.struct.field(str(n)) for n in (1, 2, 3, 5, 6, 7)]
    return [pl.when(is_long).then(a).otherwise(b) for a, b in zip(long_parts, compact_parts,
                                                                    strict=True)]


# the form nearly every export writes, checked by a regex without captures (fast) and read
# by polars' own date parser: a day of a real month, an hour, minute and second in range
_COMMON = (r"^[0-9]{4}[-/.年](?:0?[1-9]|1[0-2])[-/.月](?:0?[1-9]|[12][0-9]|3[01])日?"
           r"(?:[ T](?:[01]?[0-9]|2[0-3]):[0-5]?[0-9](?::[0-5]?[0-9])?)?$")


def _iso(text: pl.Expr) -> pl.Expr:
    """A value of the `_COMMON` form written `Y-m-d[ H:M[:S]]`."""
    return (text.str.replace_all(r"[/.年月]", "-").str.replace("日", "", literal=True)
            .str.replace("T", " ", literal=True))


def _common_dates(text: pl.Expr, clocks: Iterable[int]) -> pl.Expr:
    """The datetime of a value in the `_COMMON` form (year 1 or later), else null. A value
    of that form holds 2 colons (a time with seconds), 1 (without) or none (a day): each
    is read by its own format, which fails on the others; `clocks` names the counts the
    values hold (a failed parse costs as much as one that works)."""
    iso = _iso(text)
    formats = {2: iso.str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False, time_unit="us"),
               1: iso.str.to_datetime("%Y-%m-%d %H:%M", strict=False, time_unit="us"),
               0: iso.str.to_date("%Y-%m-%d", strict=False).cast(pl.Datetime("us"))}
    wanted = [formats[colons] for colons in sorted(set(clocks), reverse=True)
              if colons in formats] or [formats[0]]  # (none of the form: all fail)
    moment = wanted[0] if len(wanted) == 1 else pl.coalesce(wanted)
    return pl.when(text.str.contains(_COMMON) & ~text.str.starts_with("0000")).then(moment)


def _any_dates(text: pl.Expr) -> pl.Expr:
    """The datetime of a value in any form `_DATE` and `_COMPACT` read, else null."""
    year, month, day, hour, minute, second = _date_parts(text)
    day_text = pl.format("{}-{}-{}", year, month.str.zfill(2), day.str.zfill(2))
    date = day_text.str.to_date("%Y-%m-%d", strict=False)
    clock = [part.cast(pl.Int64()).fill_null(0) for part in (hour, minute, second)]
    valid = (date.is_not_null() & (year.cast(pl.Int64()) >= 1) & (clock[0] < 24)
             & (clock[1] < 60) & (clock[2] < 60) & printable(text, _DATE_WORDS))
    return pl.when(valid).then(date.cast(pl.Datetime("us")) + pl.duration(
        hours=clock[0], minutes=clock[1], seconds=clock[2], time_unit="us"))


def date_rule(*, want_date: bool) -> Rule:
    """`dates.parse_date_value` (`want_date`) or `parse_datetime_value` of text: the common
    form first, the other forms (capturing regexes, slower) for the values it leaves."""
    def rule(distinct: pl.Series, parse: Parse) -> Fast:
        text = pl.col("text")
        frame = distinct.alias("raw").to_frame().with_columns(folded(pl.col("raw")).alias("text"))
        clocks = frame.select(text.str.count_matches(":", literal=True).unique()).to_series()
        moments = frame.select(_common_dates(text, clocks.drop_nulls().to_list())).to_series()
        rest = moments.is_null() & (frame["text"].str.len_bytes() > 0)
        if rest.any():
            found = frame.filter(rest).select(_any_dates(pl.col("text"))).to_series()
            moments = moments.scatter(rest.arg_true(), found)
        values = moments.dt.date() if want_date else moments
        return Fast(values, moments.is_not_null())
    return rule


def _made(distinct: pl.Series, *steps: pl.Expr) -> pl.DataFrame:
    """The distinct values as column `raw` and `steps` made of them one after the other:
    each once, where an expression named twice in one select is computed twice."""
    frame = distinct.alias("raw").to_frame()
    for step in steps:
        frame = frame.with_columns(step)
    return frame


def _int_rule(distinct: pl.Series, parse: Parse) -> Fast:
    frame = _made(distinct,
                  folded(pl.col("raw")).str.replace_all(",", "", literal=True).alias("text"),
                  pl.col("text").str.extract(r"^([+-]?[0-9]+)(?:\.0*)?$").alias("whole"),
                  pl.col("whole").cast(pl.Int64(), strict=False).alias("value"))
    digits = pl.col("whole").str.strip_chars_start("+-0").str.len_chars()
    return _answer(frame, pl.col("value"),
                   printable(pl.col("text")) & (digits <= values.MAX_DIGITS)
                   & pl.col("value").is_not_null())


def _number_rule(distinct: pl.Series, parse: Parse) -> Fast:
    frame = _made(distinct,
                  folded(pl.col("raw")).str.replace_all(",", "", literal=True).alias("text"),
                  pl.col("text").str.extract(r"^([+-]?[0-9]+(?:\.[0-9]+)?)$").alias("number"),
                  pl.col("number").cast(pl.Float64(), strict=False).alias("value"))
    digits = pl.col("number").str.extract(r"^[+-]?0*([0-9]*)").str.len_chars()
    return _answer(frame, pl.col("value"),
                   printable(pl.col("text")) & (digits <= values.MAX_DIGITS)
                   & pl.col("value").is_not_null())


def _lowered(text: pl.Expr) -> pl.Expr:
    """`casefold()` of ASCII text, the text itself otherwise."""
    return pl.when(printable(text)).then(text.str.to_lowercase()).otherwise(text)


def _bool_rule(distinct: pl.Series, parse: Parse) -> Fast:
    key = _lowered(stripped(pl.col("raw")))
    table = {**dict.fromkeys(values.TRUE_LABELS, True), **dict.fromkeys(values.FALSE_LABELS, False)}
    value = key.replace_strict(list(table), list(table.values()), default=None,
                               return_dtype=pl.Boolean())
    return _answer(distinct, value, value.is_not_null())


def enum_rule(labels: Mapping[str, tuple[str, ...]]) -> Rule:
    index = values.enum_index(labels)
    # keys the parser reads back as themselves (label_key(k) == k): a raw value equal to
    # one, stripped (or lowered, when ASCII without spaces), is that key's code
    exact = {key: code for key, code in index.items() if values.label_key(key) == key and key}

    def rule(distinct: pl.Series, parse: Parse) -> Fast:
        text = stripped(pl.col("raw"))
        key = pl.when(text.str.contains(r"^[\x21-\x7e]*$")).then(text.str.to_lowercase()
                                                                  ).otherwise(text)
        code = key.replace_strict(list(exact), list(exact.values()), default=None,
                                  return_dtype=pl.Utf8())
        return _answer(distinct, code, code.is_not_null())
    return rule


def _id_rule(distinct: pl.Series, parse: Parse) -> Fast:
    # the first 17 digits as one number (< 10**17 fits an Int64), each digit by arithmetic
    last = len(values.ID_WEIGHTS) - 1
    text = pl.col("text")
    frame = _made(distinct, stripped(pl.col("raw")).str.to_uppercase().alias("text"),
                  text.str.contains(r"^[0-9]{17}[0-9X]$").alias("new"),
                  pl.when(pl.col("new")).then(text.str.slice(0, 17))
                  .str.to_integer(strict=False).alias("body"),
                  pl.sum_horizontal([pl.col("body") // 10 ** (last - at) % 10 * weight
                                     for at, weight in enumerate(values.ID_WEIGHTS)])
                  .alias("total"))
    check = pl.lit(values.ID_CHECK).str.slice(pl.col("total") % 11, 1)
    return _answer(frame, text, text.str.contains(r"^[0-9]{15}$")
                   | (pl.col("new") & (check == text.str.slice(17, 1))))


_LANDLINE = r"^0[0-9]{2,3}-?[0-9]{7,8}(?:-[0-9]{1,6})?$|^[0-9]{7,8}$"


def _phone_rule(distinct: pl.Series, parse: Parse) -> Fast:
    """A mobile (its digits) or a landline written as `_LANDLINE` once spaces and brackets are
    out; only digits, spaces, brackets, dots and dashes, starting with a digit that does not
    begin `86-`."""
    text, compact, digits = pl.col("text"), pl.col("compact"), pl.col("digits")
    frame = _made(distinct, stripped(pl.col("raw")).alias("text"),
                  text.str.replace_all(r"[ ()]", "").alias("compact"),
                  compact.str.replace_all(r"[.\-]", "").alias("digits"))
    plain = (text.str.contains(r"^[0-9][0-9 ().\-]*$") & ~compact.str.starts_with("86-"))
    mobile = digits.str.contains(r"^1[3-9][0-9]{9}$")
    landline = compact.str.contains(_LANDLINE)
    value = pl.when(mobile).then(digits).otherwise(compact)
    return _answer(frame, value, plain & (mobile | landline))


def _key_rule(distinct: pl.Series, parse: Parse) -> Fast:
    """`values.key_text`: stripped, when ASCII or (once stripped) printable ASCII and CJK
    unified ideographs, which NFKC leaves as they are."""
    text = pl.col("text")
    frame = _made(distinct, stripped(pl.col("raw")).alias("text"))
    plain = (pl.col("raw").str.contains(r"^[\x00-\x7f]*$")
             | text.str.contains(r"^[\x20-\x7e\x{4e00}-\x{9fff}]*$"))
    return _answer(frame, text, plain & (text.str.len_bytes() > 0))


def simple_rule(kind: str) -> Rule | None:
    """The fast rule of a field type that needs nothing but its type; None for the others."""
    rules: dict[str, Rule] = {"int": _int_rule, "number": _number_rule, "bool": _bool_rule,
                              "id_number": _id_rule, "phone": _phone_rule, "key": _key_rule}
    return rules.get(kind)
