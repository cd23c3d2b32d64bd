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

import json
from collections.abc import Mapping
from typing import Any

from cscaudit.audit.measures.base import (
    AuditContext,
    EvidenceCollector,
    IndicatorSpec,
    LastRecord,
    last_record,
)
from cscaudit.audit.measures.common import (
    as_date,
    codes,
    empty_table,
    filled,
    in_period,
    measurement,
    missing_table,
    percent,
    rate_of,
    table_absent,
)
from cscaudit.audit.measures.household_links import MIN_LINK_RATE_SCHEMA
from cscaudit.audit.measures.households import declare_if_unlinked, shared_roster, visit_groups
from cscaudit.audit.model import Evidence, Measurement, Severity
from cscaudit.i18n import Text, t
from cscaudit.ingest.model import Record

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
GENERAL_ITEM = "general"  # the item key of the general content

Items = Mapping[str, frozenset[str]]  # item key -> the tags any one of which satisfies it


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


def item_label(standard: Any, key: str) -> Text:
    if key == GENERAL_ITEM:
        return t("通用内容（政策宣传、信息采集、社区信息告知、沟通交流任一项）",
                 "general content (any of policy publicity, information collection, community "
                 "information, communication)")
    tag = (getattr(standard, "content_tags", None) or {}).get(key)
    label = getattr(tag, "label", None)
    return label if isinstance(label, Text) else Text(key, key)


def shared_completeness(ctx: AuditContext, params: Mapping[str, Any]) -> LastRecord:
    """Where whether the visit in hand covers all it must (for these parameters) is kept."""
    return last_record(ctx, "visit_complete", json.dumps(params, sort_keys=True, default=str))


class VisitContent:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.per_household = spec.params["unit"] == "household"
        self.roster, self.feeds = shared_roster(ctx)
        self.cache: dict[tuple[str, ...], Items] = {}
        self.complete = shared_completeness(ctx, spec.params)
        self.visits = 0
        self.checked = 0
        self.defects = 0
        self.unreadable = EvidenceCollector()
        self.by_item: dict[str, EvidenceCollector] = {}
        self.covered: dict[str, set[str]] = {}
        self.needed: dict[str, tuple[Items, Evidence]] = {}

    def _required(self, groups: tuple[str, ...]) -> Items:
        if groups not in self.cache:
            self.cache[groups] = required_items(self.ctx.standard, self.spec.params, groups)
        return self.cache[groups]

    def add(self, record: Record) -> None:
        if record.table == "roster":
            if self.feeds:
                self.roster.add(record)
            return
        v = record.values
        if not in_period(as_date(v.get("visited_on")), self.ctx.period_start, self.ctx.period_end):
            return
        self.visits += 1
        household = self.roster.link(record)
        need = self._required(visit_groups(record, household))
        content = codes(v.get("content"))
        if not content and filled(v.get("content_text")):
            self.unreadable.add(record, "visit_id")
        if not self.per_household:
            self.checked += 1
            missing = lacking(need, content)
            self.complete.record, self.complete.value = record, not missing
            self.defects += bool(missing)
            for key in missing:
                self.by_item.setdefault(key, EvidenceCollector()).add(record, "visit_id")
            return
        key = household.id if household else str(v.get("household_id"))
        covered = self.covered.get(key)
        if covered is None:
            covered = self.covered[key] = set()
        covered.update(content)
        if key not in self.needed:
            where = household.evidence if household else Evidence(
                record.source.file, record.source.sheet, record.row, key)
            self.needed[key] = (need, where)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, "visits"):
            return missing_table("visits")
        declare_if_unlinked(self.ctx, self.roster,
                            self.spec.params["min_link_rate"])
        if self.per_household:
            for key, (need, where) in self.needed.items():
                self.checked += 1
                missing = lacking(need, self.covered[key])
                self.defects += bool(missing)
                for item in missing:
                    self.by_item.setdefault(item, EvidenceCollector()).add_evidence(where)
        if self.checked == 0:
            return empty_table("visits")
        unit = t("户", "households") if self.per_household else t("次走访", "visits")
        findings = []
        for item, ev in sorted(self.by_item.items(), key=lambda kv: (-kv[1].total, kv[0])):
            label = item_label(self.ctx.standard, item)
            findings.append(self.spec.finding(
                t(f"{ev.total} {unit.zh}缺少走访内容「{label.zh}」", f"{ev.total} {unit.en} lack the content '{label.en}'"),
                ev, topic=t("走访缺少走访内容", "visits lacking content"),
                variant=t(f"{label.zh} {ev.total} {unit.zh}", f"{label.en}: {ev.total} {unit.en}")))
        share = percent(self.unreadable.total, self.visits)
        if self.unreadable.total:
            findings.append(self.spec.finding(t(
                f"{self.unreadable.total} 次走访（{share.zh}）的内容无法识别出任何标准走访内容",
                f"{self.unreadable.total} visits ({share.en}) have content in which no standard item "
                "could be recognised"), self.unreadable, severity=Severity.INFO))
        done = percent(self.checked - self.defects, self.checked)
        return measurement(self.checked, self.defects, findings,
                           rate=rate_of(self.checked - self.defects, self.checked),
                           measured=t(f"{done.zh}；内容无法识别的走访占 {share.zh}",
                                      f"{done.en}; visits with unreadable content {share.en}"))


def start(spec: IndicatorSpec, ctx: AuditContext) -> VisitContent:
    return VisitContent(spec, ctx)
