"""The visit-completeness fact says of every visit row what the one-row rule
(`required_items` + `lacking`, on the household `RosterIndex.link` finds) says."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.facts import Facts
from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
from cscaudit.facts.households import household_links
from cscaudit.facts.visits import BITS, lacking, required_items, tag_masks, visit_completeness
from cscaudit.ingest.dictionary import load_dictionary
from cscaudit.measures.common import codes
from cscaudit.results.context import AuditContext
from tests.audit.measures.fakes import FakeCalendar, fake_center, fake_standard
from tests.audit.measures.test_cases import records_of
from tests.oracles.households import RosterIndex, visit_groups

GROUPS = ["elderly", "disabled", "general", "low_income"]
TAGS = ["policy_publicity", "communication", "health_status", "children_contact",
        "physical_condition", "assistance_info"]
ids = st.sampled_from(["H1", "H2", " H1 ", "H9", None])
roster_rows = st.lists(st.fixed_dictionaries({
    "household_id": st.sampled_from(["H1", "H2", "H3"]),
    "group": st.lists(st.sampled_from(GROUPS), max_size=2, unique=True)}), max_size=4)
visit_rows = st.lists(st.fixed_dictionaries(
    {"household_id": ids, "visited_on": st.just(dt.date(2024, 3, 1))},
    optional={"group": st.one_of(st.none(), st.lists(st.sampled_from(GROUPS), max_size=2)),
              "content": st.one_of(st.none(), st.lists(st.sampled_from(TAGS), max_size=3))}),
    max_size=10)
overrides = st.one_of(st.just(()), st.just((("low_income", ("communication",)),)))


def _ctx() -> AuditContext:
    standard = fake_standard({"general_content": ["policy_publicity", "communication"],
                              "group_content": {"elderly": ["health_status", "children_contact"],
                                                "disabled": ["physical_condition"],
                                                "low_income": ["assistance_info"], "general": []}})
    return AuditContext(center=fake_center(None), standard=standard, year=2024,
                        period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                        calendar=FakeCalendar(), tables_present=frozenset({"roster", "visits"}))


@settings(max_examples=120, deadline=None)
@given(roster_rows, visit_rows, st.booleans(), overrides)
def test_the_fact_is_the_one_row_rule_on_every_visit(
        roster: list[dict[str, Any]], visits: list[dict[str, Any]], include_general: bool,
        groups: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
    ctx = _ctx()
    records = records_of({"roster": roster, "visits": visits})
    dtypes = field_dtypes(load_dictionary())
    builders = {table: FrameBuilder(table, dtypes[table]) for table in ("roster", "visits")}
    index = RosterIndex()
    for record in records:
        builders[record.table].add(record)
        if record.table == "roster":
            index.add(record)
    tables = build_tables(builders.values(), dtypes)
    facts = Facts(tables, ctx)
    fact = facts.get(visit_completeness, facts.get(household_links), groups,
                     include_general=include_general)
    params = {"include_general": include_general, "groups": dict(groups)}
    expected = [lacking(required_items(ctx.standard, params,
                                       visit_groups(r, index.link(r))), codes(r.values.get("content")))
                for r in records if r.table == "visits"]
    assert fact["_lacking"].to_list() == expected


WORDS = [f"t{i}" for i in range(70)]  # more tags than one mask holds


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.lists(st.one_of(st.none(), st.sampled_from(WORDS)),
                                               max_size=6)), max_size=12),
       st.integers(min_value=0, max_value=70))
def test_a_cells_masks_are_the_vocabulary_tags_it_holds(
        cells: list[list[str | None] | None], size: int) -> None:
    """Duplicates (which a sum of bits would carry), nulls, tags outside the vocabulary and
    vocabularies longer than one mask: each cell's bits are the set of its tags."""
    vocabulary = WORDS[:size]
    masks = tag_masks(pl.Series("c", cells, dtype=pl.List(pl.Utf8())), vocabulary)
    for row, cell in enumerate(cells):
        held = {i for i, tag in enumerate(vocabulary) if tag in (cell or [])}
        bits = {i for i in range(size) if masks[i // BITS][row] >> (i % BITS) & 1}
        assert bits == held
