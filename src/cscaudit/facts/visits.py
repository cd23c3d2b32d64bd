"""A visit's completeness: the content items its household's groups require, and which of
them the visit's content does not cover (`visit_content` says the rule).

`required_items` and `lacking` are the rule for one visit; `visit_completeness` (read by
`visit_content` and the worker card) is the same rule for every visit row at once: the
groups a visit is judged against (the roster household's, else the visit row's own) and the
items it lacks, worked out once per distinct (groups, content) pair and joined back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from cscaudit.config.yamlio.model import YamlMapping
from cscaudit.facts.frames import Tables
from cscaudit.facts.households import HouseholdLinks
from cscaudit.ingest.frame_types import list_of_text
from cscaudit.measures.base import AuditContext
from cscaudit.measures.columns import code_list

if TYPE_CHECKING:
    from cscaudit.config.standard_model import Standard

GENERAL_ITEM = "general"  # the item key of the general content

Items = Mapping[str, frozenset[str]]  # item key -> the tags any one of which satisfies it
GroupOverrides = tuple[tuple[str, tuple[str, ...]], ...]  # `groups:` as a hashable value


def required_items(standard: Standard, params: YamlMapping, groups: tuple[str, ...]) -> Items:
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


def group_overrides(params: YamlMapping) -> GroupOverrides:
    """The `groups:` parameter (group -> tags) as a fact's hashable parameter."""
    given: Mapping[str, Any] = params.get("groups") or {}
    return tuple((str(g), tuple(str(tag) for tag in tags)) for g, tags in given.items())


def with_lacking(frame: pl.DataFrame, standard: Standard, include_general: bool,
                 overrides: GroupOverrides, groups: str, content: str) -> pl.DataFrame:
    """`frame` with `_lacking`: the items the tags in column `content` leave uncovered for the
    groups in column `groups` (both lists of codes), in the order `required_items` gives
    them. `required_items` is asked once per distinct groups value (it reads the standard's
    configuration); which items a content covers is a join on (groups, tag)."""
    params = {"include_general": include_general, "groups": dict(overrides)}
    # the distinct (groups, content) pairs, each with the rows holding it, and the distinct
    # groups, each with its pairs: grouped, so no list column is joined on
    pairs = frame.select(groups, content).with_row_index("_r").group_by(
        groups, content, maintain_order=True).agg("_r").with_row_index("_pair")
    kinds = pairs.group_by(groups, maintain_order=True).agg("_pair").with_row_index("_gid")
    items: dict[str, list[Any]] = {"_gid": [], "_order": [], "_key": []}
    tags: dict[str, list[Any]] = {"_gid": [], "_order": [], "_tag": []}
    for gid, codes in kinds.select("_gid", groups).iter_rows():
        for order, (key, satisfied_by) in enumerate(
                required_items(standard, params, tuple(codes or ())).items()):
            items["_gid"].append(gid)
            items["_order"].append(order)
            items["_key"].append(key)
            for tag in sorted(satisfied_by):
                tags["_gid"].append(gid)
                tags["_order"].append(order)
                tags["_tag"].append(tag)
    item_table = pl.DataFrame(items, schema={"_gid": pl.UInt32(), "_order": pl.Int64(),
                                             "_key": pl.Utf8()})
    tag_table = pl.DataFrame(tags, schema={"_gid": pl.UInt32(), "_order": pl.Int64(),
                                           "_tag": pl.Utf8()})
    # (pair, item) as one number: the pair's place times the most items any groups require,
    # plus the item's place
    item = pl.col("_pair").cast(pl.Int64()) * (max(items["_order"], default=0) + 1) + pl.col("_order")
    gid_of_pair = kinds.select("_gid", "_pair").explode("_pair").sort("_pair").get_column("_gid")
    keyed = pairs.select("_pair", pl.col(content).cast(list_of_text()).alias("_tag")) \
        .with_columns(gid_of_pair)
    covered = keyed.explode("_tag").join(tag_table, on=["_gid", "_tag"], how="inner") \
        .select(item.alias("_item"))  # an item twice when two of its tags are there: no matter
    found = keyed.select("_pair", "_gid").join(item_table, on="_gid", how="inner") \
        .with_columns(item.alias("_item")).join(covered, on="_item", how="anti").sort("_item") \
        .group_by("_pair", maintain_order=True).agg(pl.col("_key").alias("_lacking"))
    by_row = pairs.select("_pair", "_r").join(found, on="_pair", how="left", maintain_order="left") \
        .explode("_r").sort("_r").get_column("_lacking") \
        .fill_null(pl.lit([], dtype=list_of_text()))
    return frame.with_columns(by_row)


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
