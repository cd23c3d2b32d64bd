"""The contract every measure kind fulfils.

A measure kind is a module with:
- `ID`: the kind's name used in checklists (`visit_frequency`);
- `TABLES`: the tables whose records it consumes (empty for configuration-only kinds);
- `PARAMS_SCHEMA`: a JSON Schema (dict) for its `params:` in a checklist;
- a module docstring: its user documentation (shown by `cscaudit checklist kinds`);
- `start(spec, ctx) -> Accumulator`.

The engine reads each table once, in `TABLE_ORDER`, and calls `add(record)` on every
accumulator that asked for that table, then `finish()` once. A kind whose table is a
parameter (`rate`, `field_completeness`) lists every table in `TABLES` and narrows it per
indicator with a `tables` attribute on its accumulator, which the engine prefers. Because `roster` and `staff` are
read before the tables that refer to them, an accumulator may index them first.
Memory must grow with households and workers, never with the number of records: keep counts,
sets of ids and capped evidence (`EvidenceCollector`), not the records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from cscaudit.audit.model import Evidence, Finding, Measurement, Severity
from cscaudit.audit.param_sources import ParamSource
from cscaudit.i18n import Text
from cscaudit.ingest.address import AddressRules
from cscaudit.ingest.model import Record

TABLE_ORDER: tuple[str, ...] = (
    "staff", "roster", "service_ledger", "visits", "activities",
    "incidents", "drills", "surveys", "complaints",
)
EVIDENCE_CAP = 50


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

    def finding(self, message: Text, evidence: EvidenceCollector | None = None,
                severity: Severity | None = None, worker: str | None = None) -> Finding:
        """A finding of this indicator, carrying its id, area and requirement ids."""
        return Finding(
            indicator=self.id, area=self.area, requirements=self.requirements,
            severity=severity or self.severity, message=message,
            evidence=evidence.items() if evidence else (),
            evidence_total=evidence.total if evidence else 0,
            rectification=self.rectification, worker=worker,
        )


@dataclass
class EvidenceCollector:
    """Keeps the first `cap` evidence rows and counts them all."""

    cap: int = EVIDENCE_CAP
    total: int = 0
    _items: list[Evidence] = field(default_factory=list)

    def add(self, record: Record, key_field: str | None = None) -> None:
        self.total += 1
        if len(self._items) < self.cap:
            key = record.values.get(key_field) if key_field else None
            self._items.append(Evidence(record.source.file, record.source.sheet, record.row,
                                        None if key is None else str(key)))

    def add_evidence(self, evidence: Evidence) -> None:
        self.total += 1
        if len(self._items) < self.cap:
            self._items.append(evidence)

    def items(self) -> tuple[Evidence, ...]:
        return tuple(self._items)


@dataclass(frozen=True)
class AuditContext:
    """What every measure may consult besides the records."""

    center: Any  # cscaudit.center.Center
    standard: Any  # cscaudit.standard.Standard
    year: int
    period_start: dt.date
    period_end: dt.date
    calendar: Any  # cscaudit.audit.calendar.WorkCalendar
    tables_present: frozenset[str]  # tables that were found and readable
    inspection: Mapping[str, Any] = field(default_factory=dict)  # indicator id -> findings entry
    # Per-audit cache of derived state that several accumulators need (one visit-frequency
    # tracker per parameter set, say). Whoever creates an entry feeds it; the others read it.
    shared: dict[Any, Any] = field(default_factory=dict)
    # how addresses are read when households are linked by address (the field dictionary's)
    address_rules: AddressRules | None = None


class LastRecord:
    """One fact computed about the record being handed round (a case's verdict, say). The
    engine gives each record to every consumer in turn: the kind that computes the fact keeps
    it here, and the worker card, handed the same record next, reads it instead of computing
    it again. `value` counts only while `record` is the record in hand."""

    __slots__ = ("record", "value")

    def __init__(self) -> None:
        self.record: Record | None = None
        self.value: Any = None


def last_record(ctx: AuditContext, *key: Any) -> LastRecord:
    """The audit's `LastRecord` for one fact; `key` names the fact and its parameters."""
    memo: LastRecord | None = ctx.shared.get(key)
    if memo is None:
        memo = ctx.shared[key] = LastRecord()
    return memo


class Accumulator(Protocol):
    def add(self, record: Record) -> None: ...

    def finish(self) -> Measurement: ...


class Routed(Protocol):
    """An accumulator made of parts (`ledger_integrity`) may hand the engine its parts'
    `add` per table, so each record goes straight to the part that wants it."""

    def routes(self) -> dict[str, list[Callable[[Record], None]]]: ...


class MeasureKind(Protocol):
    ID: str
    TABLES: tuple[str, ...]
    PARAMS_SCHEMA: dict[str, Any]

    def start(self, spec: IndicatorSpec, ctx: AuditContext) -> Accumulator: ...
