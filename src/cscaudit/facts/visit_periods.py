"""A household's period coverage: the visit periods its group's frequency requires in the
audit period, and how many of them had a visit (`visit_frequency` says the rule).

A household's frequency is one expression over its groups (`strictest` by rank), a day's
period by date arithmetic (`period_index`), the periods a household owes once per distinct
(frequency, span); the rest is joins and counts, in as few polars calls as that takes
(each eager call costs ~0.1 ms whatever the rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from cscaudit.facts.columns import day, sums_per_list
from cscaudit.facts.frames import Tables
from cscaudit.facts.households import HouseholdLinks
from cscaudit.results.context import AuditContext
from cscaudit.rules.periods import FREQUENCIES, NONE, PER_YEAR, UNITS, Calendarised

Frequencies = tuple[tuple[str, str], ...]  # (group, frequency), hashable


@dataclass(frozen=True)
class Coverage:
    """`judged`: households with a frequency, roster order, with `_freq`, `_required` and
    `_met`; `unjudged`: households whose groups have none; `unknown`: visit rows counted
    (dated, method accepted) in the period that name no roster household."""

    judged: pl.DataFrame
    unjudged: pl.DataFrame
    unknown: pl.DataFrame


def _frequencies(freq_of: Mapping[str, str], default: str) -> pl.Expr:
    """Each household's frequency as `strictest` says, from column `group`: a group ranked by
    its frequency's visits per year (0: none), the household by its highest rank."""
    def rank(frequency: str) -> int:
        return PER_YEAR.get(frequency, 0)  # NONE: 0, below every frequency

    element = pl.element().fill_null("None")  # as `str(None)` names a null group
    ranks = element.replace_strict(list(freq_of), [rank(f) for f in freq_of.values()],
                                   default=rank(default), return_dtype=pl.Int64()) \
        if freq_of else pl.lit(rank(default), dtype=pl.Int64())
    groups = pl.col("group")
    general = rank(freq_of.get("general", default))
    highest = pl.when(groups.list.len().fill_null(0) == 0).then(pl.lit(general, dtype=pl.Int64())) \
        .otherwise(groups.list.eval(ranks).list.max())
    names = {0: NONE} | {per_year: frequency for frequency, per_year in PER_YEAR.items()}
    return highest.replace_strict(list(names), list(names.values()), return_dtype=pl.Utf8())


def period_index(start: dt.date, end: dt.date) -> pl.Expr:
    """The period of the day in column `_day` for the frequency in column `_freq`, as
    `Calendarised(_freq, start, end).index_of(_day)` says: null outside [start, end]."""
    day = pl.col("_day")
    origin = start - dt.timedelta(days=start.weekday())
    months = day.dt.year().cast(pl.Int64()) * 12 + day.dt.month().cast(pl.Int64()) - 1
    index = pl.coalesce(
        pl.when(pl.col("_freq") == "weekly").then((day - origin).dt.total_days() // 7),
        *(pl.when(pl.col("_freq") == frequency)
          .then((months - (start.year * 12 + (start.month - 1) // step * step)) // step)
          for frequency, step in UNITS.items()))
    return pl.when(day.is_between(start, end)).then(index.cast(pl.Int64()))


def _owed(judged: pl.DataFrame, calendars: Mapping[str, Calendarised]) -> pl.DataFrame:
    """(`_freq`, `_lo`, `_hi`, `_on_roster`) -> `_owed`: the periods due over that span."""
    spans = judged.select("_freq", "_lo", "_hi", "_on_roster").unique(maintain_order=True)
    numbers: list[int] = []
    periods: list[int | None] = []
    for number, (freq, lo, hi, on) in enumerate(spans.iter_rows()):
        due = calendars[freq].required((lo, hi) if on else None)
        numbers.extend([number] * (len(due) + 1))
        periods.extend([None, *due])  # the null keeps a span that owes nothing in its place
    owed = pl.DataFrame({"_span": numbers, "_owed": periods},
                        schema={"_span": pl.UInt32(), "_owed": pl.Int64()}) \
        .group_by("_span", maintain_order=True).agg(pl.col("_owed").drop_nulls())
    return spans.with_columns(owed["_owed"])


def visit_coverage(tables: Tables, ctx: AuditContext, links: HouseholdLinks,
                   frequencies: Frequencies, default: str,
                   methods: tuple[str, ...] | None) -> Coverage:
    """Each household's periods required and met, for these frequencies and methods."""
    start, end = ctx.period_start, ctx.period_end
    calendars = {f: Calendarised(f, start, end) for f in FREQUENCIES}
    households = links.households.with_columns(_freq=_frequencies(dict(frequencies), default))
    visits = tables.frame("visits", "household_id", "visited_on", "method")  # id of `unknown`
    with_day = visits.with_columns(links.visits, _day=day(visits, "visited_on"))
    counts = pl.col("_day").is_not_null()  # a row counted: dated, its method accepted
    if methods is not None:
        counts = counts & pl.col("method").cast(pl.Utf8()).is_in(list(methods)).fill_null(False)
    unknown = with_day.filter(counts & pl.col("_household").is_null()
                              & pl.col("_day").is_between(start, end))
    judged = households.filter(pl.col("_freq") != NONE)
    # a (household, period) pair as one number: the household's place in `judged` times more
    # than the most periods a frequency has, plus the period
    width = 1 + max(len(c.periods) for c in calendars.values())
    place = pl.int_range(pl.len(), dtype=pl.Int64()) * width
    # each household's `_freq` and place (null: not judged), read by each visit's `_hrow`
    is_judged = (pl.col("_freq") != NONE).fill_null(False)
    of_household = households.select(
        "_freq", pl.when(is_judged).then((is_judged.cast(pl.Int64()).cum_sum() - 1) * width)
        .alias("_place"))
    row = pl.col("_hrow").filter(counts & pl.col("_household").is_not_null())
    visited = with_day.select(pl.col("_day").filter(counts & pl.col("_household").is_not_null()),
                              *(pl.lit(of_household.get_column(name)).gather(row).alias(name)
                                for name in ("_freq", "_place"))) \
        .select((pl.col("_place") + period_index(start, end)).drop_nulls()).to_series()
    owed = judged.join(_owed(judged, calendars), on=["_freq", "_lo", "_hi", "_on_roster"],
                       how="left", maintain_order="left", nulls_equal=True)
    owed_pairs = owed.select(pl.col("_owed") + place).to_series()
    met = sums_per_list(owed_pairs.explode(empty_as_null=False, keep_nulls=False).is_in(visited.implode()),
                        owed_pairs.list.len())
    judged = owed.with_columns(_met=met, _required=pl.col("_owed").list.len().cast(pl.Int64()))
    return Coverage(judged, households.filter(pl.col("_freq") == NONE), unknown)


def frequencies_of(given: Mapping[str, str] | None) -> Frequencies:
    """A `frequencies` parameter as a fact's hashable parameter."""
    return tuple(sorted((str(k), str(v)) for k, v in (given or {}).items()))
