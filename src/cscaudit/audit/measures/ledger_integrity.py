"""ledger_integrity: the falsified-ledger veto (台账造假一票否决), built from the integrity checks.

Runs the integrity checks — `visit_dates`, `worker_daily_load`, `pasted_content`,
`case_dates`, `year_end_burst`, `duplicate_rows` — over the same single pass of the
records. A check *counts* when it flags at least its `min_rows`. Every check that flags
anything reports its rows (critical when it counts, major otherwise), so the scorecard says
exactly which rows raised the suspicion.

Params:
- `checks`: check id -> that check's params (see each kind); only the checks listed run.
  Default: all six with their defaults.

Checked: the checks run. Defects: the checks that count; with `scoring: {method: veto,
threshold: 2}` two independent signs trigger the veto.
Example: 5 visits dated next year (min_rows 3) and 42 households visited by one worker in a
day (min_rows 1): 2 checks count: veto.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from cscaudit.audit.measures.base import AuditContext, IndicatorSpec
from cscaudit.audit.measures.integrity import (
    case_dates,
    duplicate_rows,
    pasted_content,
    visit_dates,
    worker_daily_load,
    year_end_burst,
)
from cscaudit.audit.model import Finding, Measurement, Severity
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "ledger_integrity"
CHECKS = {m.ID: m for m in (visit_dates, worker_daily_load, pasted_content, case_dates, year_end_burst,
                            duplicate_rows)}
TABLES: tuple[str, ...] = tuple(sorted({tb for m in CHECKS.values() for tb in m.TABLES}))
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "checks": {
            "type": "object",
            "additionalProperties": False,
            "properties": {name: m.PARAMS_SCHEMA for name, m in CHECKS.items()},
        },
    },
}
NAMES = {"visit_dates": "走访日期异常", "worker_daily_load": "单日走访户数异常", "pasted_content": "走访内容雷同",
         "case_dates": "办结早于受理", "year_end_burst": "年末集中补录", "duplicate_rows": "重复记录"}


class LedgerIntegrity:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        chosen = spec.params.get("checks")
        config: dict[str, Any] = dict(chosen) if chosen is not None else {name: {} for name in CHECKS}
        self.spec = spec
        self.parts: list[tuple[str, int, Any]] = []
        for name, params in config.items():
            sub = replace(spec, kind=name, params=dict(params or {}))
            min_rows = int((params or {}).get("min_rows", CHECKS[name].PARAMS_SCHEMA["properties"]["min_rows"]["default"]))
            self.parts.append((name, min_rows, CHECKS[name].start(sub, ctx)))
        self.by_table: dict[str, list[Any]] = {}
        for name, _, acc in self.parts:
            for table in getattr(acc, "tables", None) or CHECKS[name].TABLES:
                self.by_table.setdefault(table, []).append(acc)
        self.tables: tuple[str, ...] = tuple(self.by_table)

    def add(self, record: Record) -> None:
        for acc in self.by_table.get(record.table, ()):
            acc.add(record)

    def routes(self) -> dict[str, list[Callable[[Record], None]]]:
        """Each check's `add` for each table it reads (the engine calls them directly)."""
        return {table: [acc.add for acc in accs] for table, accs in self.by_table.items()}

    def finish(self) -> Measurement:
        findings: list[Finding] = []
        counted: list[str] = []
        for name, min_rows, acc in self.parts:
            m: Measurement = acc.finish()
            counts = m.applicable and not m.error and m.defects >= min_rows
            if counts:
                counted.append(NAMES.get(name, name))
            severity = Severity.CRITICAL if counts else Severity.MAJOR
            findings.extend(replace(f, severity=severity) for f in m.findings)
        measured = t(f"{len(counted)}/{len(self.parts)} 项疑点成立" + (f"：{'、'.join(counted)}" if counted else ""),
                     f"{len(counted)} of {len(self.parts)} integrity checks flagged")
        return Measurement(checked=len(self.parts), defects=len(counted), measured=measured,
                           findings=tuple(findings))


def start(spec: IndicatorSpec, ctx: AuditContext) -> LedgerIntegrity:
    return LedgerIntegrity(spec, ctx)
