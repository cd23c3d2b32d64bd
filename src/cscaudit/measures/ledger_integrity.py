"""ledger_integrity: the falsified-ledger veto (台账造假一票否决), built from the integrity checks.

Runs the integrity checks — `visit_dates`, `worker_daily_load`, `pasted_content`,
`case_dates`, `year_end_burst`, `duplicate_rows` — over the same tables. A check raises
a 疑点 (a suspicion to verify) when it flags at least its `min_rows`: its findings are
critical, each with the rows behind it; a check flagging fewer reports them as major
findings, not as 疑点. A check's info notes (records out of the period, not judged) stay
info and are no 疑点. 疑点 alone never veto: they make the veto
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

from dataclasses import replace
from typing import Any, cast

from cscaudit.facts import Facts
from cscaudit.facts.frames import Tables
from cscaudit.i18n import Text, t
from cscaudit.measures.base import FrameKind, IndicatorSpec
from cscaudit.measures.inspection_item import cleared_on_site, failed_on_site
from cscaudit.measures.integrity import (
    case_dates,
    duplicate_rows,
    pasted_content,
    visit_dates,
    worker_daily_load,
    year_end_burst,
)
from cscaudit.measures.params import fill_defaults
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement, Severity

ID = "ledger_integrity"
SUMMARY = t("台账造假一票否决，由各项真实性核查汇总得出。",
            "the falsified-ledger veto (台账造假一票否决), built from the integrity checks.")
CHECKS: dict[str, FrameKind] = {
    m.ID: cast(FrameKind, m) for m in (visit_dates, worker_daily_load, pasted_content, case_dates,
                                       year_end_burst, duplicate_rows)}
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


def checks(spec: IndicatorSpec) -> list[tuple[FrameKind, IndicatorSpec]]:
    """The checks this indicator runs (all six when `checks` is not given), each with its
    own spec: the indicator's, with the check's kind and its params, defaults filled."""
    chosen = spec.params.get("checks")  # no `checks`: every check, each with its defaults
    config: dict[str, Any] = dict(chosen) if chosen is not None else {name: {} for name in CHECKS}
    return [(CHECKS[name], replace(spec, kind=name, params=fill_defaults(
        CHECKS[name].PARAMS_SCHEMA, params or {}))) for name, params in config.items()]


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    """Every table one of the checks reads, in the order the checks name them (a check
    reading no table, `tables: []`, stands for all of its kind's)."""
    tables: dict[str, None] = {}
    for kind, sub in checks(spec):
        tables.update(dict.fromkeys(kind.reads(sub) or kind.TABLES))
    return tuple(tables)


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    confirmed_by = [spec.id, *spec.params["confirmed_by"]]
    share = float(spec.params["widespread_share"])
    findings: list[Finding] = []
    counted: list[str] = []
    widespread: list[str] = []
    suspicions = 0
    parts = checks(spec)
    for kind, sub in parts:
        m = kind.measure(sub, tables, facts, ctx)
        name = kind.ID
        counts = m.applicable and not m.error and m.defects >= int(sub.params["min_rows"])
        signs = [f for f in m.findings if f.severity != Severity.INFO]
        notes = [f for f in m.findings if f.severity == Severity.INFO]
        if counts:
            counted.append(NAMES.get(name, name))
            suspicions += len(signs)
            if m.checked and m.defects / m.checked >= share:
                widespread.append(f"{NAMES.get(name, name)} {m.defects / m.checked:.1%}")
        severity = Severity.CRITICAL if counts else Severity.MAJOR
        findings.extend(replace(f, severity=severity) for f in signs)
        findings.extend(notes)
    measured = t(f"{len(counted)}/{len(parts)} 项检查有疑点" + (f"：{'、'.join(counted)}" if counted else ""),
                 f"{len(counted)} of {len(parts)} integrity checks raise suspicions")
    grounds = _grounds(ctx, confirmed_by, widespread, share, int(spec.params["widespread_checks"]))
    return Measurement(checked=len(parts), defects=suspicions, measured=measured,
                       findings=tuple(findings), veto_grounds=grounds,
                       veto_cleared=cleared_on_site(ctx, confirmed_by))


def _grounds(ctx: AuditContext, confirmed_by: list[str], widespread: list[str], share: float,
             needed: int) -> Text | None:
    """Why the veto applies: confirmed on site, or widespread signals; None otherwise."""
    confirmed = failed_on_site(ctx, confirmed_by)
    if confirmed is not None:
        return confirmed
    if len(widespread) < needed or cleared_on_site(ctx, confirmed_by):
        return None
    listed = "、".join(widespread)
    return t(f"疑点普遍：{len(widespread)} 项独立检查各超过 {share:.0%}（{listed}）",
             f"widespread signals: {len(widespread)} independent checks each above "
             f"{share:.0%} ({listed})")
