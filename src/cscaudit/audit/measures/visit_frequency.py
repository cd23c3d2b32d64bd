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

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    as_date,
    codes,
    empty_table,
    missing_table,
    not_applicable,
    percent,
    rate_of,
    table_absent,
)
from cscaudit.audit.measures.household_links import MIN_LINK_RATE_SCHEMA
from cscaudit.audit.measures.households import (
    Household,
    RosterIndex,
    declare_if_unlinked,
    shared_roster,
)
from cscaudit.audit.measures.periods import FREQUENCIES, PER_YEAR, Calendarised
from cscaudit.audit.model import Finding, Measurement, Severity
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "visit_frequency"
SUMMARY = t("各户按所属人群要求的频次得到走访。", "households visited as often as their resident group requires.")
NONE = "none"  # no frequency: the household is not judged
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
_UNSEEN = object()
FREQUENCY_ZH = {"weekly": "每周", "monthly": "每月", "quarterly": "每季度", "semiannual": "每半年",
                "annual": "每年"}


class FrequencyTracker:
    """Which periods each household was visited in; shared with the worker card."""

    def __init__(self, params: Mapping[str, Any], start: dt.date, end: dt.date,
                 roster: RosterIndex | None = None, feeds_roster: bool = True) -> None:
        self.freq_of = {str(k): str(v) for k, v in dict(params.get("frequencies") or {}).items()}
        self.default = str(params["default"])
        self.methods = set(params["methods"]) if params.get("methods") else None
        self.calendars = {f: Calendarised(f, start, end) for f in FREQUENCIES}
        self.roster = roster if roster is not None else RosterIndex()
        self.feeds_roster = feeds_roster  # whoever feeds this tracker also feeds its roster
        self.visited: dict[str, set[int]] = {}
        self.unknown = EvidenceCollector()
        self.unjudged = EvidenceCollector()
        self._by_groups: dict[tuple[str, ...], str] = {}
        self._day_index: dict[str, dict[dt.date, Any]] = {f: {} for f in FREQUENCIES}

    def frequency(self, household: Household) -> str:
        groups = household.groups
        if groups not in self._by_groups:
            found = [f for f in (self.freq_of.get(g, self.default) for g in groups or ("general",))
                     if f != NONE]
            self._by_groups[groups] = max(found, key=lambda f: PER_YEAR[f]) if found else NONE
        return self._by_groups[groups]

    def add_visit(self, record: Record) -> None:
        v = record.values
        day = as_date(v.get("visited_on"))
        if day is None or (self.methods is not None and self.methods.isdisjoint(codes(v.get("method")))):
            return
        household = self.roster.link(record)
        if household is None:
            if self.calendars["annual"].index_of(day) is not None:
                self.unknown.add(record, "household_id")
            return
        # a year has a few hundred distinct visit days: each frequency's period index of each
        # day is worked out once
        frequency = self.frequency(household)
        if frequency == NONE:
            return
        index_of = self._day_index[frequency]
        index = index_of.get(day, _UNSEEN)
        if index is _UNSEEN:
            index = index_of[day] = self.calendars[frequency].index_of(day)
        if index is not None:
            seen = self.visited.get(household.id)
            if seen is None:
                seen = self.visited[household.id] = set()
            seen.add(index)

    def results(self) -> Iterator[tuple[Household, str, int, int]]:
        """(household, frequency, periods required, periods met) for every household judged;
        the others are counted in `unjudged`."""
        self.unjudged = EvidenceCollector()
        for h in self.roster.households.values():
            freq = self.frequency(h)
            if freq == NONE:
                self.unjudged.add_evidence(h.evidence)
                continue
            cal = self.calendars[freq]
            required = cal.required(h.span(cal.start, cal.end))
            done = self.visited.get(h.id, set())
            yield h, freq, len(required), sum(1 for i in required if i in done)


def shared_tracker(ctx: AuditContext, params: Mapping[str, Any]) -> tuple[FrequencyTracker, bool]:
    """The audit's tracker for these params, and whether the caller created it (and so must
    feed it the roster and visits). The indicator and the worker card share one this way."""
    key = ("frequency_tracker", json.dumps(params, sort_keys=True, default=str))
    tracker = ctx.shared.get(key)
    if tracker is not None:
        return tracker, False
    roster, feeds_roster = shared_roster(ctx)
    tracker = ctx.shared[key] = FrequencyTracker(params, ctx.period_start, ctx.period_end,
                                                 roster, feeds_roster)
    return tracker, True


class VisitFrequency:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.tracker, self.feeds = shared_tracker(ctx, spec.params)

    def add(self, record: Record) -> None:
        if not self.feeds:
            return
        if record.table == "roster":
            if self.tracker.feeds_roster:
                self.tracker.roster.add(record)
        elif record.table == "visits":
            self.tracker.add_visit(record)

    def finish(self) -> Measurement:
        for table in ("roster", "visits"):
            if table_absent(self.ctx, table):
                return missing_table(table)
        declare_if_unlinked(self.ctx, self.tracker.roster,
                            self.spec.params["min_link_rate"])
        required = met = 0
        by_freq: dict[str, EvidenceCollector] = {}
        missed_by_freq: dict[str, int] = {}
        never = EvidenceCollector()
        for h, freq, need, done in self.tracker.results():
            required += need
            met += done
            if done < need:
                ev = by_freq.setdefault(freq, EvidenceCollector())
                missed_by_freq[freq] = missed_by_freq.get(freq, 0) + need - done
                ev.add_evidence(replace(h.evidence, key=f"{h.id}（{done}/{need}）"))
                if done == 0:
                    never.add_evidence(h.evidence)
        if required == 0 and self.tracker.unjudged.total:
            return not_applicable(t("名册住户所属人群均未设走访频次", "no household's group has a visit frequency"))
        if required == 0:
            return empty_table("roster")
        findings: list[Finding] = []
        for freq, ev in sorted(by_freq.items(), key=lambda kv: -PER_YEAR[kv[0]]):
            findings.append(self.spec.finding(t(
                f"{FREQUENCY_ZH[freq]}走访一次的住户中，{ev.total} 户漏访，共缺 {missed_by_freq[freq]} 个周期",
                f"{ev.total} households due a {freq} visit missed {missed_by_freq[freq]} periods"), ev,
                topic=t("住户漏访", "households missing visits"),
                variant=t(f"{FREQUENCY_ZH[freq]}一次 {ev.total} 户缺 {missed_by_freq[freq]} 个周期",
                          f"{freq}: {ev.total} households, {missed_by_freq[freq]} periods")))
        if never.total:
            findings.append(self.spec.finding(t(
                f"{never.total} 户全年应访但从未走访", f"{never.total} households due visits were never visited"), never))
        if self.tracker.unknown.total:
            findings.append(self.spec.finding(t(
                f"{self.tracker.unknown.total} 条走访记录的户号不在联户名册中",
                f"{self.tracker.unknown.total} visits name a household not on the roster"),
                self.tracker.unknown, severity=Severity.INFO))
        measured = percent(met, required)
        if self.tracker.unjudged.total:  # not a defect: said beside the rate, not as a finding
            n = self.tracker.unjudged.total
            measured = measured + t(f"；{n} 户所属人群未设走访频次（无出处不作推定），未评判",
                                    f"; {n} households in groups with no visit frequency set (none "
                                    "is invented without a source) were not judged")
        return Measurement(checked=required, defects=required - met, rate=rate_of(met, required),
                           measured=measured, findings=tuple(findings))


def start(spec: IndicatorSpec, ctx: AuditContext) -> VisitFrequency:
    return VisitFrequency(spec, ctx)
