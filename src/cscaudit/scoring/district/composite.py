"""The composite score of one center: street-office part, resident part, optional peer part.

- street part: the checklist score on a 0–100 scale (total / max × 100);
- resident part: survey satisfaction rate × 100 (the checklist's satisfaction indicator);
  the street part then leaves that indicator out (its points leave the denominator), so the
  center's own survey counts once, in the resident part, not also in the street part;
- peer part: a 0–100 score from peer review (`--peer`), when the weights give it a share.

A part with weight > 0 that has no value (no survey, no peer score) is left out and the
remaining weights are scaled up to sum to 1; the row names the missing part, so a reader sees
that its composite rests on fewer parts. A vetoed center (一票否决) gets the lowest grade
whatever its composite.
"""

from __future__ import annotations

from dataclasses import dataclass

from cscaudit.results.model import Score
from cscaudit.scoring.district.model import SurveyIndicator
from cscaudit.scoring.district.settings import PARTS, AssessSettings, Weights, grade_for

DECIMALS = 2


@dataclass(frozen=True)
class Composite:
    street: float | None
    resident: float | None
    peer: float | None
    value: float  # the composite, rounded to DECIMALS
    weights_used: Weights  # after scaling for missing parts
    missing: tuple[str, ...]  # parts with weight > 0 and no value
    grade: str  # from the bands (the lowest when vetoed), before any 优秀 cap
    veto: bool


def _round(value: float | None) -> float | None:
    return None if value is None else round(value + 0.0, DECIMALS)


def scaled_weights(weights: Weights, present: dict[str, float | None]) -> tuple[Weights, tuple[str, ...]]:
    """Weights over the parts that have a value; which weighted parts were missing."""
    missing = tuple(p for p in PARTS if weights.of(p) > 0 and present.get(p) is None)
    kept = {p: weights.of(p) for p in PARTS if weights.of(p) > 0 and present.get(p) is not None}
    total = sum(kept.values())
    if total <= 0:
        return Weights(street=0.0, resident=0.0, peer=0.0), missing
    return Weights(street=kept.get("street", 0.0) / total, resident=kept.get("resident", 0.0) / total,
                   peer=kept.get("peer", 0.0) / total), missing


def compose(street: float | None, resident: float | None, peer: float | None,
            settings: AssessSettings, *, veto: bool) -> Composite:
    """The composite of the given parts under `settings` (weights and grade bands)."""
    parts = {"street": _round(street), "resident": _round(resident), "peer": _round(peer)}
    used, missing = scaled_weights(settings.weights, parts)
    value = sum(used.of(p) * (parts[p] or 0.0) for p in PARTS)
    value = round(value + 0.0, DECIMALS)
    grade = settings.lowest.name if veto else grade_for(value, settings.grades).name
    return Composite(street=parts["street"], resident=parts["resident"], peer=parts["peer"],
                     value=value, weights_used=used, missing=missing, grade=grade, veto=veto)


def street_part(total: float, maximum: float) -> float:
    """The checklist score on a 0–100 scale."""
    return 0.0 if maximum <= 0 else total / maximum * 100.0


def street_part_without(score: Score, survey: SurveyIndicator) -> float:
    """The checklist score on a 0–100 scale with the survey indicator left out: its score
    leaves the raw sum and its points the denominator, as a not-applicable indicator's do."""
    denominator = score.denominator - survey.points
    if score.max <= 0 or denominator <= 0:
        return street_part(score.total, score.max)
    scaled = (score.raw - survey.score) / denominator * score.max
    return (scaled + score.bonus) / score.max * 100.0


def resident_part(satisfaction: float | None) -> float | None:
    return None if satisfaction is None else satisfaction * 100.0
