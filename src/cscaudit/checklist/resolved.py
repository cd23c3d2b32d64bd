"""The checklist in force: a checklist with its profiles applied, and where each value came from.

`ResolvedChecklist` is what the audit engine, the scorer and the reporters read. Its
`provenance` maps a key to the file, line and column that set the value; keys are
slash-separated paths: `max_points`, `grades`, `composite`, `excellent_cap`, `areas/A`,
`indicators/A1`, `indicators/A1/points`, `indicators/A1/scoring`, `indicators/A1/deselected`,
`indicators/A1/params/required`, ... (one key per parameter leaf; lists are leaves).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cscaudit.config.yamlio.model import JsonObject
from cscaudit.i18n import Text
from cscaudit.measures.base import IndicatorSpec
from cscaudit.results.grades import Grade, grade_for


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a value was set: a file position and the id of the document (layer) there."""

    layer: str  # checklist or profile id
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Area:
    id: str
    title: Text
    points: float  # the nominal points the checklist gives the area


@dataclass(frozen=True)
class ResolvedChecklist:
    id: str
    version: str
    title: Text
    standard: str
    max_points: float
    areas: tuple[Area, ...]
    indicators: tuple[IndicatorSpec, ...]
    grades: tuple[Grade, ...]
    composite: Mapping[str, float]
    excellent_cap: float | None
    profile_id: str | None  # the outermost profile, None for a bare checklist
    layers: tuple[str, ...]  # checklist id first, then each profile applied, in order
    provenance: Mapping[str, Origin]
    files: tuple[tuple[str, str], ...]  # (display name, path) of every document read
    warnings: tuple[Text, ...] = ()
    # tables a center must provide; one missing, empty or unreadable withholds the grade
    required_tables: tuple[str, ...] = ()
    _by_id: Mapping[str, IndicatorSpec] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {spec.id: spec for spec in self.indicators})

    def indicator(self, indicator_id: str) -> IndicatorSpec:
        """The indicator with this id; KeyError when there is none."""
        return self._by_id[indicator_id]

    def origin(self, key: str) -> Origin | None:
        """Who set `key`, or its nearest ancestor (a parameter inherits its indicator's)."""
        parts = key.split("/")
        while parts:
            found = self.provenance.get("/".join(parts))
            if found is not None:
                return found
            parts.pop()
        return None

    def grade(self, score: float, *, veto: bool = False) -> Grade:
        return grade_for(score, self.grades, veto=veto)


def _text(value: Text | None) -> dict[str, str] | None:
    return None if value is None else {"zh": value.zh, "en": value.en}


def _origin(origin: Origin | None) -> dict[str, Any] | None:
    if origin is None:
        return None
    return {"layer": origin.layer, "file": origin.file, "line": origin.line,
            "column": origin.column}


def resolved_to_json(resolved: ResolvedChecklist) -> JsonObject:
    """A plain, JSON-ready view of the checklist in force with its provenance."""
    indicators = [{
        "id": spec.id, "area": spec.area, "title": _text(spec.title), "kind": spec.kind,
        "requirements": list(spec.requirements), "points": spec.points,
        "scoring": dict(spec.scoring), "params": spec.params,
        "param_defaults": list(spec.param_defaults), "severity": spec.severity.value,
        "rectification": _text(spec.rectification), "deselected": _text(spec.deselected),
        "param_sources": {path: {"source": s.source, "confidence": s.confidence, "note": _text(s.note)}
                          for path, s in spec.param_sources.items()},
    } for spec in resolved.indicators]
    return {
        "id": resolved.id, "version": resolved.version, "title": _text(resolved.title),
        "standard": resolved.standard, "max_points": resolved.max_points,
        "profile": resolved.profile_id, "layers": list(resolved.layers),
        "areas": [{"id": a.id, "title": _text(a.title), "points": a.points}
                  for a in resolved.areas],
        "grades": [{"name": g.name, "name_en": g.name_en, "min": g.min} for g in resolved.grades],
        "composite": dict(resolved.composite), "excellent_cap": resolved.excellent_cap,
        "required_tables": list(resolved.required_tables),
        "indicators": indicators,
        "provenance": {k: _origin(v) for k, v in sorted(resolved.provenance.items())},
        "files": [name for name, _ in resolved.files],
        "warnings": [_text(w) for w in resolved.warnings],
    }
