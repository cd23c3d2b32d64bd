"""visit_content: visits cover the general content and what the household's group requires.

The standard (seed 002, confirmed) fixes what a 包片联户 visit covers: general content
(policy publicity, information collection, community information, communication) and, per
group, its own items, e.g. for the elderly: health status, children's contact details,
home-care and medical service information, psychological support. Visit content arrives as
tag codes: the reader recognises the standard's tag words and synonyms in exported tag lists
(宣传政策 = 政策宣传, 居家养老和医疗服务 counts for both items) and its keywords and phrasings in
free text (讲解医保政策).

Items: the general content is one item, satisfied by any one general tag; each tag of the
household's groups is an item of its own.

Params:
- `unit`: `household` (default): the household's visits over the period together must cover
  every item at least once, as the standard asks of the work, not of each visit; `visit`:
  every visit must cover every item (a strict page-by-page reading).
- `include_general`: require the general content too (default true).
- `groups`: group code -> tag codes, replacing the standard's list for those groups.
- `min_link_rate`: as for `visit_frequency` (default 0.5, inferred): below it the visits
  cannot be told their household's groups and the result is incomplete.

The groups are the roster's (else the visit row's); a household in several groups must
cover each group's items. Defect: a household (or visit) missing at least one item. Rate:
complete / checked. Visits whose content could not be read at all (a cell with text in which
no item is recognised) are counted and their share reported (info). No visit in the period:
not applicable.
Example: an elderly household visited three times in the year, recording 政策宣传、健康状况,
then 子女联系方式、居家养老和医疗服务, then 陪老人聊天: complete (the general item by 政策宣传,
心理疏导 by 聊天).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import code_list, filled, in_period
from cscaudit.facts.frames import Tables
from cscaudit.facts.households import HouseholdLinks, household_links
from cscaudit.facts.visits import (
    GENERAL_ITEM,
    MASK_PREFIX,
    group_overrides,
    lacking_of,
    visit_completeness,
)
from cscaudit.i18n import Text, t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    empty_table,
    measurement,
    missing_table,
    percent,
    rate_of,
    table_absent,
)
from cscaudit.measures.households import declare_shortfall
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Evidence, Measurement, Severity
from cscaudit.rules.household_links import MIN_LINK_RATE_SCHEMA

if TYPE_CHECKING:
    from cscaudit.config.standard_model import Standard

ID = "visit_content"
SUMMARY = t("走访涵盖通用内容及该户所属人群要求的内容。",
            "visits cover the general content and what the household's group requires.")
TABLES: tuple[str, ...] = ("roster", "visits")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "unit": {"enum": ["visit", "household"], "default": "household"},
        "include_general": {"type": "boolean", "default": True},
        "groups": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "min_link_rate": MIN_LINK_RATE_SCHEMA,
    },
}


def item_label(standard: Standard, key: str) -> Text:
    if key == GENERAL_ITEM:
        return t("通用内容（政策宣传、信息采集、社区信息告知、沟通交流任一项）",
                 "general content (any of policy publicity, information collection, community "
                 "information, communication)")
    tag = standard.content_tags.get(key)
    return tag.label if tag is not None else Text(key, key)


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def _by_visit(rows: pl.DataFrame) -> tuple[int, int, dict[str, EvidenceCollector]]:
    """Each visit judged alone: (checked, defects, item -> the visits lacking it)."""
    short = rows.filter(pl.col("_lacking").list.len() > 0)
    by_item: dict[str, EvidenceCollector] = {}
    for item in short["_lacking"].explode().unique().to_list():
        by_item[item] = EvidenceCollector()
        by_item[item].add_frame(short.filter(pl.col("_lacking").list.contains(item)), "visits",
                                "visit_id")
    return rows.height, short.height, by_item


def _by_household(rows: pl.DataFrame, links_households: pl.DataFrame, spec: IndicatorSpec,
                  ctx: AuditContext) -> tuple[int, int, dict[str, EvidenceCollector]]:
    """A household's visits over the period together: (checked, defects, item -> the
    households lacking it). A household is its roster id, else the visit's 户号 as written;
    its groups and its evidence row are those its first visit in the period found."""
    keyed = rows.with_columns(_key=pl.coalesce(pl.col("_household"),
                                               pl.col("household_id").cast(pl.Utf8()),
                                               pl.lit("None")))
    masks = [name for name in rows.columns if name.startswith(MASK_PREFIX)]
    households = keyed.group_by("_key", maintain_order=True).agg(
        pl.col("_groups", "_household", "_file", "_sheet", "_row").first(),
        *(pl.col(name).bitwise_or() for name in masks))  # the tags any of its visits held
    judged = households.with_columns(lacking_of(
        households, ctx.standard, group_overrides(spec.params), "_groups", masks,
        include_general=bool(spec.params["include_general"])))
    roster = links_households.select(pl.col("_hid").alias("_key"), pl.col("_file").alias("_rf"),
                                     pl.col("_sheet").alias("_rs"), pl.col("_row").alias("_rr"),
                                     pl.col("_worker").alias("_rw"))
    short = judged.filter(pl.col("_lacking").list.len() > 0).join(
        roster, on="_key", how="left", maintain_order="left")
    by_item: dict[str, EvidenceCollector] = {}
    for key, linked, file, sheet, row, rf, rs, rr, rw, missing in short.select(
            "_key", "_household", "_file", "_sheet", "_row", "_rf", "_rs", "_rr", "_rw",
            "_lacking").iter_rows():
        where = Evidence(rf, rs, rr, key, None, rw) if linked is not None \
            else Evidence(file, sheet, row, key)
        for item in missing:
            by_item.setdefault(item, EvidenceCollector()).add_evidence(where)
    return households.height, short.height, by_item


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    if table_absent(ctx, "visits"):
        return missing_table("visits")
    links = facts.get(household_links)
    return declare_shortfall(_judged(spec, tables, facts, ctx, links), links.results,
                             float(spec.params["min_link_rate"]))


def _judged(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext,
            links: HouseholdLinks) -> Measurement:
    complete = facts.get(visit_completeness, links, group_overrides(spec.params),
                         include_general=bool(spec.params["include_general"]))
    visits = tables.frame("visits", "visit_id", "visited_on", "household_id", "content",
                          "content_text")
    rows = visits.with_columns(code_list(visits, "content").alias("_content")).hstack(
        [*complete.get_columns(), links.visits["_household"]]).filter(
        in_period(visits, "visited_on", ctx.period_start, ctx.period_end))
    unreadable = EvidenceCollector()
    unreadable.add_frame(rows.filter(pl.col("_content").list.len() == 0)
                         .filter(filled(rows, "content_text")), "visits", "visit_id")
    per_household = spec.params["unit"] == "household"
    checked, defects, by_item = (_by_household(rows, links.households, spec, ctx) if per_household
                                 else _by_visit(rows))
    if checked == 0:
        return empty_table("visits")
    unit = t("户", "households") if per_household else t("次走访", "visits")
    findings = []
    for item, ev in sorted(by_item.items(), key=lambda kv: (-kv[1].total, kv[0])):
        label = item_label(ctx.standard, item)
        findings.append(spec.finding(
            t(f"{ev.total} {unit.zh}缺少走访内容「{label.zh}」", f"{ev.total} {unit.en} lack the content '{label.en}'"),
            evidence=ev, topic=t("走访缺少走访内容", "visits lacking content"),
            variant=t(f"{label.zh} {ev.total} {unit.zh}", f"{label.en}: {ev.total} {unit.en}")))
    share = percent(unreadable.total, rows.height)
    if unreadable.total:
        findings.append(spec.finding(t(
            f"{unreadable.total} 次走访（{share.zh}）的内容无法识别出任何标准走访内容",
            f"{unreadable.total} visits ({share.en}) have content in which no standard item "
            "could be recognised"), evidence=unreadable, severity=Severity.INFO))
    done = percent(checked - defects, checked)
    return measurement(checked, defects, findings=findings,
                       rate=rate_of(checked - defects, checked),
                       measured=t(f"{done.zh}；内容无法识别的走访占 {share.zh}",
                                  f"{done.en}; visits with unreadable content {share.en}"))
