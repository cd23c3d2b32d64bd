"""Grade bands and composite weights of a checklist: their types and their rules.

Bands are listed highest first; a score gets the first band whose `min` it reaches. The last
band must start at 0 so that every score has a grade; it is also the grade a veto imposes.
Composite weights (street office, peers, residents ...) must add up to 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from cscaudit.config.yamlio.model import YamlMapping
from cscaudit.i18n import Text, t

WEIGHT_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Grade:
    name: str  # Chinese name, e.g. 优秀
    name_en: str
    min: float


def grades_from(data: Sequence[YamlMapping]) -> tuple[Grade, ...]:
    return tuple(Grade(str(g["name"]), str(g.get("name_en", g["name"])), float(g["min"]))
                 for g in data)


def grade_problem(grades: Sequence[Grade]) -> tuple[int, Text] | None:
    """The index and description of the first thing wrong with a band list, if any."""
    for i, (higher, lower) in enumerate(pairwise(grades)):
        if lower.min >= higher.min:
            return i + 1, t(
                f"等级应按最低分从高到低排列：“{lower.name}”({lower.min:g}) 不低于"
                f"“{higher.name}”({higher.min:g})",
                f"grades must be listed highest first: '{lower.name_en}' ({lower.min:g}) is "
                f"not below '{higher.name_en}' ({higher.min:g})")
    names = [g.name for g in grades]
    for i, name in enumerate(names):
        if names.index(name) != i:
            return i, t(f"等级名称“{name}”重复", f"grade name '{name}' is used twice")
    if grades and grades[-1].min != 0:
        return len(grades) - 1, t("最后一个等级的最低分应为 0，使任何分数都有等级",
                                  "the last grade must start at 0 so that every score has one")
    return None


def grade_for(score: float, grades: Sequence[Grade], *, veto: bool = False) -> Grade:
    """The band of `score`; the lowest band when a veto was triggered."""
    if veto:
        return grades[-1]
    for grade in grades:
        if score >= grade.min:
            return grade
    return grades[-1]


def composite_problem(weights: Mapping[str, float]) -> Text | None:
    total = sum(weights.values())
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        return t(f"综合评分权重之和应为 1，现为 {total:g}",
                 f"composite weights must add up to 1, they add up to {total:g}")
    return None
