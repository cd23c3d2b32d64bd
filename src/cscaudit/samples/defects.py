"""The catalogue of defects the generator can plant, and the manifest that lists them.

Each kind names the checklist indicator that should find it (ids of
`checklists/gbt36735-annual.yaml`) and says in both languages what was planted. The manifest
(`defects.json`) lists, per center and kind, the rows: file (relative to the center folder),
sheet, row as the user sees it, and a key (case id, visit id, household id...), so a test
can check that an audit finds exactly what was planted.
"""

from __future__ import annotations

from dataclasses import dataclass

from cscaudit.i18n import Text, t
from cscaudit.samples.exports import PlantedRow
from cscaudit.samples.model import CenterSpec


@dataclass(frozen=True, slots=True)
class DefectKind:
    id: str
    table: str  # where the rows are ("center" for configuration)
    indicator: str  # the indicator of checklists/gbt36735-annual.yaml expected to find it
    description: Text
    integrity: bool = False  # a sign of a made-up ledger (veto material)

    @property
    def check(self) -> str | None:
        """The ledger_integrity check (indicator V1) that looks for this kind."""
        return INTEGRITY_CHECKS.get(self.id)


INTEGRITY_CHECKS = {
    "future_visit": "visit_dates", "visit_before_roster": "visit_dates",
    "worker_overload": "worker_daily_load", "pasted_content": "pasted_content",
    "completed_before_received": "case_dates", "year_end_burst": "year_end_burst",
    "duplicate_row": "duplicate_rows",
}


KINDS: tuple[DefectKind, ...] = (
    DefectKind("late_case", "service_ledger", "C1",
               t("办件超过承诺时限（工作日）办结", "case completed after its promised working days")),
    DefectKind("ledger_missing_field", "service_ledger", "C2",
               t("台账必填项（受理人）为空", "required ledger field (handler) left blank")),
    DefectKind("bad_rating_no_revisit", "service_ledger", "C4",
               t("差评未回访", "bad rating never revisited")),
    DefectKind("completed_before_received", "service_ledger", "V1",
               t("办结日期早于受理日期", "case completed before it was received"), True),
    DefectKind("household_no_worker", "roster", "D1",
               t("住户未落实包片社工", "household without a responsible worker")),
    DefectKind("household_never_visited", "roster", "D2",
               t("全年未走访的住户", "household never visited in the year")),
    DefectKind("household_under_visited", "roster", "D2",
               t("走访频次低于该人群要求", "household visited less often than its group requires")),
    DefectKind("household_missing_content", "roster", "D3",
               t("全年走访均缺少该人群规定事项", "no visit of the year covers the content its group requires")),
    DefectKind("issue_not_closed", "visits", "D4",
               t("走访发现的问题未办结", "issue raised in a visit never closed")),
    DefectKind("future_visit", "visits", "V1",
               t("走访日期在审核期之后", "visit dated after the audit period"), True),
    DefectKind("visit_before_roster", "visits", "V1",
               t("走访早于住户纳入名册", "visit before the household entered the roster"), True),
    DefectKind("pasted_content", "visits", "V1",
               t("多条走访内容完全相同（疑似复制）", "same content pasted across many visits"), True),
    DefectKind("worker_overload", "visits", "V1",
               t("同一社工单日走访户数异常（40户以上）", "one worker with 40+ visits in a day"), True),
    DefectKind("year_end_burst", "visits", "V1",
               t("年末单日集中补录大量记录", "many records on one day at the end of the year"), True),
    DefectKind("duplicate_row", "service_ledger", "V1",
               t("重复记录", "duplicate row"), True),
    DefectKind("activity_missing_summary", "activities", "E1",
               t("重大活动无总结", "activity without a summary")),
    DefectKind("activity_no_safety_plan", "activities", "E1",
               t("重大活动无安全预案", "activity without a safety plan")),
    DefectKind("activity_reported_late", "activities", "E1",
               t("重大活动在举办后才报备", "activity reported after it was held")),
    DefectKind("incident_reported_late", "incidents", "F4",
               t("突发事件超时上报", "incident reported late")),
    DefectKind("incident_not_closed", "incidents", "F4",
               t("突发事件未处置完毕", "incident never closed")),
    DefectKind("no_drill", "drills", "F3",
               t("本年度无应急演练", "no emergency drill in the year")),
    DefectKind("drill_missing_improvements", "drills", "F3",
               t("演练记录缺少改进措施", "drill without recorded improvements")),
    DefectKind("small_survey_sample", "surveys", "G1",
               t("满意度测评样本不足50份", "fewer than 50 survey responses")),
    DefectKind("low_satisfaction", "surveys", "G2",
               t("居民满意度偏低", "low resident satisfaction")),
    DefectKind("complaint_late", "complaints", "G3",
               t("诉求超过时限办结", "complaint resolved after its urgency's limit")),
    DefectKind("post_no_backup", "staff", "A6",
               t("岗位未设AB岗", "post without an AB backup")),
    DefectKind("plan_missing_sections", "center", "F2",
               t("应急预案缺少必备章节", "emergency plan misses required sections")),
    DefectKind("plan_stale_contacts", "center", "F2",
               t("应急联系人名单超过12个月未更新", "plan contact list older than 12 months")),
)
BY_ID: dict[str, DefectKind] = {k.id: k for k in KINDS}


def manifest_entry(spec: CenterSpec, rel: str, planted: list[PlantedRow]) -> dict[str, object]:
    """The manifest of one center: where it is and, per kind, the planted rows."""
    by_kind: dict[str, list[dict[str, object]]] = {}
    for p in planted:
        by_kind.setdefault(p.kind, []).append(
            {"file": p.file, "sheet": p.sheet, "row": p.row, "key": p.key, "table": p.table})
    defects = {
        kind: {"indicator": BY_ID[kind].indicator, "integrity_check": BY_ID[kind].check,
               "count": len(rows), "rows": sorted(rows, key=_order)}
        for kind, rows in sorted(by_kind.items())
    }
    return {"path": rel, "name": spec.name, "street": spec.street,
            "households": spec.households, "defects": defects}


def _order(row: dict[str, object]) -> tuple[str, int]:
    value = row["row"]
    return str(row["file"]), value if isinstance(value, int) else 0
