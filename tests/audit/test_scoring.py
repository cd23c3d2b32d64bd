"""Scoring: every method's golden values and outcomes, and the total with N/A, bonus, veto,
grades, areas and waivers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscaudit.checklist.resolution import resolve
from cscaudit.checklist.resolved import ResolvedChecklist
from cscaudit.i18n import Text
from cscaudit.measures.base import IndicatorSpec
from cscaudit.results.model import Measurement, Outcome, VetoState, WaiverUse
from cscaudit.scoring.score import mark_waived, score_indicator, total


def spec(method: str, points: float = 10, **scoring: Any) -> IndicatorSpec:
    return IndicatorSpec(id="X1", area="A", title=Text("x", "x"), kind="k", params={},
                         requirements=("N36735.1",), points=points, method=method,
                         scoring={"method": method, **scoring})


def m(checked: int = 10, defects: int = 0, rate: float | None = None, **kw: Any) -> Measurement:
    return Measurement(checked=checked, defects=defects, rate=rate, **kw)


@pytest.mark.parametrize(("defects", "lost", "outcome"), [
    (0, 0, Outcome.PASS), (3, 1.5, Outcome.PARTIAL), (20, 4, Outcome.FAIL), (8, 4, Outcome.FAIL),
])
def test_deduct(defects: int, lost: float, outcome: Outcome) -> None:
    r = score_indicator(spec("deduct", 4, per_defect=0.5), m(defects=defects))
    assert (r.points, r.lost, r.score, r.outcome) == (4, lost, 4 - lost, outcome)
    assert str(defects) in r.reason.en and r.reason.zh != r.reason.en


@pytest.mark.parametrize(("rate", "score", "outcome"), [
    (1.0, 8, Outcome.PASS), (0.95, 8, Outcome.PASS), (0.85, 4, Outcome.PARTIAL),
    (0.80, 2, Outcome.PARTIAL), (0.75, 0, Outcome.FAIL), (0.2, 0, Outcome.FAIL),
])
def test_ratio_is_linear_between_the_thresholds(rate: float, score: float,
                                               outcome: Outcome) -> None:
    r = score_indicator(spec("ratio", 8, full_at=0.95, zero_at=0.75), m(rate=rate))
    assert (r.score, r.lost, r.outcome, r.rate) == (score, 8 - score, outcome, rate)


def test_ratio_lower_is_better() -> None:
    s = spec("ratio", 10, full_at=0.1, zero_at=0.3)
    assert score_indicator(s, m(rate=0.05)).score == 10
    assert score_indicator(s, m(rate=0.2)).score == 5
    assert score_indicator(s, m(rate=0.5)).score == 0


def test_ratio_without_a_rate_uses_the_share_without_defects() -> None:
    r = score_indicator(spec("ratio", 10, full_at=1.0, zero_at=0.5), m(checked=20, defects=3))
    assert r.score == 7.0  # 85 % -> (0.85-0.5)/0.5


def test_ratio_with_nothing_checked_is_not_applicable() -> None:
    r = score_indicator(spec("ratio", 10, full_at=1.0, zero_at=0.5), m(checked=0))
    assert (r.outcome, r.score) == (Outcome.NOT_APPLICABLE, 0)


@pytest.mark.parametrize(("rate", "lost"), [(0.95, 0), (0.9, 0), (0.85, 1), (0.8, 1),
                                            (0.79, 5), (0.1, 5)])
def test_tiers(rate: float, lost: float) -> None:
    tiers = [{"min": 0.8, "lose": 1}, {"min": 0.9, "lose": 0}, {"min": 0, "lose": 5}]
    r = score_indicator(spec("tiers", 5, tiers=tiers), m(rate=rate))
    assert r.lost == lost


def test_tiers_below_every_step_lose_everything() -> None:
    r = score_indicator(spec("tiers", 5, tiers=[{"min": 0.9, "lose": 0}]), m(rate=0.5))
    assert (r.lost, r.outcome) == (5, Outcome.FAIL)


def test_binary() -> None:
    s = spec("binary", 3)
    assert score_indicator(s, m(defects=0)).outcome is Outcome.PASS
    r = score_indicator(s, m(defects=1))
    assert (r.score, r.outcome) == (0, Outcome.FAIL)


def test_bonus_is_capped() -> None:
    s = spec("bonus", 0, per_unit=0.5, cap=2)
    assert score_indicator(s, m(checked=3, defects=0)).score == 1.5
    assert score_indicator(s, m(checked=10, defects=1)).score == 2
    assert score_indicator(s, m(checked=0)).outcome is Outcome.NOT_APPLICABLE


def test_veto_signs_alone_are_pending_grounds_apply_it() -> None:
    s = spec("veto", 0, threshold=2)
    ok = score_indicator(s, m(defects=1))
    pending = score_indicator(s, m(defects=2))
    grounds = Text("现场核查 R2 核实属实", "confirmed on site")
    applied = score_indicator(s, m(defects=0, veto_grounds=grounds))
    assert (ok.outcome, ok.veto_state, ok.veto_triggered) == (Outcome.PASS, VetoState.NONE, False)
    assert (pending.outcome, pending.veto_state, pending.veto_triggered, pending.suspicions) == (
        Outcome.NOT_REVIEWED, VetoState.PENDING, False, 2)
    assert pending.reason.zh == "疑点 2 项，待核实；核实属实的按一票否决处理"
    assert (applied.outcome, applied.veto_state, applied.veto_triggered, applied.points) == (
        Outcome.FAIL, VetoState.APPLIED, True, 0)
    assert applied.reason == grounds


def test_special_outcomes_come_before_the_method() -> None:
    s = spec("deduct", 4, per_defect=1)
    deselected = replace(s, deselected=Text("本地不适用", "not used here"))
    r = score_indicator(deselected, m(defects=9))
    assert (r.outcome, r.reason.en, r.score, r.lost) == (Outcome.NOT_APPLICABLE, "not used here",
                                                         0, 0)
    assert score_indicator(s, m(error=True)).outcome is Outcome.ERROR
    assert score_indicator(s, m(needs_review=True)).outcome is Outcome.NOT_REVIEWED
    na = score_indicator(s, m(applicable=False, reason=Text("无活动", "no activities")))
    assert (na.outcome, na.reason.en) == (Outcome.NOT_APPLICABLE, "no activities")


@given(points=st.integers(0, 20), rate=st.floats(0, 1), full=st.floats(0.5, 1),
       zero=st.floats(0, 0.49))
def test_ratio_score_stays_within_its_points(points: int, rate: float, full: float,
                                             zero: float) -> None:
    r = score_indicator(spec("ratio", points, full_at=full, zero_at=zero), m(rate=rate))
    assert 0 <= r.score <= points and r.score + r.lost == pytest.approx(points)


# ---------------------------------------------------------------- totals

@pytest.fixture
def mini(fake_kinds: object, fixtures: Path) -> ResolvedChecklist:
    return resolve(fixtures / "mini-checklist.yaml")


def _results(resolved: ResolvedChecklist, measurements: dict[str, Measurement]) -> list[Any]:
    return [score_indicator(s, measurements[s.id]) for s in resolved.indicators]


def test_total_scales_after_na_leaves_the_denominator(mini: ResolvedChecklist) -> None:
    results = _results(mini, {
        "A1": m(defects=1),                 # 3 / 4
        "A2": m(applicable=False),          # N/A: leaves the denominator
        "B1": m(rate=0.85),                 # 5 / 10
        "V1": m(defects=0),
    })
    score = total(results, mini)
    assert (score.raw, score.denominator, score.max) == (8, 14, 100)
    assert score.total == round(8 / 14 * 100, 2) == 57.14
    assert (score.grade, score.veto) == ("不合格", False)
    assert [(a.area, a.points, a.score) for a in score.areas] == [
        ("A", 4, 3), ("B", 10, 5), ("V", 0, 0)]
    assert score.total_without_waivers == score.total


def test_veto_sets_the_lowest_grade_whatever_the_score(mini: ResolvedChecklist) -> None:
    grounds = Text("疑点普遍", "widespread signals")
    results = _results(mini, {"A1": m(), "A2": m(), "B1": m(rate=1.0),
                              "V1": m(defects=1, veto_grounds=grounds)})
    score = total(results, mini)
    assert (score.total, score.veto, score.veto_state, score.grade) == (
        100, True, VetoState.APPLIED, "不合格")
    assert score.veto_reason is not None and score.veto_reason.zh.endswith("：疑点普遍")


def test_a_pending_veto_keeps_the_grade_and_says_why(mini: ResolvedChecklist) -> None:
    results = _results(mini, {"A1": m(), "A2": m(), "B1": m(rate=1.0), "V1": m(defects=3)})
    score = total(results, mini)
    assert (score.total, score.veto, score.veto_state, score.grade) == (
        100, False, VetoState.PENDING, "优秀")
    assert score.veto_reason == Text("疑点 3 项，待核实；核实属实的按一票否决处理",
                                     "3 suspicions to verify; the veto applies to those confirmed")


def test_grades_follow_the_bands(mini: ResolvedChecklist) -> None:
    results = _results(mini, {"A1": m(defects=2), "A2": m(), "B1": m(rate=1.0), "V1": m()})
    assert (total(results, mini).total, total(results, mini).grade) == (90, "优秀")
    results = _results(mini, {"A1": m(defects=3), "A2": m(), "B1": m(rate=1.0), "V1": m()})
    assert total(results, mini).grade == "合格"


def test_not_reviewed_leaves_and_error_stays_in_the_denominator(
        mini: ResolvedChecklist) -> None:
    results = _results(mini, {"A1": m(needs_review=True), "A2": m(error=True),
                              "B1": m(rate=1.0), "V1": m()})
    score = total(results, mini)
    assert (score.raw, score.denominator) == (10, 16)


def test_bonus_is_added_outside_the_maximum(fake_kinds: object, fixtures: Path) -> None:
    resolved = resolve(profile=fixtures / "mini-profile.yaml")
    results = _results(resolved, {"A1": m(), "A2": m(), "B1": m(rate=1.0), "V1": m(),
                                  "C1": m(checked=3)})
    score = total(results, resolved)
    assert (score.bonus, score.total, score.denominator) == (1.5, 101.5, 12)
    assert results[1].outcome is Outcome.NOT_APPLICABLE  # A2 deselected by the profile


def _use(target: str, applied: bool = True) -> WaiverUse:
    return WaiverUse(id="W1", target=target, approver="街道办", document="街发〔2024〕1号",
                     expires="2024-12-31", applied=applied)


def test_waived_indicator_counts_full_marks(mini: ResolvedChecklist) -> None:
    results = _results(mini, {"A1": m(), "A2": m(defects=1), "B1": m(rate=1.0), "V1": m()})
    score = total(results, mini, [_use("A2")])
    assert (score.total, score.total_without_waivers) == (100, 70)
    assert (score.grade, score.grade_without_waivers) == ("优秀", "合格")
    by_requirement = total(results, mini, [_use("N36735.4.1.2")])
    assert by_requirement.total == 100
    expired = total(results, mini, [_use("A2", applied=False)])
    assert expired.total == expired.total_without_waivers == 70
    marked = mark_waived(results, [_use("A2")])
    assert [r.waived_by for r in marked] == [None, "W1", None, None]
