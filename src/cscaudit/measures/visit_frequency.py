"""visit_frequency: households visited as often as their resident group requires.

Period by period across the audit period, each roster household must have at least one visit
in every period of its group's frequency: `weekly` (ISO weeks, Monday to Sunday), `monthly`,
`quarterly`, `semiannual` or `annual`; `none` leaves the group unjudged (a group whose
frequency no source gives is not held to an invented one). A household in several groups
follows the most frequent; a household with no group is an ordinary one (`general`). A period is required when the household was on the roster for at least half of
it, so households joining or leaving mid-year owe only the periods they were there for
(the stub of a week straddling New Year is not required).

Params:
- `frequencies` (required): group code -> frequency, e.g. `{elderly_alone: weekly,
  elderly: quarterly, general: semiannual}`.
- `default`: the frequency of a group not listed (default `none`: not judged).
- `methods`: visit methods that count (e.g. `[in_person]`); default every method.
- `min_link_rate`: the least share of visits that must find their roster household (by id,
  address or 户主 + ID number; default 0.5, inferred). Below it the result is incomplete
  (no grade): the visits exist, the tool could not match them.

Checked: household-periods required. Defect: one with no visit. Rate: met / required.
Findings: per group, the households with missed periods; households never visited;
visits to households not on the roster (info). Households not judged for want of a
frequency are counted beside the rate. Empty roster: not applicable.
Example: an elderly household (quarterly) on the roster all year, visited in February and
August: 4 required, 2 met.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.frames import Tables
from cscaudit.facts.households import HouseholdLinks, household_evidence, household_links
from cscaudit.facts.visit_periods import frequencies_of, visit_coverage
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    empty_table,
    missing_table,
    not_applicable,
    percent,
    rate_of,
    table_absent,
)
from cscaudit.measures.households import declare_shortfall
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement, Severity
from cscaudit.rules.household_links import MIN_LINK_RATE_SCHEMA
from cscaudit.rules.periods import FREQUENCIES, NONE, PER_YEAR

ID = "visit_frequency"
SUMMARY = t("各户按所属人群要求的频次得到走访。", "households visited as often as their resident group requires.")
TABLES: tuple[str, ...] = ("roster", "visits")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["frequencies"],
    "properties": {
        "frequencies": {"type": "object", "additionalProperties": {"enum": [*FREQUENCIES, NONE]}},
        "default": {"enum": [*FREQUENCIES, NONE], "default": NONE},
        "methods": {"type": "array", "items": {"type": "string"}},
        "min_link_rate": MIN_LINK_RATE_SCHEMA,
    },
}
FREQUENCY_ZH = {"weekly": "每周", "monthly": "每月", "quarterly": "每季度", "semiannual": "每半年",
                "annual": "每年"}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def _missed(spec: IndicatorSpec, judged: pl.DataFrame) -> list[Finding]:
    """Per frequency, the households with missed periods; then those never visited."""
    missed = judged.filter(pl.col("_met") < pl.col("_required"))
    by_freq: dict[str, EvidenceCollector] = {}
    periods: dict[str, int] = {}
    never = EvidenceCollector()
    rows = zip(missed.select("_freq", "_met", "_required").iter_rows(), household_evidence(missed),
               strict=True)
    for (freq, done, need), plain in rows:
        keyed = replace(plain, key=f"{plain.key}（{done}/{need}）")
        by_freq.setdefault(freq, EvidenceCollector()).add_evidence(keyed)
        periods[freq] = periods.get(freq, 0) + need - done
        if done == 0:
            never.add_evidence(plain)
    findings = [spec.finding(t(
        f"{FREQUENCY_ZH[freq]}走访一次的住户中，{ev.total} 户漏访，共缺 {periods[freq]} 个周期",
        f"{ev.total} households due a {freq} visit missed {periods[freq]} periods"), evidence=ev,
        topic=t("住户漏访", "households missing visits"),
        variant=t(f"{FREQUENCY_ZH[freq]}一次 {ev.total} 户缺 {periods[freq]} 个周期",
                  f"{freq}: {ev.total} households, {periods[freq]} periods"))
        for freq, ev in sorted(by_freq.items(), key=lambda kv: -PER_YEAR[kv[0]])]
    if never.total:
        findings.append(spec.finding(t(
            f"{never.total} 户全年应访但从未走访", f"{never.total} households due visits were never visited"),
            evidence=never))
    return findings


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    for table in ("roster", "visits"):
        if table_absent(ctx, table):
            return missing_table(table)
    links = facts.get(household_links)
    return declare_shortfall(_judged(spec, facts, links), links.results,
                             float(spec.params["min_link_rate"]))


def _judged(spec: IndicatorSpec, facts: Facts, links: HouseholdLinks) -> Measurement:
    methods = spec.params.get("methods")  # absent or empty: every method counts
    coverage = facts.get(visit_coverage, links, frequencies_of(spec.params["frequencies"]),
                         str(spec.params["default"]), tuple(methods) if methods else None)
    required = int(coverage.judged["_required"].sum())
    met = int(coverage.judged["_met"].sum())
    unjudged = coverage.unjudged.height
    if required == 0 and unjudged:
        return not_applicable(t("名册住户所属人群均未设走访频次", "no household's group has a visit frequency"))
    if required == 0:
        return empty_table("roster")
    findings = _missed(spec, coverage.judged)
    if coverage.unknown.height:
        unknown = EvidenceCollector()
        unknown.add_frame(coverage.unknown, "visits", "household_id")
        findings.append(spec.finding(t(
            f"{unknown.total} 条走访记录的户号不在联户名册中",
            f"{unknown.total} visits name a household not on the roster"),
            evidence=unknown, severity=Severity.INFO))
    measured = percent(met, required)
    if unjudged:  # not a defect: said beside the rate, not as a finding
        measured = measured + t(f"；{unjudged} 户所属人群未设走访频次（无出处不作推定），未评判",
                                f"; {unjudged} households in groups with no visit frequency set (none "
                                "is invented without a source) were not judged")
    return Measurement(checked=required, defects=required - met, rate=rate_of(met, required),
                       measured=measured, findings=tuple(findings))
