"""Which roster household each visit names, and the roster dates that household carries.

A visit finds its household as `RosterIndex.link` says (户号, else 住址, else 户主 and the
last four digits of the ID number). The link of a visit depends only on its three key cells
and on the whole roster, so it is made once per distinct (household_id, resident,
id_number) of the visits, not once per visit; consumers join the fact back on those keys
(`nulls_equal=True`: an empty key is a key too).
"""

from __future__ import annotations

import polars as pl

from cscaudit.audit.frames import META, Tables
from cscaudit.audit.measures.base import AuditContext
from cscaudit.audit.measures.households import Household, RosterIndex
from cscaudit.ingest.model import Record, SourceRef

LINK_KEYS: tuple[str, ...] = ("household_id", "resident", "id_number")
ROSTER_FIELDS: tuple[str, ...] = ("household_id", "group", "worker", "registered_on", "left_on",
                                  "group_since", "status", "address", "resident", "id_number")


def linked_schema() -> dict[str, pl.DataType]:
    """The household's facts a visit carries once linked (null when it found none). A
    function, not a constant: `pl.` at import would load polars for `validate` too
    (`cscaudit.lazy_polars`)."""
    return {"_household": pl.Utf8(), "_registered_on": pl.Date(), "_left_on": pl.Date(),
            "_status": pl.Utf8()}


def roster_index(tables: Tables, ctx: AuditContext) -> RosterIndex:
    """The roster as `RosterIndex` holds it: one entry per household, a later row replacing an
    earlier one (Python work grows with the roster's rows, that is with the households)."""
    index = RosterIndex(ctx.address_rules)
    roster = tables.frame("roster", *ROSTER_FIELDS)
    for row in roster.iter_rows(named=True):
        values = {name: tuple(value) if isinstance(value, list) else value
                  for name, value in row.items() if name not in META}
        index.add(Record("roster", SourceRef(row["_file"], row["_sheet"]), row["_row"], values))
    return index


def _facts(household: Household | None) -> tuple[object, ...]:
    if household is None:
        return (None, None, None, None)
    return (household.id, household.registered_on, household.left_on, household.status)


def visit_households(tables: Tables, ctx: AuditContext) -> pl.DataFrame:
    """One row per distinct (household_id, resident, id_number) of the visits, with the
    linked household's id, 登记日期, 注销/迁出/死亡 date and status (`linked_schema`)."""
    visits = tables.frame("visits", *LINK_KEYS)
    keys = visits.select(LINK_KEYS).unique(maintain_order=True)
    index = roster_index(tables, ctx)
    nowhere = SourceRef("")
    linked = [_facts(index.link(Record("visits", nowhere, 0, dict(zip(LINK_KEYS, row, strict=True)))))
              for row in keys.iter_rows()]
    found = pl.DataFrame(linked, schema=linked_schema(), orient="row")
    return pl.concat([keys, found], how="horizontal")
