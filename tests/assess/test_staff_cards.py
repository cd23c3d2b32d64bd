"""社工考核 lists every social worker on a center's staff list, even one with no records."""

from __future__ import annotations

from pathlib import Path

from cscaudit.engine.audit import AuditOptions, audit_center
from cscaudit.scoring.workers import TABLES

C001 = Path(__file__).resolve().parents[2] / "samples" / "district" / "s01" / "c001"


def test_staff_without_records_get_a_card_with_zero_measures() -> None:
    assert "staff" in TABLES
    cards = {c.worker: c for c in audit_center(C001, AuditOptions()).workers}
    # 社工名册: 徐红涛 (社区主任) and 梁婷德 (综合窗口) have no households, visits or cases
    for name in ("徐红涛", "梁婷德"):
        card = cards[name]
        assert (card.households, card.required_visits, card.visits_done, card.cases,
                card.bad_ratings, card.issues_raised, card.issues_closed) == (0,) * 7
        assert card.content_complete_rate is None and card.on_time_rate is None
    assert cards["谢凤英"].households > 0  # the ones with records keep their measures
    assert len(cards) == 5
