"""The social-worker table (社工考核): every worker of every audited center, ranked.

Order (stated on the sheet): higher visit completion (visits done / required, capped at 100 %),
then higher content completeness, then higher on-time rate, then fewer 差评 (bad ratings), then more issues
closed, then center id and worker name. A rate that could not be measured sorts last.
"""

from __future__ import annotations

from dataclasses import dataclass

from cscaudit.i18n import t
from cscaudit.results.model import WorkerCard
from cscaudit.scoring.district.model import CenterAudit

WORKER_RULE = t("排序：走访完成率（已走访/应走访，最高100%）高者在前；再按走访内容完整率、按时办结率（高者在前）、"
                "差评率（差评÷办件，低者在前）、已办结问题数（多者在前）、中心编号、姓名。"
                "没有包片联系户的工作人员（窗口、站长等）不参与排名，列在最后。",
                "Order: higher visit completion (done / required, at most 100%) first; then "
                "content completeness and on-time rate (higher first), bad rating rate (bad "
                "ratings / cases, lower first), issues closed (more first), center id, name. "
                "Staff without block households (window, head ...) are not ranked: listed last.")


@dataclass(frozen=True)
class WorkerRow:
    rank: int | None  # None: no block households, not ranked on visits
    center_id: str
    center_name: str
    street: str
    card: WorkerCard

    @property
    def visit_completion(self) -> float | None:
        return _completion(self.card)

    @property
    def bad_rating_rate(self) -> float | None:
        return self.card.bad_ratings / self.card.cases if self.card.cases else None


def _completion(card: WorkerCard) -> float | None:
    if card.required_visits <= 0:
        return None
    return min(1.0, card.visits_done / card.required_visits)


def _desc(value: float | None) -> float:
    return 1.0 if value is None else -value  # unmeasured after every measured rate


def worker_rows(audits: list[CenterAudit]) -> tuple[WorkerRow, ...]:
    items = [(a, card) for a in audits for card in a.result.workers]
    items.sort(key=lambda ac: (
        ac[1].households == 0, _desc(_completion(ac[1])), _desc(ac[1].content_complete_rate),
        _desc(ac[1].on_time_rate),
        ac[1].bad_ratings / ac[1].cases if ac[1].cases else 0.0, -ac[1].issues_closed,
        ac[0].center_id, ac[1].worker))
    return tuple(WorkerRow(rank=i if c.households > 0 else None, center_id=a.center_id,
                           center_name=a.result.center.get("name", ""), street=a.street, card=c)
                 for i, (a, c) in enumerate(items, start=1))
