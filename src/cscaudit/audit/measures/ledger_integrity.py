"""ledger_integrity: the falsified-ledger veto (台账造假一票否决), built from the integrity checks.

Runs the integrity checks — `visit_dates`, `worker_daily_load`, `pasted_content`,
`case_dates`, `year_end_burst`, `duplicate_rows` — over the same single pass of the
records. A check raises a 疑点 (a suspicion to verify) when it flags at least its
`min_rows`: its findings are critical, each with the rows behind it; a check flagging fewer
reports them as major findings, not as 疑点. A check's info notes (records out of the
period, not judged) stay info and are no 疑点. 疑点 alone never veto: they make the veto
*pending* (「疑点 N 项，待核实；核实属实的按一票否决处理」). An on-site item of
`confirmed_by` judged `pass` (none `fail`) ends the pending state: the signs were checked
and not confirmed, the veto does not apply (「疑点经现场核实未发现造假」), also over widespread
signals: the inspector's verification is the last word. The veto *applies* when
- an inspection-findings file confirms falsified records: an on-site item of
  `confirmed_by` (or this indicator itself) judged `fail`, or
- the signals are widespread: at least `widespread_checks` checks each flag at least
  `widespread_share` of what they looked at.

Params:
- `checks`: check id -> that check's params (see each kind); only the checks listed run.
  Default: all six with their defaults.
- `confirmed_by`: on-site items that verify records (default `[R1, R2]` of
  gbt36735-onsite: the service-ledger spot check and the phone verification of visits).
- `widespread_share` (default 0.05) and `widespread_checks` (default 2). Source: inferred,
  no published threshold: one record in twenty carrying a sign of being made up is more
  than the slips of an honest ledger (a mistyped date, a row entered twice), and two
  independent checks at that level rule out one systematic export quirk.

Checked: the checks run. Defects: the 疑点 (findings of the checks that count).
Example: 5 visits dated before their households arrived (min_rows 3) and 42 households visited by one worker in a
day (min_rows 1): 2 疑点, veto pending; the same with R2 `fail` in the findings: applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from cscaudit.audit.measures.base import AuditContext, FrameKind, IndicatorSpec
from cscaudit.audit.measures.inspection_item import cleared_on_site, failed_on_site
from cscaudit.audit.measures.integrity import (
    case_dates,
    duplicate_rows,
    pasted_content,
    visit_dates,
    worker_daily_load,
    year_end_burst,
)
from cscaudit.audit.measures.params import fill_defaults
from cscaudit.audit.model import Finding, Measurement, Severity
from cscaudit.i18n import Text, t
from cscaudit.ingest.model import Record

ID = "ledger_integrity"
SUMMARY = t("台账造假一票否决，由各项真实性核查汇总得出。",
            "the falsified-ledger veto (台账造假一票否决), built from the integrity checks.")
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
        "confirmed_by": {"type": "array", "items": {"type": "string"}, "default": ["R1", "R2"]},
        "widespread_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.05},
        "widespread_checks": {"type": "integer", "minimum": 1, "default": 2},
    },
}
NAMES = {"visit_dates": "走访日期异常", "worker_daily_load": "单日走访户数异常", "pasted_content": "走访内容雷同",
         "case_dates": "办结早于受理", "year_end_burst": "年末集中补录", "duplicate_rows": "重复记录"}


class FramePart:
    """A check ported to frames, run as a part of this stream kind: it collects the records
    routed to it into frames of its tables, then `finish` calls the check's `measure`.
    Goes when ledger_integrity itself reads frames."""

    def __init__(self, kind: FrameKind, spec: IndicatorSpec, ctx: AuditContext) -> None:
        from cscaudit.audit.frames import FrameBuilder, field_dtypes
        from cscaudit.ingest.dictionary import load_dictionary

        self.kind, self.spec, self.ctx = kind, spec, ctx
        self.dtypes = field_dtypes(load_dictionary())
        self.tables: tuple[str, ...] = kind.reads(spec)
        self.builders = {table: FrameBuilder(table, self.dtypes.get(table, {}))
                         for table in self.tables}

    def add(self, record: Record) -> None:
        builder = self.builders.get(record.table)
        if builder is not None:
            builder.add(record)

    def finish(self) -> Measurement:
        from cscaudit.audit.facts import Facts
        from cscaudit.audit.frames import build_tables

        tables = build_tables(self.builders.values(), self.dtypes)
        return self.kind.measure(self.spec, tables, Facts(tables, self.ctx), self.ctx)


class LedgerIntegrity:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        chosen = spec.params.get("checks")  # no `checks`: every check, each with its defaults
        config: dict[str, Any] = dict(chosen) if chosen is not None else {name: {} for name in CHECKS}
        self.spec, self.ctx = spec, ctx
        p = spec.params
        self.confirmed_by = [spec.id, *p["confirmed_by"]]
        self.share = float(p["widespread_share"])
        self.widespread_needed = int(p["widespread_checks"])
        from cscaudit.audit.measures.registry import frame_kind

        self.parts: list[tuple[str, int, Any]] = []
        for name, params in config.items():
            sub = replace(spec, kind=name,
                          params=fill_defaults(CHECKS[name].PARAMS_SCHEMA, params or {}))
            min_rows = int(sub.params["min_rows"])
            framed = frame_kind(CHECKS[name])
            part = CHECKS[name].start(sub, ctx) if framed is None else FramePart(framed, sub, ctx)
            self.parts.append((name, min_rows, part))
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
        widespread: list[str] = []
        suspicions = 0
        for name, min_rows, acc in self.parts:
            m: Measurement = acc.finish()
            counts = m.applicable and not m.error and m.defects >= min_rows
            signs = [f for f in m.findings if f.severity != Severity.INFO]
            notes = [f for f in m.findings if f.severity == Severity.INFO]
            if counts:
                counted.append(NAMES.get(name, name))
                suspicions += len(signs)
                if m.checked and m.defects / m.checked >= self.share:
                    widespread.append(f"{NAMES.get(name, name)} {m.defects / m.checked:.1%}")
            severity = Severity.CRITICAL if counts else Severity.MAJOR
            findings.extend(replace(f, severity=severity) for f in signs)
            findings.extend(notes)
        measured = t(f"{len(counted)}/{len(self.parts)} 项检查有疑点" + (f"：{'、'.join(counted)}" if counted else ""),
                     f"{len(counted)} of {len(self.parts)} integrity checks raise suspicions")
        return Measurement(checked=len(self.parts), defects=suspicions, measured=measured,
                           findings=tuple(findings), veto_grounds=self._grounds(widespread),
                           veto_cleared=cleared_on_site(self.ctx, self.confirmed_by))

    def _grounds(self, widespread: list[str]) -> Text | None:
        """Why the veto applies: confirmed on site, or widespread signals; None otherwise."""
        confirmed = failed_on_site(self.ctx, self.confirmed_by)
        if confirmed is not None:
            return confirmed
        if len(widespread) < self.widespread_needed or cleared_on_site(self.ctx, self.confirmed_by):
            return None
        listed = "、".join(widespread)
        return t(f"疑点普遍：{len(widespread)} 项独立检查各超过 {self.share:.0%}（{listed}）",
                 f"widespread signals: {len(widespread)} independent checks each above "
                 f"{self.share:.0%} ({listed})")


def start(spec: IndicatorSpec, ctx: AuditContext) -> LedgerIntegrity:
    return LedgerIntegrity(spec, ctx)
