"""plan_completeness: each emergency plan has the required sections and a current contact list.

A plan's headings are matched to the standard's sections with their accepted synonyms
(组织体系 counts as 组织机构与职责, 应急处置 as 应急响应, ...) when the center is loaded.

Params:
- `sections`: section ids every plan needs; default the standard's required sections
  (总则, 组织机构与职责, 预警, 应急响应, 保障措施, 附则, contact list).
- `contacts_max_age_days`: the emergency contact list must be dated within this many days
  before the end of the audit period (default 365); `null` skips the test.

Defect: a plan lacking a required section, or whose contact list is missing, undated or
older than allowed (one defect per plan, each reason its own finding). Checked: the plans.
No plan: not applicable (the class coverage indicator already fails it).
Example: a plan without 预警 and with contacts dated 2022-05-01, audited for 2024: 1 defect,
two findings.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from cscaudit.config.yamlio.model import YamlMapping
from cscaudit.i18n import Text, t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    catalogue_name,
    join,
    measurement,
    not_applicable,
    rate_of,
)
from cscaudit.measures.plans import (
    contacts_updated,
    plan_evidence,
    plan_title,
    plans_of,
    section_ids,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement

if TYPE_CHECKING:  # configuration kinds read no table and never load polars
    from cscaudit.facts import Facts
    from cscaudit.facts.frames import Tables

ID = "plan_completeness"
SUMMARY = t("每份应急预案章节齐全，并附有最新的应急联络名单。",
            "each emergency plan has the required sections and a current contact list.")
TABLES: tuple[str, ...] = ()
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "sections": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "contacts_max_age_days": {"type": ["integer", "null"], "minimum": 0, "default": 365},
    },
}
CONTACT_SECTION = "contact_list"


def required_sections(ctx: AuditContext, params: YamlMapping) -> list[str]:
    if params.get("sections"):
        return [str(s) for s in params["sections"]]
    return [k for k, s in ctx.standard.plan_sections.items() if s.required]


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    plans = plans_of(ctx.center)
    if not plans:
        return not_applicable(t("没有应急预案", "no emergency plans"))
    p = spec.params
    needed = [s for s in required_sections(ctx, p) if s != CONTACT_SECTION]
    max_age = p["contacts_max_age_days"]
    oldest = None if max_age is None else ctx.period_end - dt.timedelta(days=int(max_age))
    findings: list[Finding] = []
    defects = 0
    for plan in plans:
        where = EvidenceCollector()
        where.add_evidence(plan_evidence(ctx.center, plan))
        title = plan_title(plan)
        missing = [s for s in needed if s not in section_ids(plan)]
        if missing:
            names = [catalogue_name(ctx, "plan_sections", s) for s in missing]
            findings.append(spec.finding(t(
                f"预案《{title}》缺少章节：{join(names)}", f"plan '{title}' lacks sections: {', '.join(missing)}"),
                evidence=where))
        stale = _contacts_problem(plan, title, oldest)
        if stale is not None:
            findings.append(spec.finding(stale, evidence=where))
        defects += bool(missing or stale)
    n = len(plans)
    return measurement(n, defects, findings=findings, rate=rate_of(n - defects, n))


def _contacts_problem(plan: Any, title: str, oldest: dt.date | None) -> Text | None:
    if oldest is None:
        return None
    has, updated = contacts_updated(plan)
    if not has:
        return t(f"预案《{title}》没有应急通讯录", f"plan '{title}' has no emergency contact list")
    if updated is None:
        return t(f"预案《{title}》的应急通讯录未注明更新日期", f"the contact list of plan '{title}' is undated")
    if updated < oldest:
        return t(f"预案《{title}》的应急通讯录更新于 {updated}，已超过有效期",
                 f"the contact list of plan '{title}' was last updated {updated}, too long ago")
    return None
