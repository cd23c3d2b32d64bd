"""社工考核 is fair: staff without block households are not ranked on visits, and 差评 is a
rate of the cases a worker handled."""

from __future__ import annotations

from cscaudit.report.district.worker_table import worker_rows

from .conftest import card, make_audit


def test_staff_without_households_are_listed_apart_unranked() -> None:
    workers = (card("窗口甲", 0, 0, 0, cases=80, bad_ratings=4, role="window"),
               card("包片乙", 30, 120, 60), card("包片丙", 20, 80, 80))
    rows = worker_rows([make_audit("C01", 80, 0.9, workers=workers)])
    assert [(r.card.worker, r.rank) for r in rows] == [("包片丙", 1), ("包片乙", 2),
                                                       ("窗口甲", None)]
    assert rows[2].bad_rating_rate == 0.05 and rows[0].bad_rating_rate == 0.0


def test_bad_ratings_compare_as_rates() -> None:
    busy = card("多办", 10, 40, 40, cases=100, bad_ratings=3)  # 3%
    idle = card("少办", 10, 40, 40, cases=10, bad_ratings=2)  # 20%
    rows = worker_rows([make_audit("C01", 80, 0.9, workers=(idle, busy))])
    assert [r.card.worker for r in rows] == ["多办", "少办"]
