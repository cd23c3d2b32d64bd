"""Turn measurements into points, and indicator results into the center's score. Pure functions.

`score_indicator(spec, measurement)` applies the indicator's scoring method:
- `deduct {per_defect}`: points minus per_defect for each defect, floor 0;
- `ratio {full_at, zero_at}`: full points at a rate of full_at or better, none at zero_at or
  worse, linear between (full_at may be below zero_at when lower is better);
- `tiers {tiers: [{min, lose}]}`: the first step (highest min first) the rate reaches gives
  the points lost; below every step, all points are lost;
- `binary`: all points without a defect, none with one;
- `bonus {per_unit, cap}`: per_unit for each qualifying unit (checked minus defects), at most
  cap, outside the maximum;
- `veto {threshold}`: a veto item (一票否决, no points either way). Its defects are 疑点 to
  verify: threshold or more make the veto *pending* (the grade is computed without it and
  marked pending); it *applies* (lowest grade) only when the measure states grounds
  (`Measurement.veto_grounds`: confirmed on site, or signals widespread); 疑点 verified on
  site and not confirmed (`Measurement.veto_cleared`) pass, with that reason, and the
  center's veto is none with that reason beside it.
When the measure gives no rate, ratio and tiers use the share without defect.

Outcomes: a profile's deselection and a measurement with nothing to measure are
`not_applicable`; an on-site item nobody judged is `not_reviewed`; unreadable inputs are
`error`. `total(results, resolved, waivers)` leaves not_applicable and not_reviewed out of the
denominator (an `error` stays in it with no points: unreadable data earn nothing), scales to
`max_points`, adds bonus points, applies a veto in force (lowest grade whatever the score) and grades; a
pending veto leaves the grade as scored and is stated beside it (`Score.veto_reason`).
An indicator under a waiver in force counts as full marks; the score and grade without waivers
are always reported beside them.

Which waivers cover an indicator (`_waived`): a waiver whose target is the indicator's id, or
a requirement id the indicator checks. A veto indicator (一票否决) is the exception: only a
waiver naming the veto indicator by its own id lifts it (and then it does not veto). A waiver
of a requirement that a veto indicator also checks waives the scored indicators that check it
and leaves the veto in force, so exempting a requirement never silently lifts a veto.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from cscaudit.checklist.resolved import ResolvedChecklist
from cscaudit.i18n import Text, t
from cscaudit.measures.base import IndicatorSpec
from cscaudit.results.model import (
    AreaScore,
    IndicatorResult,
    Measurement,
    Outcome,
    Score,
    VetoState,
    WaiverUse,
)

_EXCLUDED = (Outcome.NOT_APPLICABLE, Outcome.NOT_REVIEWED)


def _r(x: float) -> float:
    return round(x + 0.0, 2)


def _pct(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def _rate(m: Measurement) -> float | None:
    if m.rate is not None:
        return m.rate
    return (m.checked - m.defects) / m.checked if m.checked > 0 else None


def _outcome(points: float, lost: float) -> Outcome:
    if lost <= 0:
        return Outcome.PASS
    return Outcome.FAIL if lost >= points else Outcome.PARTIAL


def _result(spec: IndicatorSpec, m: Measurement, outcome: Outcome, reason: Text,
            points: float, lost: float, *, score: float | None = None,
            veto_state: VetoState = VetoState.NONE, veto_cleared: bool = False) -> IndicatorResult:
    return IndicatorResult(
        id=spec.id, area=spec.area, title=spec.title, requirements=spec.requirements,
        method=spec.method, points=_r(points), lost=_r(lost),
        score=_r(points - lost if score is None else score),
        outcome=outcome, measured=m.measured, reason=reason,
        evidence_count=sum(f.evidence_total for f in m.findings), rate=m.rate,
        veto_state=veto_state,
        suspicions=m.defects if veto_state is not VetoState.NONE else 0,
        veto_cleared=veto_cleared,
    )


def pending_reason(suspicions: int) -> Text:
    """The one line a pending veto reads: 疑点 N 项，待核实；核实属实的按一票否决处理."""
    return t(f"疑点 {suspicions} 项，待核实；核实属实的按一票否决处理",
             f"{suspicions} suspicions to verify; the veto applies to those confirmed")


def _veto(spec: IndicatorSpec, m: Measurement) -> IndicatorResult:
    """A veto item: applied on the measure's grounds, pending on 疑点 alone."""
    if m.veto_grounds is not None:
        return _result(spec, m, Outcome.FAIL, m.veto_grounds, 0.0, 0.0,
                       veto_state=VetoState.APPLIED)
    if m.defects >= int(spec.scoring["threshold"]) and m.veto_cleared is not None:
        return _result(spec, m, Outcome.PASS, m.veto_cleared, 0.0, 0.0, veto_cleared=True)
    if m.defects >= int(spec.scoring["threshold"]):
        return _result(spec, m, Outcome.NOT_REVIEWED, pending_reason(m.defects), 0.0, 0.0,
                       veto_state=VetoState.PENDING)
    return _result(spec, m, Outcome.PASS, t("未发现疑点", "nothing suspicious found"), 0.0, 0.0)


def _graded(spec: IndicatorSpec, m: Measurement) -> IndicatorResult:
    s, points, method = spec.scoring, spec.points, spec.method
    if method in ("deduct", "binary"):
        if method == "deduct":
            per = float(s["per_defect"])
            lost = min(points, per * m.defects)
            why = t(f"缺陷 {m.defects} 项，每项扣 {per:g} 分", f"{m.defects} defects × {per:g}")
        else:
            lost = points if m.defects else 0.0
            why = t("全部符合" if not m.defects else f"缺陷 {m.defects} 项，不得分",
                    "all met" if not m.defects else f"{m.defects} defects: no points")
        return _result(spec, m, _outcome(points, lost), why, points, lost)
    rate = _rate(m)
    if rate is None:
        return _result(spec, m, Outcome.NOT_APPLICABLE,
                       m.reason or t("没有可计算比率的记录", "nothing to compute a rate from"),
                       points, 0.0, score=0.0)
    if method == "ratio":
        full, zero = float(s["full_at"]), float(s["zero_at"])
        share = min(1.0, max(0.0, (rate - zero) / (full - zero)))
        lost = _r(points - points * share)
        why = t(f"比率 {_pct(rate)}（{_pct(full)} 满分，{_pct(zero)} 零分）",
                f"rate {_pct(rate)} (full marks at {_pct(full)}, none at {_pct(zero)})")
        return _result(spec, m, _outcome(points, lost), why, points, lost)
    tiers = sorted(s["tiers"], key=lambda tier: -float(tier["min"]))
    step = next((tier for tier in tiers if rate >= float(tier["min"])), None)
    lost = points if step is None else min(points, float(step["lose"]))
    floor = _pct(float(step["min"])) if step else "—"
    why = t(f"比率 {_pct(rate)}，达到 ≥{floor} 档，扣 {lost:g} 分",
            f"rate {_pct(rate)}, step ≥{floor}: {lost:g} lost")
    return _result(spec, m, _outcome(points, lost), why, points, lost)


def score_indicator(spec: IndicatorSpec, m: Measurement) -> IndicatorResult:
    """The result of one indicator from what its measure observed."""
    points = 0.0 if spec.method == "veto" else spec.points
    if spec.deselected is not None:
        return _result(spec, m, Outcome.NOT_APPLICABLE, spec.deselected, points, 0.0, score=0.0)
    if m.error:
        return _result(spec, m, Outcome.ERROR, m.reason or t("输入无法读取", "inputs unreadable"),
                       points, points)
    if m.needs_review:
        return _result(spec, m, Outcome.NOT_REVIEWED,
                       m.reason or t("需现场核查", "needs an on-site check"), points, 0.0, score=0.0)
    if not m.applicable:
        return _result(spec, m, Outcome.NOT_APPLICABLE,
                       m.reason or t("没有需要检查的对象", "nothing to check"), points, 0.0,
                       score=0.0)
    if spec.method == "veto":
        return _veto(spec, m)
    if spec.method == "bonus":
        per, cap = float(spec.scoring["per_unit"]), float(spec.scoring["cap"])
        units = max(0, m.checked - m.defects)
        earned = min(cap, per * units)
        why = t(f"加分事项 {units} 项，每项 {per:g} 分，上限 {cap:g}",
                f"{units} bonus items × {per:g}, capped at {cap:g}")
        outcome = Outcome.PASS if earned > 0 else Outcome.NOT_APPLICABLE
        return _result(spec, m, outcome, why, cap, cap - earned, score=earned)
    return _graded(spec, m)


def _waived(result: IndicatorResult, uses: Sequence[WaiverUse]) -> WaiverUse | None:
    """The waiver in force covering `result`: by its id, or (not for a veto) a requirement."""
    def covers(use: WaiverUse) -> bool:
        if use.target == result.id:
            return True
        return result.method != "veto" and use.target in result.requirements

    return next((u for u in uses if u.applied and covers(u)), None)


def mark_waived(results: Iterable[IndicatorResult],
                uses: Iterable[WaiverUse]) -> tuple[IndicatorResult, ...]:
    """The results with `waived_by` set where a waiver in force covers the indicator."""
    applied = [u for u in uses if u.applied]
    out = []
    for result in results:
        use = _waived(result, applied)
        out.append(replace(result, waived_by=use.id) if use else result)
    return tuple(out)


@dataclass(frozen=True)
class _Sum:
    total: float
    raw: float
    denominator: float
    bonus: float
    veto: VetoState
    veto_reason: Text | None
    areas: tuple[AreaScore, ...]


def _sum(results: Sequence[IndicatorResult], resolved: ResolvedChecklist,
         uses: Sequence[WaiverUse]) -> _Sum:
    raw = denominator = bonus = 0.0
    applied: list[IndicatorResult] = []
    pending: list[IndicatorResult] = []
    cleared: list[IndicatorResult] = []
    by_area: dict[str, list[float]] = {a.id: [0.0, 0.0] for a in resolved.areas}
    for r in results:
        waived = _waived(r, uses) is not None
        if r.method == "bonus":
            bonus += r.score
            continue
        if r.method == "veto":
            if not waived and r.veto_state is VetoState.APPLIED:
                applied.append(r)
            elif not waived and r.veto_state is VetoState.PENDING:
                pending.append(r)
            elif not waived and r.veto_cleared:
                cleared.append(r)
            continue
        if r.outcome in _EXCLUDED:
            continue
        score = r.points if waived else r.score
        raw += score
        denominator += r.points
        area = by_area.setdefault(r.area, [0.0, 0.0])
        area[0] += r.points
        area[1] += score
    scaled = raw / denominator * resolved.max_points if denominator > 0 else 0.0
    titles = {a.id: a.title for a in resolved.areas}
    areas = tuple(AreaScore(aid, titles.get(aid, Text(aid, aid)), _r(p), _r(s))
                  for aid, (p, s) in by_area.items())
    state, reason = _veto_state(applied, pending, cleared)
    return _Sum(_r(scaled + bonus), _r(raw), _r(denominator), _r(bonus), state, reason, areas)


def _veto_state(applied: Sequence[IndicatorResult], pending: Sequence[IndicatorResult],
                cleared: Sequence[IndicatorResult] = ()) -> tuple[VetoState, Text | None]:
    """The center's veto state and its one-line reason, from its veto items (none, with the
    reason, when 疑点 were verified on site and not confirmed)."""
    if applied:
        return VetoState.APPLIED, _reasons(applied)
    if pending:
        return VetoState.PENDING, pending_reason(sum(r.suspicions for r in pending))
    return VetoState.NONE, _reasons(cleared) if cleared else None


def _reasons(results: Sequence[IndicatorResult]) -> Text:
    why = [t(f"{r.id} {r.title.zh}：", f"{r.id} {r.title.en}: ") + r.reason for r in results]
    return Text("；".join(w.zh for w in why), "; ".join(w.en for w in why))


def total(results: Sequence[IndicatorResult], resolved: ResolvedChecklist,
          waivers: Iterable[WaiverUse] = ()) -> Score:
    """The center's score, with and without the waivers in force."""
    uses = [u for u in waivers if u.applied]
    with_w = _sum(results, resolved, uses)
    without = _sum(results, resolved, ()) if uses else with_w
    return Score(
        total=with_w.total, max=resolved.max_points, raw=with_w.raw,
        denominator=with_w.denominator, bonus=with_w.bonus,
        grade=resolved.grade(with_w.total, veto=with_w.veto is VetoState.APPLIED).name,
        total_without_waivers=without.total,
        grade_without_waivers=resolved.grade(
            without.total, veto=without.veto is VetoState.APPLIED).name,
        areas=with_w.areas, veto_state=with_w.veto, veto_reason=with_w.veto_reason,
    )
