"""Rank the centers, apply the cap on 优秀, and compare with last year.

Order (also the tie-break, stated in the workbook): centers with a veto (一票否决) after all
others whatever their score; then higher composite, higher resident part, higher street part,
center id (A→Z). Every center gets its own rank.
With a cap (share c of the N ranked centers), at most floor(c × N) centers keep the top grade:
those first in this order; the others that reached it get the next grade and are marked.
Centers that could not be audited are not ranked; they follow, with their reason. Centers
whose inputs are incomplete (no grade: 待补正, see `cscaudit.measures.completeness`) are not ranked
either: they are listed apart, with their causes, and do not count toward the cap.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cscaudit.i18n import Text, t
from cscaudit.scoring.district.composite import (
    Composite,
    compose,
    resident_part,
    street_part,
    street_part_without,
)
from cscaudit.scoring.district.model import CenterAudit, CenterFailure, CenterOutcome
from cscaudit.scoring.district.settings import AssessSettings

TIE_BREAK = t("排名规则：被一票否决的中心无论得分高低均排在其他中心之后；其余按综合得分高者在前；"
              "相同则居民满意部分高者在前；再相同则街道考核部分高者在前；仍相同按中心编号升序。",
              "Ranking rule: centers with a veto rank after all others, whatever their score; "
              "otherwise higher composite first; on a tie, higher resident part; then higher "
              "street part; then center id in A→Z order.")


@dataclass(frozen=True)
class Previous:
    """A center's figures in last year's run JSON."""

    rank: int | None
    composite: float | None
    grade: str | None


@dataclass(frozen=True)
class RankedCenter:
    rank: int
    audit: CenterAudit
    composite: Composite
    grade: str  # after the cap
    capped: bool  # reached the top grade but fell outside the cap
    previous: Previous | None = None

    @property
    def center_id(self) -> str:
        return self.audit.center_id

    @property
    def delta(self) -> float | None:
        if self.previous is None or self.previous.composite is None:
            return None
        return round(self.composite.value - self.previous.composite, 2)

    @property
    def rank_change(self) -> int | None:
        """Places gained since last year (positive = moved up)."""
        if self.previous is None or self.previous.rank is None:
            return None
        return self.previous.rank - self.rank


@dataclass(frozen=True)
class Ranking:
    ranked: tuple[RankedCenter, ...]
    failed: tuple[CenterFailure, ...]
    settings: AssessSettings
    excellent_allowed: int | None  # None when there is no cap
    pending: tuple[CenterAudit, ...] = ()  # audited, inputs incomplete: 待补正, not ranked

    @property
    def rule(self) -> Text:
        if self.settings.excellent_cap is None:
            return TIE_BREAK
        share = f"{self.settings.excellent_cap * 100:g}%"
        top = self.settings.top.name
        return TIE_BREAK + t(
            f"“{top}”不超过参评中心的 {share}（向下取整，本次至多 {self.excellent_allowed} 个），"
            f"按上述顺序保留，其余降为下一等级。",
            f" At most {share} of ranked centers (rounded down: {self.excellent_allowed} this "
            f"run) may be graded {self.settings.top.name_en}; they are kept in the order above, "
            "the others get the next grade.")


def _sort_key(item: tuple[CenterAudit, Composite]) -> tuple[bool, float, float, float, str]:
    audit, comp = item
    resident = comp.resident if comp.resident is not None else -1.0
    street = comp.street if comp.street is not None else -1.0
    return (comp.veto, -comp.value, -resident, -street, audit.center_id)


def composite_of(audit: CenterAudit, settings: AssessSettings,
                 peers: Mapping[str, float]) -> Composite:
    score = audit.result.score
    resident = resident_part(audit.satisfaction)
    street = street_part(score.total, score.max)
    if resident is not None and audit.survey is not None and settings.weights.resident > 0:
        street = street_part_without(score, audit.survey)  # the survey counts once
    return compose(street, resident, peers.get(audit.center_id), settings, veto=score.veto)


def rank_centers(outcomes: Sequence[CenterOutcome], settings: AssessSettings,
                 peers: Mapping[str, float] | None = None,
                 previous: Mapping[str, Previous] | None = None) -> Ranking:
    """The ranking of the audited centers; failures listed after them in their own order."""
    peers = peers or {}
    previous = previous or {}
    audited = [(o, composite_of(o, settings, peers)) for o in outcomes
               if isinstance(o, CenterAudit) and o.result.completeness.complete]
    pending = tuple(o for o in outcomes
                    if isinstance(o, CenterAudit) and not o.result.completeness.complete)
    audited.sort(key=_sort_key)
    allowed = None
    if settings.excellent_cap is not None:
        allowed = math.floor(settings.excellent_cap * len(audited) + 1e-9)
    second = settings.grades[1].name if len(settings.grades) > 1 else settings.top.name
    ranked: list[RankedCenter] = []
    kept = 0
    for position, (audit, comp) in enumerate(audited, start=1):
        row = RankedCenter(rank=position, audit=audit, composite=comp, grade=comp.grade,
                           capped=False, previous=previous.get(audit.center_id))
        if comp.grade == settings.top.name and allowed is not None:
            if kept < allowed:
                kept += 1
            else:
                row = replace(row, grade=second, capped=True)
        ranked.append(row)
    failed = tuple(o for o in outcomes if isinstance(o, CenterFailure))
    return Ranking(ranked=tuple(ranked), failed=failed, settings=settings,
                   excellent_allowed=allowed, pending=pending)


def grade_counts(ranking: Ranking) -> list[tuple[str, int]]:
    """How many ranked centers got each grade, in band order (all bands, zeros included)."""
    counts = {g.name: 0 for g in ranking.settings.grades}
    for row in ranking.ranked:
        counts[row.grade] = counts.get(row.grade, 0) + 1
    return list(counts.items())
