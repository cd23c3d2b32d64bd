"""Households as facts: the roster one row per household, and each visit's roster household.

`roster_households`: one row per household id (trimmed), in the order the ids first appear,
each field from the household's last row (a later row replaces an earlier one), with the
part of the audit period it was on the roster in its group (`_lo`, `_hi`, `_on_roster`).

`household_links`: each visit row's household and how it was found
(`rules/household_links.py` says the keys: id as written, normalised address, 户主 +
last four of the ID number), and the per-table link counts the result's `links` section
reports. Address keys are read once per
distinct household value, never per row. The roster's 住址 column is indexed at the first
visit value its ids do not find (as the record stream did): a value seen before that keeps
the household the ids gave it.

The record-at-a-time index the facts are held to, row by row, is `RosterIndex` in
`tests/oracles/households.py` (`tests/audit/test_household_facts.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl

from cscaudit.facts.columns import day
from cscaudit.facts.frames import Tables
from cscaudit.ingest.address import AddressRules
from cscaudit.ingest.spellings import Spellings
from cscaudit.ingest.values import PY_SPACE
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Evidence, TableLinks
from cscaudit.rules.household_links import (
    INACTIVE_STATUSES,
    SPELLING_SAMPLE,
    VALUES_REMEMBERED,
    AddressIndex,
    PersonIndex,
    person_key,
)

ROSTER_FIELDS = ("household_id", "address", "resident", "id_number", "group", "worker",
                 "registered_on", "group_since", "left_on", "status")
VISIT_FIELDS = ("household_id", "resident", "id_number")


def household_keys(column: pl.Expr) -> pl.Expr:
    """`household_key` of each cell of a text column: trimmed as `str.strip()` trims (the
    characters of `PY_SPACE`), null when nothing is left."""
    stripped = column.cast(pl.Utf8()).str.strip_chars(PY_SPACE)
    return pl.when(stripped != "").then(stripped)


def _keyed_roster(tables: Tables) -> pl.DataFrame:
    """The roster rows that name a household, with `_hid` and `_worker` trimmed."""
    roster = tables.frame("roster", *ROSTER_FIELDS)
    return roster.with_columns(
        household_keys(pl.col("household_id")).alias("_hid"),
        household_keys(pl.col("worker")).alias("_worker"),
        day(roster, "registered_on").alias("registered_on"),
        day(roster, "group_since").alias("group_since"),
        day(roster, "left_on").alias("left_on"),
        pl.col("group").fill_null([]),
    ).filter(pl.col("_hid").is_not_null())


def roster_households(tables: Tables, ctx: AuditContext) -> pl.DataFrame:
    """One row per household: `_hid`, `group`, `_worker`, `status`, the dates, where its last
    row is (`_file`, `_sheet`, `_row`), and its span on the roster in the period."""
    return _households(_keyed_roster(tables), ctx)


def _households(keyed: pl.DataFrame, ctx: AuditContext) -> pl.DataFrame:
    households = keyed.group_by("_hid", maintain_order=True).agg(
        pl.col("_file", "_sheet", "_row", "group", "_worker", "status", "registered_on",
               "group_since", "left_on").last())
    undated = (pl.col("left_on").is_null()
               & pl.col("status").is_in(sorted(INACTIVE_STATUSES)).fill_null(False))
    lo = pl.max_horizontal(pl.lit(ctx.period_start), "registered_on", "group_since")
    hi = pl.min_horizontal(pl.lit(ctx.period_end), "left_on")
    return households.with_columns(_lo=lo, _hi=hi).with_columns(
        _on_roster=~undated & (pl.col("_lo") <= pl.col("_hi")))


def household_evidence(households: pl.DataFrame, keys: Iterable[str] | None = None
                       ) -> list[Evidence]:
    """The evidence row of each household (its last roster row, its id, its worker); with
    `keys`, the id is replaced by the key given for each."""
    rows = households.select("_file", "_sheet", "_row", "_hid", "_worker").iter_rows()
    if keys is None:
        return [Evidence(f, s, r, hid, None, w) for f, s, r, hid, w in rows]
    return [Evidence(f, s, r, key, None, w) for (f, s, r, _, w), key in zip(rows, keys, strict=True)]


@dataclass(frozen=True, eq=False)  # hashed by identity: a fact's parameter
class HouseholdLinks:
    """The roster's households, each visit row's household (`_household`: its id, null when
    not linked; `_hrow`: its row in `households`, for a lookup by `gather` rather than a
    join; `_how`: id, address, person or null), in visit frame order, and the link counts
    per table (none without a roster household or a visit)."""

    households: pl.DataFrame
    visits: pl.DataFrame
    results: tuple[TableLinks, ...]


def _rules(ctx: AuditContext) -> AddressRules:
    if ctx.address_rules is not None:
        return ctx.address_rules
    from cscaudit.ingest import load_dictionary

    return load_dictionary().address


def _people(keyed: pl.DataFrame) -> PersonIndex:
    people = PersonIndex()
    pairs = keyed.select("resident", "id_number", "_hid").cast(pl.Utf8()).unique(maintain_order=True)
    for resident, id_number, hid in pairs.iter_rows():
        people.add(person_key(resident, id_number), hid)
    return people


def _addresses(keyed: pl.DataFrame) -> dict[str, object]:
    """household -> its last 住址 given."""
    given = keyed.filter(pl.col("address").is_not_null())
    last = given.group_by("_hid", maintain_order=True).agg(pl.col("address").last())
    return dict(zip(last["_hid"].to_list(), last["address"].to_list(), strict=True))


def _places(ids: pl.Series) -> dict[str | None, int]:
    """Each household id's place in `ids` (its row in the households frame)."""
    return {hid: place for place, hid in enumerate(ids.to_list())}


def _by_value(values: pl.Series, ids: pl.Series,
              address_index: Callable[[], AddressIndex]) -> pl.DataFrame:
    """Per distinct household value (first-seen order): `_id` (the household it names as
    written), `_early` (found by address before the 住址 column is indexed), `_late` (after),
    the place of each in `ids` (`_id_at`, `_early_at`, `_late_at`) and `_rank`; and where
    the 住址 column is indexed (`_trigger`: the rank of that value). The address index is
    built only when a value is not found by its id (it reads every roster id and 住址 as an
    address, in Python)."""
    values = values.drop_nulls().unique(maintain_order=True).alias("household_id")
    keys = household_keys(pl.col("household_id"))  # a value names the household whose id is its key
    id_at = values.to_frame().select(keys.replace_strict(
        ids, pl.Series(range(ids.len()), dtype=pl.UInt32()), default=None,
        return_dtype=pl.UInt32()).alias("_id_at")).to_series()
    by_id = [ids.gather(id_at).alias("_id"), id_at]
    misses: list[int] = id_at.is_null().arg_true().to_list()  # their ranks
    early: list[str | None] = [None] * values.len()
    trigger = values.len()
    index: AddressIndex | None = None
    for rank in misses:
        if rank >= trigger:
            break
        index = index or address_index()
        early[rank] = index.find(values[rank])  # the first miss indexes the 住址 column
        if early[rank] is None:
            trigger = rank
    late: list[str | None] = [None] * values.len()
    if misses:
        index = index or address_index()
        index.index_addresses()
        for rank in misses:
            late[rank] = index.find(values[rank])
    places = _places(ids) if misses else {}
    return pl.DataFrame([values, *by_id, pl.Series("_early", early, dtype=pl.Utf8()),
                         pl.Series("_late", late, dtype=pl.Utf8()),
                         *(pl.Series(name, [places.get(h) for h in found], dtype=pl.UInt32())
                           if misses else pl.repeat(None, values.len(), dtype=pl.UInt32(),
                                                    eager=True).alias(name)
                           for name, found in (("_early_at", early), ("_late_at", late)))]
                        ).with_columns(
        _rank=pl.int_range(pl.len(), dtype=pl.Int64()), _trigger=pl.lit(trigger, dtype=pl.Int64()))


def _link_columns(visits: pl.DataFrame, ids: pl.Series, index: Callable[[], AddressIndex],
                  person_index: Callable[[], PersonIndex]) -> pl.DataFrame:
    """`household_id`, `_household`, `_hrow` (its place in `ids`) and `_how` per visit row;
    the address and person indexes are built only when a row needs them. The places are
    looked up once per distinct household value, never per row."""
    values = visits["household_id"].cast(pl.Utf8())
    table = _by_value(values, ids, index)
    trigger = int(table["_trigger"][0]) if table.height else 0
    rows = pl.DataFrame({"household_id": values, "resident": visits["resident"].cast(pl.Utf8()),
                         "id_number": visits["id_number"].cast(pl.Utf8())}).with_row_index("_i")
    joined = rows.join(table, on="household_id", how="left", maintain_order="left")
    # the first row of the value at which the 住址 column is indexed (none: no value missed)
    at = int((joined["_rank"] == trigger).arg_true()[0]) if trigger < table.height \
        else joined.height
    remembered = (pl.col("_rank") < VALUES_REMEMBERED) | (pl.col("_i") < at)
    early = (pl.col("_rank") < pl.col("_trigger")) & remembered
    linked = joined.with_columns(
        _address=pl.when(early).then(pl.col("_early")).otherwise(pl.col("_late")),
        _address_at=pl.when(early).then(pl.col("_early_at")).otherwise(pl.col("_late_at")),
    ).with_columns(
        _household=pl.coalesce("_id", "_address"),
        _hrow=pl.coalesce("_id_at", "_address_at"),
        _how=pl.when(pl.col("_id").is_not_null()).then(pl.lit("id"))
        .when(pl.col("_address").is_not_null()).then(pl.lit("address")))
    pending = linked.filter(pl.col("_household").is_null()) \
        .select("resident", "id_number").unique(maintain_order=True)
    if not pending.height:  # every row linked by id or address
        return linked.select("household_id", "_household", "_hrow", "_how")
    people = person_index()
    found = [people.find(person_key(r, n)) for r, n in pending.iter_rows()]
    places = _places(ids)
    by_person = pending.with_columns(pl.Series("_person", found, dtype=pl.Utf8()),
                                     pl.Series("_person_at", [places.get(h) for h in found],
                                               dtype=pl.UInt32()))
    linked = linked.join(by_person, on=["resident", "id_number"], how="left",
                         maintain_order="left", nulls_equal=True)
    return linked.select(
        "household_id",
        pl.coalesce("_household", "_person").alias("_household"),
        pl.coalesce("_hrow", "_person_at").alias("_hrow"),
        pl.when(pl.col("_how").is_not_null()).then("_how")
        .when(pl.col("_person").is_not_null()).then(pl.lit("person")).alias("_how"))


def _spellings(rules: AddressRules, values: pl.Series) -> tuple[str, ...]:
    spellings = Spellings(rules, sample=SPELLING_SAMPLE)
    for value in values.drop_nulls().head(SPELLING_SAMPLE).to_list():
        spellings.add(value)
    return spellings.examples()


def household_links(tables: Tables, ctx: AuditContext) -> HouseholdLinks:
    """Every visit row linked to its roster household, and the link counts."""
    rules = _rules(ctx)
    keyed = _keyed_roster(tables)
    households = _households(keyed, ctx)
    visits = tables.frame("visits", *VISIT_FIELDS)
    ids: list[str] = households["_hid"].to_list()
    if not ids:
        empty = pl.DataFrame(schema={"_household": pl.Utf8(), "_hrow": pl.UInt32(), "_how": pl.Utf8()})
        nulls = pl.DataFrame({name: [None] * visits.height for name in empty.columns},
                             schema=empty.schema)
        return HouseholdLinks(households, nulls, ())
    links = _link_columns(visits, households["_hid"], lambda: AddressIndex(rules, ids, _addresses(keyed)),
                          lambda: _people(keyed))
    if not links.height:
        return HouseholdLinks(households, links.select("_household", "_hrow", "_how"), ())
    counts = dict(links.group_by("_how").len().iter_rows())
    unmatched = links.filter(pl.col("_how").ne_missing("id"))["household_id"]
    result = TableLinks(
        table="visits", rows=links.height, by_id=counts.get("id", 0),
        by_address=counts.get("address", 0), by_person=counts.get("person", 0),
        unlinked=counts.get(None, 0), spellings=_spellings(rules, unmatched),
        roster_spellings=_spellings(rules, keyed["_hid"]))
    return HouseholdLinks(households, links.select("_household", "_hrow", "_how"), (result,))
