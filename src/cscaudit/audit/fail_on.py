"""`--fail-on`: when an audit should exit 1.

A severity (`critical`, `major`, `minor`, `info`) fails the run when any finding reaches it;
a grade name (`不合格`, `基本合格` ..., or the English names) fails it when the center's grade
is that grade or worse; `veto` fails it when a veto was triggered.
"""

from __future__ import annotations

from dataclasses import dataclass

from cscaudit.audit.model import SEVERITY_ORDER, AuditResult, Severity
from cscaudit.errors import ConfigError
from cscaudit.i18n import t

GRADES_WORST_LAST = ("优秀", "良好", "合格", "基本合格", "不合格")
GRADE_EN = {"excellent": "优秀", "good": "良好", "pass": "合格", "basic": "基本合格",
            "fail": "不合格"}


@dataclass(frozen=True)
class FailOn:
    severity: Severity | None = None
    grade: str | None = None
    veto: bool = False

    def reached(self, result: AuditResult) -> bool:
        if self.veto:
            return result.score.veto
        if self.severity is not None:
            floor = SEVERITY_ORDER[self.severity]
            return any(SEVERITY_ORDER[f.severity] >= floor for f in result.findings)
        if self.grade is not None and result.score.grade in GRADES_WORST_LAST:
            return GRADES_WORST_LAST.index(result.score.grade) >= GRADES_WORST_LAST.index(
                self.grade)
        return False


def parse_fail_on(value: str) -> FailOn:
    v = value.strip()
    if v.lower() == "veto":
        return FailOn(veto=True)
    if v.lower() in {s.value for s in Severity}:
        return FailOn(severity=Severity(v.lower()))
    grade = GRADE_EN.get(v.lower(), v)
    if grade in GRADES_WORST_LAST:
        return FailOn(grade=grade)
    raise ConfigError(t(
        f"--fail-on 的值 {value!r} 无效：应为 critical|major|minor|info、veto 或等级名（如 不合格）",
        f"invalid --fail-on {value!r}: use critical|major|minor|info, veto, or a grade "
        "(excellent|good|pass|basic|fail or 优秀…不合格)",
    ))
