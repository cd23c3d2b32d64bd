"""A visit's completeness: the content items its household's groups require, and which of
them the visit's content does not cover (`visit_content` says the rule).

`required_items` and `lacking` are the rule for one visit; `visit_completeness` (read by
`visit_content` and the worker card) is the same rule for every visit row at once: the
groups a visit is judged against (the roster household's, else the visit row's own) and the
items it lacks. A content is read as the bit masks of the tags it holds (`tag_masks`), so
the rule is asked once per distinct (groups, tags held) pair, and a household's visits add
up their masks (`visit_content`'s household unit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from cscaudit.config.yamlio.model import YamlMapping
from cscaudit.facts.columns import code_list, distinct_rows, sums_per_list
from cscaudit.facts.frames import Tables
from cscaudit.facts.households import HouseholdLinks
from cscaudit.ingest.frame_types import list_of_text
from cscaudit.results.context import AuditContext

if TYPE_CHECKING:
    from cscaudit.config.standard_model import Standard

GENERAL_ITEM = "general"  # the item key of the general content

Items = Mapping[str, frozenset[str]]  # item key -> the tags any one of which satisfies it
GroupOverrides = tuple[tuple[str, tuple[str, ...]], ...]  # `groups:` as a hashable value


def _content_tags(standard: Standard) -> tuple[Iterable[Any], Mapping[str, Any]]:
    """The standard's general content tags and its tags by group (none when it has none)."""
    return standard.general_content, standard.group_content


def required_items(standard: Standard, params: YamlMapping, groups: tuple[str, ...]) -> Items:
    """The items a household of these groups must cover: the general content as one item
    (any general tag), then each tag its groups require. `params`: complete (filled from
    `PARAMS_SCHEMA`, `params.fill_defaults`)."""
    p = params
    items: dict[str, frozenset[str]] = {}
    general_content, by_group = _content_tags(standard)
    general = frozenset(general_content)
    if p["include_general"] and general:
        items[GENERAL_ITEM] = general
    override = dict(p.get("groups") or {})
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


BITS = 63  # tags per mask column: the bits of an Int64 that stay positive
MASK_PREFIX = "_mask"  # the mask columns: `_mask0`, `_mask1`...


def tag_vocabulary(standard: Standard, overrides: GroupOverrides) -> list[str]:
    """Every tag any item may be satisfied by: the general content, each group's tags in
    the standard and in `overrides` (a superset of what `required_items` can ask for)."""
    general, by_group = _content_tags(standard)
    tags = {str(tag) for tag in general}
    tags.update(str(tag) for listed in by_group.values() for tag in listed)
    tags.update(tag for _, listed in overrides for tag in listed)
    return sorted(tags)


def tag_masks(column: pl.Series, vocabulary: list[str]) -> list[pl.Series]:
    """Which tags of `vocabulary` each list cell of `column` holds, as bit masks: the i-th tag
    is bit `i % BITS` of mask `i // BITS`; a tag outside the vocabulary, a null, an empty list
    set none. Summed over each cell's values read flat (no per-cell evaluation); a cell
    holding a tag twice, which a sum would carry, is worked out again from its distinct tags."""
    lists = column.cast(list_of_text())
    flat = lists.explode(empty_as_null=False, keep_nulls=False)
    lengths = lists.list.len()
    masks = []
    for first in range(0, len(vocabulary), BITS):
        chunk = vocabulary[first:first + BITS]
        weights = [1 << i for i in range(len(chunk))]
        bits = flat.replace_strict(chunk, weights, default=0, return_dtype=pl.Int64()).fill_null(0)
        mask = sums_per_list(bits, lengths)
        carried = (mask.bitwise_count_ones().cast(pl.Int64())
                   != sums_per_list(bits != 0, lengths)).arg_true()
        if carried.len():
            exact = lists.gather(carried).list.eval(pl.element().replace_strict(
                chunk, weights, default=0, return_dtype=pl.Int64()).fill_null(0)) \
                .list.unique().list.sum()
            mask = mask.scatter(carried, exact)
        masks.append(mask.alias(f"{MASK_PREFIX}{first // BITS}"))
    return masks


def lacking_of(frame: pl.DataFrame, standard: Standard, overrides: GroupOverrides, groups: str,
               masks: list[str], *, include_general: bool) -> pl.Series:
    """`_lacking` of each row of `frame`: the items the tags held (the `masks` columns,
    `tag_masks` of `tag_vocabulary(standard, overrides)`) leave uncovered for the groups in
    column `groups` (a list of codes), in the order `required_items` gives them. The rule
    (`required_items`, `lacking`) is asked once per distinct (groups, tags held) pair."""
    params = {"include_general": include_general, "groups": dict(overrides)}
    vocabulary = tag_vocabulary(standard, overrides)
    pairs, pair_of_row = distinct_rows(frame, groups, *masks)
    required: dict[tuple[str, ...], Items] = {}
    answers: list[list[str]] = []
    for codes, *bits in pairs.iter_rows():
        key = tuple(codes or ())
        if key not in required:
            required[key] = required_items(standard, params, key)
        held = {tag for i, tag in enumerate(vocabulary) if bits[i // BITS] >> (i % BITS) & 1}
        answers.append(lacking(required[key], held))
    return pl.Series("_lacking", answers, dtype=list_of_text()).gather(pair_of_row)


def visit_completeness(tables: Tables, ctx: AuditContext, links: HouseholdLinks,
                       overrides: GroupOverrides, *, include_general: bool) -> pl.DataFrame:
    """Per visit row, in visit frame order: `_groups` (the roster household's groups when it
    has any, else the row's own), `_lacking` (the items the visit alone does not cover,
    empty when it is complete) and the tags its content holds (`_mask0`...: `tag_masks` of
    `tag_vocabulary(ctx.standard, overrides)`), which a household's visits add up."""
    visits = tables.frame("visits", "group", "content")
    roster_groups = links.households.get_column("group").gather(links.visits.get_column("_hrow"))
    judged = visits.select(
        pl.when(roster_groups.list.len() > 0).then(roster_groups)
        .otherwise(code_list(visits, "group")).alias("_groups"),
        code_list(visits, "content").alias("_content"))
    masks = tag_masks(judged.get_column("_content"), tag_vocabulary(ctx.standard, overrides))
    held = judged.select("_groups").with_columns(masks)
    return held.with_columns(lacking_of(held, ctx.standard, overrides, "_groups",
                                        [mask.name for mask in masks],
                                        include_general=include_general)) \
        .select("_groups", "_lacking", *(mask.name for mask in masks))
