"""visit_content: visits cover the general content and what the household's group requires.

The standard (seed 002, confirmed) fixes what a 包片联户 visit covers: general content for
everyone (policy publicity, information collection, community information, communication)
and per group, e.g. for the elderly: health status, children's contact details, home-care
and medical service information, psychological support. Visit content arrives as tag codes
(the reader matches the free text to the standard's keywords).

Params:
- `unit`: `visit` (default): every visit must cover everything required, the strict
  reading used by inspectors checking a ledger page by page; `household`: the visits of the
  period taken together must cover it, for localities that spread the topics over the year.
- `include_general`: require the general content too (default true).
- `groups`: group code -> tag codes, replacing the standard's list for those groups.

The groups are the roster's (else the visit row's); a household in several groups must
cover each group's content. Defect: a visit (or household) missing at least one required
tag. Rate: complete / checked. No visit in the period: not applicable.
Example: an elderly visit recording 政策宣传、健康状况 lacks the other general topics and
子女联系方式, 养老服务信息, 医疗服务信息, 心理疏导: 1 defect.
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
    in_period,
    measurement,
    missing_table,
    rate_of,
    table_absent,
)
from cscaudit.audit.measures.households import shared_roster, visit_groups
from cscaudit.audit.model import Evidence, Measurement
from cscaudit.i18n import Text, t
from cscaudit.ingest.model import Record

ID = "visit_content"
TABLES: tuple[str, ...] = ("roster", "visits")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "unit": {"enum": ["visit", "household"], "default": "visit"},
        "include_general": {"type": "boolean", "default": True},
        "groups": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
}


def required_tags(standard: Any, params: Mapping[str, Any], groups: tuple[str, ...]) -> frozenset[str]:
    """The tag codes a visit to a household of these groups must cover."""
    tags: set[str] = set(getattr(standard, "general_content", ())) if params.get("include_general", True) else set()
    override = dict(params.get("groups") or {})
    by_group: Mapping[str, Any] = getattr(standard, "group_content", None) or {}
    for g in groups:
        tags.update(override[g] if g in override else by_group.get(g, ()))
    return frozenset(tags)


def tag_label(standard: Any, code: str) -> Text:
    tag = (getattr(standard, "content_tags", None) or {}).get(code)
    label = getattr(tag, "label", None)
    return label if isinstance(label, Text) else Text(code, code)


def shared_completeness(ctx: AuditContext, params: Mapping[str, Any]) -> LastRecord:
    """Where whether the visit in hand covers all it must (for these parameters) is kept."""
    return last_record(ctx, "visit_complete", json.dumps(params, sort_keys=True, default=str))


class VisitContent:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.per_household = spec.params.get("unit", "visit") == "household"
        self.roster, self.feeds = shared_roster(ctx)
        self.cache: dict[tuple[str, ...], frozenset[str]] = {}
        self.complete = shared_completeness(ctx, spec.params)
        self.checked = 0
        self.defects = 0
        self.by_tag: dict[str, EvidenceCollector] = {}
        self.covered: dict[str, set[str]] = {}
        self.needed: dict[str, tuple[frozenset[str], Evidence]] = {}

    def _required(self, groups: tuple[str, ...]) -> frozenset[str]:
        if groups not in self.cache:
            self.cache[groups] = required_tags(self.ctx.standard, self.spec.params, groups)
        return self.cache[groups]

    def add(self, record: Record) -> None:
        if record.table == "roster":
            if self.feeds:
                self.roster.add(record)
            return
        v = record.values
        if not in_period(as_date(v.get("visited_on")), self.ctx.period_start, self.ctx.period_end):
            return
        household = self.roster.get(v.get("household_id"))
        need = self._required(visit_groups(record, household))
        content = codes(v.get("content"))
        if not self.per_household:
            self.checked += 1
            complete = need.issubset(content)
            self.complete.record, self.complete.value = record, complete
            if complete:
                return
            lacking = need.difference(content)
            self.defects += bool(lacking)
            for tag in lacking:
                self.by_tag.setdefault(tag, EvidenceCollector()).add(record, "visit_id")
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
        if self.per_household:
            for key, (need, where) in self.needed.items():
                self.checked += 1
                lacking = need - self.covered[key]
                self.defects += bool(lacking)
                for tag in lacking:
                    self.by_tag.setdefault(tag, EvidenceCollector()).add_evidence(where)
        if self.checked == 0:
            return empty_table("visits")
        unit = t("户", "households") if self.per_household else t("次走访", "visits")
        findings = []
        for tag, ev in sorted(self.by_tag.items(), key=lambda kv: (-kv[1].total, kv[0])):
            label = tag_label(self.ctx.standard, tag)
            findings.append(self.spec.finding(
                t(f"{ev.total} {unit.zh}缺少走访内容「{label.zh}」", f"{ev.total} {unit.en} lack the content '{label.en}'"),
                ev))
        return measurement(self.checked, self.defects, findings,
                           rate=rate_of(self.checked - self.defects, self.checked))


def start(spec: IndicatorSpec, ctx: AuditContext) -> VisitContent:
    return VisitContent(spec, ctx)
