"""The assessment's rules taken from the checklist in force: weights, grade bands, 优秀 cap.

`settings_from(resolved)` reads a `ResolvedChecklist` (cscaudit.checklist.resolution) whose
`composite` gives the weights of the parts (`street`, `resident`, optional `peer`; they must
sum to 1), whose `grades` are bands `{name, name_en, min}` (descending) and whose optional
`excellent_cap` is the largest share of centers that may be graded 优秀 (a number in (0, 1],
or a mapping with `share`). Defaults: 60/40, 90/80/70/60 with five names, no cap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cscaudit.config.yamlio.model import YamlValue
from cscaudit.errors import ConfigError
from cscaudit.i18n import t
from cscaudit.results.grades import Grade, grade_for

if TYPE_CHECKING:
    from cscaudit.checklist.resolved import ResolvedChecklist

__all__ = ["DEFAULT_GRADES", "PARTS", "PART_NAMES", "AssessSettings", "Grade", "Weights", "grade_for",
           "settings_from"]

PARTS = ("street", "peer", "resident")
PART_NAMES = {"street": t("街道考核", "street part"), "resident": t("居民满意", "resident part"),
              "peer": t("同级互评", "peer part")}


@dataclass(frozen=True)
class Weights:
    street: float = 0.6
    resident: float = 0.4
    peer: float = 0.0

    def of(self, part: str) -> float:
        return float(getattr(self, part))


DEFAULT_GRADES: tuple[Grade, ...] = (
    Grade("优秀", "excellent", 90), Grade("良好", "good", 80), Grade("合格", "pass", 70),
    Grade("基本合格", "basic", 60), Grade("不合格", "fail", 0),
)


@dataclass(frozen=True)
class AssessSettings:
    weights: Weights = Weights()
    grades: tuple[Grade, ...] = DEFAULT_GRADES  # descending by min; the last is the lowest
    excellent_cap: float | None = None  # share of ranked centers that may be 优秀
    checklist: str = ""  # id@version the settings came from
    profile: str | None = None

    @property
    def top(self) -> Grade:
        return self.grades[0]

    @property
    def lowest(self) -> Grade:
        return self.grades[-1]

    def label(self, grade: str, lang: str) -> str:
        """A grade's name in the output language (the English name from the bands)."""
        if lang == "zh":
            return grade
        return next((g.name_en for g in self.grades if g.name == grade), grade)


def _field(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


ALIASES = {"street": "street", "street_office": "street", "peer": "peer", "peers": "peer",
           "resident": "resident", "residents": "resident"}


def _items(raw: Any) -> dict[str, Any]:
    if isinstance(raw, Mapping):
        return dict(raw)
    return {part: getattr(raw, part) for part in PARTS if hasattr(raw, part)}


def weights_from(raw: YamlValue) -> Weights:
    """Weights from a `composite:` value; ConfigError when they are not usable."""
    if raw is None:
        return Weights()
    values = dict.fromkeys(PARTS, 0.0)
    for key, value in _items(raw).items():
        part = ALIASES.get(str(key))
        if part is None:
            raise ConfigError(t(
                f"综合得分中的“{key}”无法计算：只支持 street（街道考核）、peer（同级互评）、resident（居民满意）",
                f"composite part {key!r} cannot be computed: use street, peer or resident"))
        values[part] += float(value or 0.0)
    if any(v < 0 for v in values.values()) or abs(sum(values.values()) - 1.0) > 1e-6:
        raise ConfigError(t(
            f"综合得分权重应为非负且合计为 1：{values}",
            f"composite weights must be non-negative and sum to 1: {values}"))
    return Weights(street=values["street"], resident=values["resident"], peer=values["peer"])


def grades_from(raw: YamlValue) -> tuple[Grade, ...]:
    if not raw:
        return DEFAULT_GRADES
    grades = [Grade(str(_field(g, "name")), str(_field(g, "name_en") or _field(g, "name")),
                    float(_field(g, "min", 0) or 0)) for g in raw]
    return tuple(sorted(grades, key=lambda g: -g.min))


def cap_from(raw: YamlValue) -> float | None:
    if raw is None:
        return None
    share = _field(raw, "share") if not isinstance(raw, int | float) else raw
    if share is None:
        share = _field(raw, "max_share")
    value = float(share)
    if value > 1:  # written as a percentage
        value /= 100
    if not 0 < value <= 1:
        raise ConfigError(t(f"优秀比例上限应在 0 到 1 之间：{raw}",
                            f"the excellent cap must be a share in (0, 1]: {raw}"))
    return value


def settings_from(resolved: ResolvedChecklist) -> AssessSettings:
    version = _field(resolved, "version", "")
    return AssessSettings(
        weights=weights_from(_field(resolved, "composite")),
        grades=grades_from(_field(resolved, "grades")),
        excellent_cap=cap_from(_field(resolved, "excellent_cap")),
        checklist=f"{_field(resolved, 'id', '')}@{version}",
        profile=_field(resolved, "profile_id"),
    )
