"""Composite scores, weights, the 优秀 cap with its tie-break, and last-year deltas."""

from __future__ import annotations

import pytest

from cscaudit.errors import ConfigError
from cscaudit.scoring.district.composite import compose
from cscaudit.scoring.district.ranking import Previous, grade_counts, rank_centers
from cscaudit.scoring.district.settings import (
    AssessSettings,
    Weights,
    cap_from,
    settings_from,
    weights_from,
)
from tests.assess.conftest import make_audit

DEFAULT = AssessSettings()


def test_default_weights_are_60_40() -> None:
    comp = compose(90.0, 80.0, None, DEFAULT, veto=False)
    assert comp.value == 86.0  # 0.6 * 90 + 0.4 * 80
    assert comp.grade == "良好"
    assert comp.missing == ()


def test_jiaxing_split_30_10_60_is_expressible() -> None:
    settings = settings_from({"composite": {"street": 0.3, "peer": 0.1, "resident": 0.6},
                              "id": "x", "version": "1"})
    comp = compose(80.0, 95.0, 70.0, settings, veto=False)
    assert comp.value == pytest.approx(0.3 * 80 + 0.1 * 70 + 0.6 * 95)
    assert comp.weights_used == Weights(street=0.3, resident=0.6, peer=0.1)


def test_missing_peer_part_scales_the_other_weights_and_is_named() -> None:
    settings = AssessSettings(weights=Weights(street=0.3, resident=0.6, peer=0.1))
    comp = compose(80.0, 95.0, None, settings, veto=False)
    assert comp.missing == ("peer",)
    assert comp.weights_used.street == pytest.approx(1 / 3)
    assert comp.weights_used.resident == pytest.approx(2 / 3)
    assert comp.value == pytest.approx(round(80 / 3 + 95 * 2 / 3, 2))


def test_veto_gives_the_lowest_grade_whatever_the_score() -> None:
    comp = compose(99.0, 99.0, None, DEFAULT, veto=True)
    assert comp.value == 99.0
    assert comp.grade == "不合格"


def test_plural_part_names_are_accepted() -> None:
    assert weights_from({"street": 0.3, "peers": 0.1, "residents": 0.6}) == \
        Weights(street=0.3, resident=0.6, peer=0.1)


@pytest.mark.parametrize("raw", [{"street": 0.5, "resident": 0.4},
                                 {"street": -0.2, "resident": 1.2},
                                 {"street": 0.5, "experts": 0.5}])
def test_unusable_weights_are_a_config_error(raw: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        weights_from(raw)


def test_cap_accepts_share_percentage_or_mapping() -> None:
    assert cap_from(0.2) == 0.2
    assert cap_from(15) == 0.15
    assert cap_from({"share": 0.2}) == 0.2
    with pytest.raises(ConfigError):
        cap_from(0)


def test_ranking_tie_break_composite_then_resident_then_street_then_id() -> None:
    # B and C tie on composite 90.0; C has the higher resident part. D and E tie on
    # everything but the id.
    outcomes = (
        make_audit("A", 100.0, 1.0, order=0),
        make_audit("B", 90.0, 0.90, order=1),     # 0.6*90 + 0.4*90 = 90
        make_audit("C", 85.0, 0.975, order=2),    # 0.6*85 + 0.4*97.5 = 90
        make_audit("E", 80.0, 0.80, order=3),
        make_audit("D", 80.0, 0.80, order=4),
    )
    ranking = rank_centers(outcomes, DEFAULT)
    assert [r.center_id for r in ranking.ranked] == ["A", "C", "B", "D", "E"]
    assert [r.rank for r in ranking.ranked] == [1, 2, 3, 4, 5]


def test_a_vetoed_center_ranks_after_every_other_whatever_its_score() -> None:
    outcomes = (
        make_audit("FAKED", 99.0, 0.99, veto=True),
        make_audit("WEAK", 55.0, 0.60),
        make_audit("GOOD", 88.0, 0.90),
        make_audit("ALSO-FAKED", 70.0, 0.70, veto=True),
    )
    ranking = rank_centers(outcomes, DEFAULT)
    assert [r.center_id for r in ranking.ranked] == ["GOOD", "WEAK", "FAKED", "ALSO-FAKED"]
    assert [r.grade for r in ranking.ranked][2:] == [DEFAULT.lowest.name] * 2
    assert "一票否决" in ranking.rule.zh


def test_excellent_cap_keeps_the_first_in_order_and_marks_the_rest() -> None:
    outcomes = tuple(make_audit(f"C{i}", 95.0 - i, 0.95, order=i) for i in range(5))
    # all five reach 优秀 (≥ 90); a 20 % cap of 5 allows 1, a 50 % cap floor(2.5) = 2
    settings = AssessSettings(excellent_cap=0.5)
    ranking = rank_centers(outcomes, settings)
    assert ranking.excellent_allowed == 2
    assert [r.grade for r in ranking.ranked] == ["优秀", "优秀", "良好", "良好", "良好"]
    assert [r.capped for r in ranking.ranked] == [False, False, True, True, True]
    assert [r.composite.grade for r in ranking.ranked] == ["优秀"] * 5
    assert "50%" in ranking.rule("zh") and "2" in ranking.rule("en")
    assert dict(grade_counts(ranking)) == {"优秀": 2, "良好": 3, "合格": 0, "基本合格": 0,
                                           "不合格": 0}


def test_cap_tie_on_composite_goes_to_higher_resident_part() -> None:
    outcomes = (make_audit("X", 95.0, 0.90, order=0),   # 93.0, resident 90
                make_audit("Y", 92.0, 0.945, order=1))  # 93.0, resident 94.5
    ranking = rank_centers(outcomes, AssessSettings(excellent_cap=0.5))
    assert [(r.center_id, r.grade) for r in ranking.ranked] == [("Y", "优秀"), ("X", "良好")]


def test_without_cap_everyone_keeps_the_grade() -> None:
    outcomes = tuple(make_audit(f"C{i}", 95.0, 0.95, order=i) for i in range(3))
    ranking = rank_centers(outcomes, DEFAULT)
    assert ranking.excellent_allowed is None
    assert all(r.grade == "优秀" and not r.capped for r in ranking.ranked)


def test_previous_gives_delta_and_places_gained() -> None:
    outcomes = (make_audit("A", 90.0, 0.9, order=0), make_audit("B", 80.0, 0.8, order=1),
                make_audit("NEW", 70.0, 0.7, order=2))
    previous = {"A": Previous(rank=2, composite=85.5, grade="良好"),
                "B": Previous(rank=1, composite=91.0, grade="优秀")}
    ranking = rank_centers(outcomes, DEFAULT, previous=previous)
    a, b, new = ranking.ranked
    assert (a.delta, a.rank_change) == (4.5, 1)
    assert (b.delta, b.rank_change) == (-11.0, -1)
    assert (new.delta, new.rank_change, new.previous) == (None, None, None)


def test_failures_are_not_ranked(outcomes: tuple[object, ...]) -> None:
    ranking = rank_centers(outcomes, DEFAULT)  # type: ignore[arg-type]
    assert [r.center_id for r in ranking.ranked] == ["C01", "C02", "C03"]
    assert [f.entry.rel for f in ranking.failed] == ["west/C04"]
    c03 = ranking.ranked[2]
    assert c03.composite.missing == ("resident",)
    assert c03.composite.value == 70.0  # street part alone, its weight scaled to 1
