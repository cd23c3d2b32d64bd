"""整改复核: an earlier result of the same center compared with this audit.

Every earlier finding is matched to now by its indicator, its social worker and the keys of
its evidence rows (case id, household, ...): rows still failing are left, so it is 已整改
(none left), 部分整改 (some left, counted) or 未整改 (all left). A finding without row keys
(a configuration finding) is judged by its row count. Rows failing now that no earlier
finding named are 新发现. Only the indicators both results have are compared; a different
checklist version or profile is said in `notes`. Area and total deltas come with it; an
earlier period other than this one makes it a year-on-year comparison.

Keys are compared as both outputs show them: `scrub` (the JSON's masking) is applied to this
audit's keys and workers, so a masked earlier key matches the same row now.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from cscaudit.errors import InputError
from cscaudit.i18n import Text, t
from cscaudit.results.model import AuditResult, Finding
from cscaudit.scoring.earlier_result import EarlierFinding, EarlierResult
from cscaudit.scoring.recheck_keys import key_of, row_id

STATES: dict[str, Text] = {
    "fixed": t("已整改", "fixed"), "partly_fixed": t("部分整改", "partly fixed"),
    "not_fixed": t("未整改", "not fixed"), "new": t("新发现", "new"),
}


@dataclass(frozen=True)
class RecheckItem:
    indicator: str
    area: str
    worker: str | None
    message: Text
    state: str  # a key of STATES
    before: int  # rows at the earlier audit (0: new)
    left: int  # rows failing now (for `new`: the new rows)


@dataclass(frozen=True)
class AreaDelta:
    area: str
    title: Text
    before: float | None
    now: float


@dataclass(frozen=True)
class Recheck:
    file: str
    period: str
    checklist: str
    profile: str | None
    total: float
    grade: str
    total_now: float
    year_on_year: bool
    compared: int  # indicators both results have
    areas: tuple[AreaDelta, ...]
    items: tuple[RecheckItem, ...]
    notes: tuple[Text, ...]

    @property
    def total_delta(self) -> float:
        return round(self.total_now - self.total, 2)

    def count(self, state: str) -> int:
        return sum(1 for item in self.items if item.state == state)


def _rows(finding: Finding) -> int:
    """Rows behind a finding; a finding without rows (a count below a minimum) is one."""
    return max(finding.evidence_total, len(finding.evidence), 1)


def _left(earlier: EarlierFinding, current: list[Finding], keys_now: Counter[str]) -> int:
    if not current:
        return 0
    if not earlier.keys:
        return min(earlier.total, sum(_rows(f) for f in current))
    matched = sum((Counter(earlier.keys) & keys_now).values())
    if len(earlier.keys) < earlier.total:  # the earlier list was capped: scale what matched
        matched = round(matched * earlier.total / len(earlier.keys))
    return min(matched, earlier.total)


def _state(before: int, left: int) -> str:
    return "fixed" if left == 0 else "not_fixed" if left >= before else "partly_fixed"


def _notes(earlier: EarlierResult, result: AuditResult, shared: frozenset[str]) -> list[Text]:
    notes: list[Text] = []
    if earlier.checklist != result.checklist:
        notes.append(t(f"上次所用清单为 {earlier.checklist}，本次为 {result.checklist}：只比较两次都有的 "
                       f"{len(shared)} 项指标", f"the earlier result used {earlier.checklist}, this one "
                       f"{result.checklist}: only the {len(shared)} indicators both have are compared"))
    if earlier.profile != result.profile:
        notes.append(t(f"上次地方配置为 {earlier.profile or '无'}，本次为 {result.profile or '无'}：分值可能不可比",
                       f"the earlier profile was {earlier.profile or 'none'}, this one "
                       f"{result.profile or 'none'}: scores may not compare"))
    if earlier.provisional:
        notes.append(t("上次结果为暂定分（当时数据不完整）", "the earlier total was provisional (incomplete data)"))
    return notes


def recheck(earlier: EarlierResult, result: AuditResult,
            scrub: Callable[[str], str] = str) -> Recheck:
    """Compare `earlier` with `result`; an earlier result of another center is an InputError."""
    center = result.center.get("id")
    if earlier.center_id != center:
        raise InputError(t(f"--previous 是另一个中心（{earlier.center_id}）的结果，本次审核的是 {center}：请给出同一中心的结果",
                           f"--previous is a result of another center ({earlier.center_id}), not "
                           f"of {center}: give an earlier result of this center"), file=earlier.file)
    shared = earlier.indicators & {i.id for i in result.indicators}
    now: dict[tuple[str, str | None], list[Finding]] = {}
    for finding in result.findings:
        if finding.indicator in shared:
            worker = scrub(finding.worker) if finding.worker else None
            now.setdefault((finding.indicator, worker), []).append(finding)
    keys_now = {group: Counter(row_id(scrub(e.key), e.date) for f in found for e in f.evidence
                               if e.key)
                for group, found in now.items()}
    items: list[RecheckItem] = []
    keys_before: dict[tuple[str, str | None], set[str]] = {}
    for ef in earlier.findings:
        if ef.indicator not in shared:
            continue
        group = (ef.indicator, ef.worker)
        keys_before.setdefault(group, set()).update(key_of(k) for k in ef.keys)
        left = _left(ef, now.get(group, []), keys_now.get(group, Counter()))
        items.append(RecheckItem(ef.indicator, ef.area, ef.worker, Text(ef.message, ef.message),
                                 _state(ef.total, left), ef.total, left))
    for group, found in now.items():
        before = keys_before.get(group)
        fresh = (sum(_rows(f) for f in found) if before is None
                 else len({key_of(k) for k in keys_now[group]} - before) if before else 0)
        if fresh:
            items.append(RecheckItem(group[0], found[0].area, group[1], found[0].message, "new",
                                     0, fresh))
    before_areas = {a.area: a.score for a in earlier.areas}
    areas = tuple(AreaDelta(a.area, a.title, before_areas.get(a.area), a.score)
                  for a in result.score.areas)
    return Recheck(
        file=earlier.file, period=earlier.period, checklist=earlier.checklist,
        profile=earlier.profile, total=earlier.total, grade=earlier.grade,
        total_now=result.score.total, year_on_year=earlier.period != result.period,
        compared=len(shared), areas=areas, items=tuple(items),
        notes=tuple(_notes(earlier, result, shared)))
