"""`--fail-on`: when an audit should exit 1.

A severity (`critical`, `major`, `minor`, `info`) fails the run when any finding reaches it;
`veto` fails it when a veto applies (confirmed on site or widespread signals); a pending veto
(疑点 to verify) does not fail it: `veto-pending` fails on a pending or applied veto; a grade name fails it when the center's grade is
that grade or worse. Grade names are those of the checklist in force (a profile may define its
own): the Chinese `name` or the English `name_en` (any case), listed best first, so "worse"
is "later in that list". Without a checklist the default bands are used (优秀 … 不合格; the
short English names excellent, good, pass, basic, fail are also accepted for them).
An unknown value is a usage error that lists the valid ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cscaudit.errors import ConfigError
from cscaudit.i18n import t
from cscaudit.results.grades import Grade
from cscaudit.results.model import SEVERITY_ORDER, AuditResult, Severity, VetoState

GRADES_WORST_LAST = ("优秀", "良好", "合格", "基本合格", "不合格")
GRADE_EN = {"excellent": "优秀", "good": "良好", "pass": "合格", "basic": "基本合格",
            "basic pass": "基本合格", "fail": "不合格"}
VETO_VALUES = ("veto", "veto-pending")
DEFAULT_GRADES = tuple(Grade(zh, next(en for en, z in GRADE_EN.items() if z == zh), 0.0)
                       for zh in GRADES_WORST_LAST)


@dataclass(frozen=True)
class FailOn:
    severity: Severity | None = None
    grade: str | None = None  # the Chinese name of the grade
    veto: bool = False
    veto_pending: bool = False  # `veto-pending`: a pending veto fails too
    order: tuple[str, ...] = GRADES_WORST_LAST  # the grades in force, best first

    def reached(self, result: AuditResult) -> bool:
        if self.veto_pending:
            return result.score.veto_state is not VetoState.NONE
        if self.veto:
            return result.score.veto_state is VetoState.APPLIED
        if self.severity is not None:
            floor = SEVERITY_ORDER[self.severity]
            return any(SEVERITY_ORDER[f.severity] >= floor for f in result.findings)
        return self.grade_reached(result.score.grade)

    def grade_reached(self, grade: str) -> bool:
        """Whether `grade` is the threshold grade or worse, in the order of the grades in
        force (False without a grade threshold, or for a grade not in that order)."""
        if self.grade is None or grade not in self.order:
            return False
        return self.order.index(grade) >= self.order.index(self.grade)


def is_grade(value: str) -> bool:
    """Whether `value` asks for a grade (neither `veto` nor a severity)."""
    v = value.strip().lower()
    return v not in VETO_VALUES and v not in {s.value for s in Severity}


def _grade_named(value: str, grades: Sequence[Grade]) -> Grade | None:
    v = value.strip()
    for grade in grades:
        if v == grade.name or v.lower() == grade.name_en.lower():
            return grade
    alias = GRADE_EN.get(v.lower())
    return next((g for g in grades if g.name == alias), None)


def parse_fail_on(value: str, grades: Sequence[Grade] | None = None) -> FailOn:
    """The threshold `value` names; `grades` are the bands of the checklist in force."""
    v = value.strip()
    if v.lower() == "veto":
        return FailOn(veto=True)
    if v.lower() == "veto-pending":
        return FailOn(veto_pending=True)
    if v.lower() in {s.value for s in Severity}:
        return FailOn(severity=Severity(v.lower()))
    bands = tuple(grades) if grades else DEFAULT_GRADES
    grade = _grade_named(v, bands)
    if grade is not None:
        return FailOn(grade=grade.name, order=tuple(g.name for g in bands))
    zh = "、".join(g.name for g in bands)
    en = ", ".join(f"{g.name_en} ({g.name})" if g.name_en != g.name else g.name for g in bands)
    raise ConfigError(t(
        f"--fail-on 的值 {value!r} 无效：应为 critical|major|minor|info、veto、veto-pending 或当前清单的等级名"
        f"（{zh}）",
        f"invalid --fail-on {value!r}: use critical|major|minor|info, veto, veto-pending, or a grade of the "
        f"checklist in force ({en})",
    ))
