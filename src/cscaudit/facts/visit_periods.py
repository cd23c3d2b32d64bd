"""A household's period coverage: the visit periods its group's frequency requires in the
audit period, and how many of them had a visit (`visit_frequency` says the rule).

The frequency is worked out once per distinct set of groups, a day's period once per
distinct (frequency, day), the periods a household owes once per distinct (frequency, span);
the rest is joins and counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from cscaudit.facts.frames import Tables
from cscaudit.facts.households import HouseholdLinks
from cscaudit.measures.base import AuditContext
from cscaudit.measures.columns import day
from cscaudit.rules.periods import FREQUENCIES, NONE, Calendarised, strictest

Frequencies = tuple[tuple[str, str], ...]  # (group, frequency), hashable


@dataclass(frozen=True)
class Coverage:
    """`judged`: households with a frequency, roster order, with `_freq`, `_required` and
    `_met`; `unjudged`: households whose groups have none; `unknown`: visit rows counted
    (dated, method accepted) in the period that name no roster household."""

    judged: pl.DataFrame
    unjudged: pl.DataFrame
    unknown: pl.DataFrame


def _frequencies(households: pl.DataFrame, freq_of: Mapping[str, str], default: str) -> pl.Series:
    groups = pl.col("group").fill_null(pl.lit([], dtype=pl.List(pl.Utf8())))
    keyed = households.select(groups.alias("group"), pl.format(
        "{}|{}", groups.list.len(), groups.list.join("\x1f")).alias("_gkey"))
    distinct = keyed.group_by("_gkey", maintain_order=True).agg(pl.col("group").first())
    freq = [strictest(tuple(str(g) for g in gs), freq_of, default)
            for gs in distinct["group"].to_list()]
    return keyed["_gkey"].replace_strict(distinct["_gkey"], pl.Series(freq, dtype=pl.Utf8()),
                                         return_dtype=pl.Utf8()).alias("_freq")


def _periods(pairs: pl.DataFrame, calendars: Mapping[str, Calendarised]) -> pl.DataFrame:
    """(`_freq`, `_day`) -> `_index`: the period of the day, null outside the period."""
    distinct = pairs.unique(maintain_order=True)
    index = [calendars[f].index_of(d) for f, d in distinct.iter_rows()]
    return distinct.with_columns(pl.Series("_index", index, dtype=pl.Int64()))


def _owed(judged: pl.DataFrame, calendars: Mapping[str, Calendarised]) -> pl.DataFrame:
    """(`_freq`, `_lo`, `_hi`, `_on_roster`) -> `_owed`: the periods due over that span."""
    spans = judged.select("_freq", "_lo", "_hi", "_on_roster").unique(maintain_order=True) \
        .with_row_index("_span")
    numbers: list[int] = []
    periods: list[int] = []
    for number, freq, lo, hi, on in spans.iter_rows():
        due = calendars[freq].required((lo, hi) if on else None)
        numbers.extend([number] * len(due))
        periods.extend(due)
    owed = pl.DataFrame({"_span": numbers, "_owed": periods},
                        schema={"_span": pl.UInt32(), "_owed": pl.Int64()}) \
        .group_by("_span", maintain_order=True).agg("_owed")
    return spans.join(owed, on="_span", how="left").with_columns(
        pl.col("_owed").fill_null(pl.lit([], dtype=pl.List(pl.Int64())))).drop("_span")


def visit_coverage(tables: Tables, ctx: AuditContext, links: HouseholdLinks,
                   frequencies: Frequencies, default: str,
                   methods: tuple[str, ...] | None) -> Coverage:
    """Each household's periods required and met, for these frequencies and methods."""
    start, end = ctx.period_start, ctx.period_end
    calendars = {f: Calendarised(f, start, end) for f in FREQUENCIES}
    households = links.households.with_columns(
        _freq=_frequencies(links.households, dict(frequencies), default))
    visits = tables.frame("visits", "household_id", "visited_on", "method")  # id of `unknown`
    with_day = visits.with_columns(links.visits, _day=day(visits, "visited_on"))
    counts = pl.col("_day").is_not_null()  # a row counted: dated, its method accepted
    if methods is not None:
        counts = counts & pl.col("method").cast(pl.Utf8()).is_in(list(methods)).fill_null(False)
    unknown = with_day.filter(counts & pl.col("_household").is_null()
                              & pl.col("_day").is_between(start, end))
    judged = households.filter(pl.col("_freq") != NONE)
    # only the two columns read from here on: the joins copy no other
    freq_of_household = with_day.select("_household", "_day", "method") \
        .filter(counts & pl.col("_household").is_not_null()).select("_household", "_day") \
        .join(judged.select(pl.col("_hid").alias("_household"), "_freq"), on="_household")
    periods = _periods(freq_of_household.select("_freq", "_day"), calendars)
    visited = freq_of_household.join(periods, on=["_freq", "_day"]) \
        .filter(pl.col("_index").is_not_null()).select("_household", "_index").unique()
    owed = judged.join(_owed(judged, calendars), on=["_freq", "_lo", "_hi", "_on_roster"],
                       how="left", maintain_order="left", nulls_equal=True)
    met = owed.select(pl.col("_hid").alias("_household"), pl.col("_owed").alias("_index")) \
        .explode("_index").join(visited, on=["_household", "_index"], how="semi") \
        .group_by("_household").len(name="_met")
    judged = owed.join(met, left_on="_hid", right_on="_household", how="left",
                       maintain_order="left").with_columns(
        _required=pl.col("_owed").list.len().cast(pl.Int64()),
        _met=pl.col("_met").fill_null(0).cast(pl.Int64()))
    return Coverage(judged, households.filter(pl.col("_freq") == NONE), unknown)


def frequencies_of(given: Mapping[str, str] | None) -> Frequencies:
    """A `frequencies` parameter as a fact's hashable parameter."""
    return tuple(sorted((str(k), str(v)) for k, v in (given or {}).items()))
