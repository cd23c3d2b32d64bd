"""The contract every measure kind fulfils.

A measure kind is a module with:
- `ID`: the kind's name used in checklists (`visit_frequency`);
- `TABLES`: the tables whose records it consumes (empty for configuration-only kinds);
- `PARAMS_SCHEMA`: a JSON Schema (dict) for its `params:` in a checklist;
- `SUMMARY`: one bilingual line saying what it measures (`t(zh, en)`, the en text the
  docstring's first line), the row of `cscaudit checklist kinds`;
- a module docstring: its user documentation (shown by `cscaudit checklist kinds -v`);
- `reads(spec) -> tuple[str, ...]`: the tables one indicator reads (`TABLES`, or the table
  its params name: `param_table`);
- `measure(spec, tables, facts, ctx) -> Measurement`: the indicator measured over the tables'
  polars frames (`facts.frames.Tables`) and the facts derived from them once per audit
  (`facts.Facts`), column-wise: Python work grows with the defects and the distinct
  values, not with the rows. Evidence lists every defective row (`EvidenceCollector`,
  `add_frame`): the 问题明细 lists every one.

`FrameKind` below is that contract as a Protocol; the registry holds every kind as one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from cscaudit.i18n import Text
from cscaudit.measures.param_sources import ParamSource
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Evidence, Finding, Measurement, Severity

if TYPE_CHECKING:  # frames and facts import polars, which the stream kinds never need
    import polars as pl

    from cscaudit.facts import Facts
    from cscaudit.facts.frames import Tables

TABLE_ORDER: tuple[str, ...] = (
    "staff", "roster", "service_ledger", "visits", "activities",
    "incidents", "drills", "surveys", "complaints",
)


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of the checklist in force, after profiles were applied."""

    id: str
    area: str
    title: Text
    kind: str
    params: Mapping[str, Any]
    requirements: tuple[str, ...]
    points: float
    method: str
    scoring: Mapping[str, Any]
    severity: Severity = Severity.MINOR
    rectification: Text | None = None
    deselected: Text | None = None  # a profile's reason: scored not_applicable, still shown
    # parameter path -> where its value comes from
    param_sources: Mapping[str, ParamSource] = field(default_factory=dict)
    # parameter paths whose value is the kind's PARAMS_SCHEMA default (no document set them)
    param_defaults: tuple[str, ...] = ()

    def finding(self, message: Text, *, evidence: EvidenceCollector | None = None,
                severity: Severity | None = None, worker: str | None = None,
                topic: Text | None = None, variant: Text | None = None) -> Finding:
        """A finding of this indicator, carrying its id, area and requirement ids; `topic`
        and `variant` when it is one item of a problem reported item by item. Only the
        message is positional: `spec.finding(t(...), evidence=rows, topic=...)`."""
        return Finding(
            indicator=self.id, area=self.area, requirements=self.requirements,
            severity=severity or self.severity, message=message,
            evidence=evidence.items() if evidence else (),
            evidence_total=evidence.total if evidence else 0,
            rectification=self.rectification, worker=worker, topic=topic, variant=variant,
        )


@dataclass
class EvidenceCollector:
    """Keeps every evidence row of a finding (the 问题明细 lists them all) and counts them.
    `cap` keeps only a sample, for a kind that collects rows of many candidates before it
    knows which become findings (pasted_content), so memory stays bounded there."""

    cap: int | None = None
    total: int = 0
    _items: list[Evidence] = field(default_factory=list)

    def add_frame(self, frame: pl.DataFrame, table: str, key_field: str | None = None) -> None:
        """Every row of `frame` (rows of `table`), in frame order. Its columns are checked
        (`evidence_of`) even when it has no row to keep, so a lost one shows in every run."""
        from cscaudit.facts.frames import evidence_of

        room = frame.height if self.cap is None else max(0, self.cap - len(self._items))
        kept = evidence_of(frame.head(room), table, key_field)
        self.total += frame.height
        self._items.extend(kept)

    def add_evidence(self, evidence: Evidence) -> None:
        self.total += 1
        if self.cap is None or len(self._items) < self.cap:
            self._items.append(evidence)

    def items(self) -> tuple[Evidence, ...]:
        return tuple(self._items)


def param_table(spec: IndicatorSpec) -> tuple[str, ...]:
    """`reads` of a kind whose one table is its `table` param (`field_completeness`,
    `satisfaction`, `process_steps`)."""
    return (str(spec.params["table"]),)


class FrameKind(Protocol):
    """A kind ported to columns: `measure` reads the tables whole, as polars frames, and the
    facts derived from them; `reads(spec)` names the tables one indicator reads (`TABLES`,
    or the table its params name)."""

    ID: str
    SUMMARY: Text
    TABLES: tuple[str, ...]
    PARAMS_SCHEMA: dict[str, Any]

    def reads(self, spec: IndicatorSpec) -> tuple[str, ...]: ...

    def measure(self, spec: IndicatorSpec, tables: Tables, facts: Facts,
                ctx: AuditContext) -> Measurement: ...
