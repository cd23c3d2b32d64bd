"""A visit's completeness: the content items its household's groups require, and which of
them the visit's content does not cover (`visit_content` says the rule).

`required_items` and `lacking` are the rule for one visit; `visit_completeness` (read by
`visit_content` and the worker card) is the same rule for every visit row at once: the
groups a visit is judged against (the roster household's, else the visit row's own) and the
items it lacks, worked out once per distinct (groups, content) pair and joined back.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import polars as pl

from cscaudit.audit.facts.households import HouseholdLinks
from cscaudit.audit.frames import Tables
from cscaudit.audit.measures.base import AuditContext
from cscaudit.audit.measures.columns import code_list
from cscaudit.ingest.frame_types import list_of_text

GENERAL_ITEM = "general"  # the item key of the general content

Items = Mapping[str, frozenset[str]]  # item key -> the tags any one of which satisfies it
GroupOverrides = tuple[tuple[str, tuple[str, ...]], ...]  # `groups:` as a hashable value


def required_items(standard: Any, params: Mapping[str, Any], groups: tuple[str, ...]) -> Items:
    """The items a household of these groups must cover: the general content as one item
    (any general tag), then each tag its groups require. `params`: complete (filled from
    `PARAMS_SCHEMA`, `params.fill_defaults`)."""
    p = params
    items: dict[str, frozenset[str]] = {}
    general = frozenset(getattr(standard, "general_content", ()))
    if p["include_general"] and general:
        items[GENERAL_ITEM] = general
    override = dict(p.get("groups") or {})
    by_group: Mapping[str, Any] = getattr(standard, "group_content", None) or {}
    for g in groups:
        for tag in override[g] if g in override else by_group.get(g, ()):
            items.setdefault(str(tag), frozenset({str(tag)}))
    return items


def lacking(items: Items, content: set[str] | tuple[str, ...]) -> list[str]:
    """The items none of whose tags is in `content`."""
    return [key for key, tags in items.items() if tags.isdisjoint(content)]


def group_overrides(params: Mapping[str, Any]) -> GroupOverrides:
    """The `groups:` parameter (group -> tags) as a fact's hashable parameter."""
    given: Mapping[str, Any] = params.get("groups") or {}
    return tuple((str(g), tuple(str(tag) for tag in tags)) for g, tags in given.items())


def with_lacking(frame: pl.DataFrame, standard: Any, include_general: bool,
                 overrides: GroupOverrides, groups: str, content: str) -> pl.DataFrame:
    """`frame` with `_lacking`: the items the tags in column `content` leave uncovered for the
    groups in column `groups` (both lists of codes). The rule is applied once per distinct
    (groups, content) pair."""
    params = {"include_general": include_general, "groups": dict(overrides)}

    @cache
    def items_of(codes: tuple[str, ...]) -> Items:
        return required_items(standard, params, codes)

    pairs = frame.select(groups, content).unique(maintain_order=True).with_row_index("_pair")
    numbers: list[int] = []
    keys: list[str] = []
    for number, (g, c) in enumerate(pairs.select(groups, content).iter_rows()):
        for key in lacking(items_of(tuple(g or ())), tuple(c or ())):
            numbers.append(number)
            keys.append(key)
    found = pl.DataFrame({"_pair": pl.Series(numbers, dtype=pl.UInt32()),
                          "_lacking": pl.Series(keys, dtype=pl.Utf8())}) \
        .group_by("_pair", maintain_order=True).agg("_lacking")
    pairs = pairs.join(found, on="_pair", how="left") \
        .with_columns(pl.col("_lacking").fill_null(pl.lit([], dtype=list_of_text()))).drop("_pair")
    return frame.join(pairs, on=[groups, content], how="left", maintain_order="left",
                      nulls_equal=True)


def visit_completeness(tables: Tables, ctx: AuditContext, links: HouseholdLinks,
                       include_general: bool, overrides: GroupOverrides) -> pl.DataFrame:
    """Per visit row, in visit frame order: `_groups` (the roster household's groups when it
    has any, else the row's own) and `_lacking` (the items the visit alone does not cover,
    empty when it is complete)."""
    visits = tables.frame("visits", "group", "content")
    roster_groups = links.households.select(pl.col("_hid").alias("_household"),
                                            pl.col("group").alias("_roster_groups"))
    linked = links.visits.select("_household").join(roster_groups, on="_household", how="left",
                                                    maintain_order="left")
    judged = visits.select(
        pl.when(linked["_roster_groups"].list.len() > 0).then(linked["_roster_groups"])
        .otherwise(code_list(visits, "group")).alias("_groups"),
        code_list(visits, "content").alias("_content"))
    return with_lacking(judged, ctx.standard, include_general, overrides, "_groups",
                        "_content").select("_groups", "_lacking")
