"""Household visits (走访记录): one or more per period, as often as each group requires.

Every household active in a period gets a visit in it (weekly for elderly at high risk or
living alone, monthly for the key groups, quarterly for other elderly, twice a year for
general households), on a working day drawn with the seasonal weights; some households get
extra visits. About one visit in twelve records an issue that is then closed within days.

Planted defects (each recorded as a `Mark`): `household_never_visited`,
`household_under_visited`, `household_missing_content`, `issue_not_closed`, `future_visit`,
`visit_before_roster`, `pasted_content`, `worker_overload`, `year_end_burst`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from functools import cache

from cscaudit.samples import content
from cscaudit.samples.days import YearDays, year_days
from cscaudit.samples.model import CenterSpec, Table, pick
from cscaudit.samples.roster import GROUP_LABELS, Community, Household

VISIT_FIELDS = ("visit_id", "visited_on", "worker", "household_id", "group", "method",
                "content", "issue", "action", "closed_on")
PERIOD_OF_GROUP = {
    "elderly_high_risk": "week", "elderly_alone": "week",
    "disabled": "month", "low_income": "month", "unemployed": "month", "temporary": "month",
    "elderly": "quarter", "general": "half",
}
ISSUES = (
    ("楼道灯损坏", "已报物业维修"), ("申请居家养老服务", "已协助提交申请"),
    ("咨询医保报销政策", "已当面解答"), ("反映楼下噪音扰民", "已协调相关住户"),
    ("家中水管漏水", "已联系维修人员上门"), ("希望增加健身器材", "已向街道反映"),
    ("办理居住证材料不全", "已一次性告知所需材料"), ("低保复核材料咨询", "已协助准备材料"),
)
# The general content every visit must cover, pasted word for word: complete, but copied.
PASTED = "入户走访，政策宣传、信息采集、社区信息、沟通交流，了解家庭基本情况，住户无其他诉求。"
METHODS = (("入户", 0.7), ("电话", 0.18), ("微信", 0.07), ("视频", 0.05))


@cache
def judged_periods() -> dict[str, str]:
    """Group -> the period the default checklist's visit frequency judges it by. Groups it
    leaves unjudged (no sourced frequency) are absent: a visit missed there is no defect."""
    from cscaudit.checklist.resolution import resolve

    spec = next(s for s in resolve().indicators if s.kind == "visit_frequency")
    units = {"weekly": "week", "monthly": "month", "quarterly": "quarter", "semiannual": "half"}
    return {str(g): units[str(f)] for g, f in spec.params["frequencies"].items() if f in units}


def periods(year: int, unit: str) -> Iterator[tuple[dt.date, dt.date]]:
    """Calendar periods of a year: ISO weeks (clipped to the year), months, quarters, halves."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if unit == "week":
        start = first
        while start <= last:
            end = min(last, start + dt.timedelta(days=6 - start.weekday()))
            yield start, end
            start = end + dt.timedelta(days=1)
        return
    months = {"month": 1, "quarter": 3, "half": 6}[unit]
    for m in range(1, 13, months):
        end_month = m + months
        end = dt.date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1) - dt.timedelta(days=1)
        yield dt.date(year, m, 1), end


def _visit_day(rng: random.Random, days: YearDays, start: dt.date, end: dt.date) -> dt.date:
    day = days.pick(rng, start, end)
    if not start <= day <= end:  # no working day in the period: a visit on a rest day
        day = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
    return day


def _planned_days(rng: random.Random, spec: CenterSpec, days: YearDays,
                  h: Household) -> list[dt.date]:
    active_from = max(days.first, h.registered_on)
    active_to = min(days.last, h.left_on or days.last)
    planned: list[dt.date] = []
    for start, end in periods(spec.year, PERIOD_OF_GROUP[h.group]):
        lo, hi = max(start, active_from), min(end, active_to)
        if lo <= hi:
            planned.append(_visit_day(rng, days, lo, hi))
    if planned and rng.random() < 0.25:  # an extra, unscheduled visit
        planned.append(_visit_day(rng, days, active_from, active_to))
    return sorted(planned)


def _method(rng: random.Random) -> str:
    x = rng.random()
    for name, share in METHODS:
        x -= share
        if x < 0:
            return name
    return METHODS[0][0]


class _VisitWriter:
    """Appends visit rows to the table and numbers them."""

    def __init__(self, spec: CenterSpec, table: Table) -> None:
        self.spec = spec
        self.table = table
        self.rng = spec.rng("visit-rows")
        self.prefix = f"ZF{spec.year}"
        self.cat = content.catalogue()

    def add(self, day: dt.date, worker: str, h: Household, *, text: str | None = None,
            missing_content: bool = False, open_issue: bool = False) -> int:
        rng = self.rng
        if text is None:
            tags = list(self.cat.required(h.group))
            if missing_content:  # the group's own content left out
                drop = set(self.cat.by_group.get(h.group, ()))
                tags = [tag for tag in tags if tag not in drop]
            text = content.content_text(rng, tags)
        issue = action = closed = None
        if open_issue or rng.random() < 0.08:
            issue, action = rng.choice(ISSUES)
            if open_issue:
                action = None
            else:
                closed = day + dt.timedelta(days=rng.randint(0, 10))
        row = len(self.table.rows)
        self.table.rows.append([
            f"{self.prefix}{row + 1:06d}", day, worker, h.id, pick(rng, GROUP_LABELS[h.group]),
            _method(rng), text, issue, action, closed,
        ])
        return row


def visits_table(spec: CenterSpec, community: Community) -> Table:
    rng = spec.rng("visits")
    days = year_days(spec.year)
    table = Table("visits", VISIT_FIELDS)
    out = _VisitWriter(spec, table)
    rate = spec.defect_rate
    planned: list[tuple[dt.date, Household]] = []
    for h in community.households:
        schedule = _planned_days(rng, spec, days, h)
        whole_year = h.registered_on <= days.first and h.left_on is None  # due every period
        judged = judged_periods().get(h.group)  # a missed visit is a defect only if judged
        if whole_year and spec.wants("household_never_visited") and rng.random() < rate / 10 \
                and judged:
            table.mark("household_never_visited", -1, h.id)
            continue
        if whole_year and spec.wants("household_under_visited") and rng.random() < rate / 3 \
                and judged:
            missed = list(periods(spec.year, judged))[1::2]
            schedule = [d for d in schedule if not any(a <= d <= b for a, b in missed)]
            table.mark("household_under_visited", -1, h.id)
        planned.extend((day, h) for day in schedule)
    planned.sort(key=lambda p: (p[0], p[1].id))
    lacking: dict[str, bool] = {}  # household -> its visits leave out its group's content
    for day, h in planned:
        draw = spec.wants("household_missing_content") and rng.random() < rate / 4
        if h.id not in lacking:  # the household's first visit of the year decides for the year
            # (judged per household over the year, only a whole year without the group's own
            # content is a defect; a general household has none to leave out)
            lacking[h.id] = draw and bool(out.cat.by_group.get(h.group))
            if lacking[h.id]:
                table.mark("household_missing_content", -1, h.id)
        missing = lacking[h.id]
        # an open issue is a defect only once its closing deadline (15 days by default) has
        # passed inside the year, so none is planted in the year's last month
        open_issue = spec.wants("issue_not_closed") and rng.random() < rate / 40 \
            and day <= days.last - dt.timedelta(days=31)
        row = out.add(day, h.worker, h, missing_content=missing, open_issue=open_issue)
        if open_issue:
            table.mark("issue_not_closed", row, table.rows[row][0])  # type: ignore[arg-type]
    flagged = {m.key for m in table.marks if m.row < 0}
    _plant_integrity(spec, community, days, out, flagged)
    return table


def _active(h: Household, day: dt.date) -> bool:
    return h.registered_on <= day and (h.left_on is None or day <= h.left_on)


def _plant_integrity(spec: CenterSpec, community: Community, days: YearDays,
                     out: _VisitWriter, flagged: set[str]) -> None:
    """Signs of made-up ledgers, appended as extra rows (each one marked).

    Sizes clear the default checklist's thresholds (at least 5 rows of each kind, 30+
    identical texts making 6 % of the visits, 42 visits by one worker in a day, a burst of a
    fifth of the last ten days' records), and every extra visit goes to a household that is
    on the roster that day, so each plant shows up as its own kind only.
    """
    rng = spec.rng("visit-integrity")
    table = out.table
    households = tuple(h for h in community.households if h.id not in flagged)
    n = max(5, round(len(households) * spec.defect_rate / 20))

    def mark(kind: str, row: int) -> None:
        table.mark(kind, row, str(table.rows[row][0]))

    def on_roster(day: dt.date, pool: tuple[Household, ...] | list[Household],
                  count: int) -> list[Household]:
        """Up to `count` distinct households of `pool` on the roster on `day`."""
        picked: list[Household] = []
        if count == 1 and pool:  # the frequent case: try a few random ones first
            for _ in range(20):
                h = rng.choice(pool)
                if _active(h, day):
                    return [h]
        for h in rng.sample(list(pool), len(pool)):
            if len(picked) == count:
                break
            if _active(h, day):
                picked.append(h)
        return picked

    if spec.plants_sign("future_visit"):
        for h in rng.sample(households, min(n, len(households))):
            day = dt.date(spec.year + 1, rng.randint(1, 3), rng.randint(1, 28))
            mark("future_visit", out.add(day, h.worker, h))
    if spec.plants_sign("visit_before_roster"):
        late = [h for h in households if h.registered_on > days.first + dt.timedelta(days=30)]
        for h in rng.sample(late, min(n, len(late))):
            day = h.registered_on - dt.timedelta(days=rng.randint(10, 25))
            mark("visit_before_roster", out.add(day, h.worker, h))
    if spec.plants_sign("pasted_content"):  # on general households: no group content is missing
        count = max(35, round(len(table.rows) * 0.07))
        general = [h for h in households if h.group == "general"]
        for _ in range(count):
            day = days.pick(rng, dt.date(spec.year, 3, 1), dt.date(spec.year, 11, 30))
            for h in on_roster(day, general, 1):
                mark("pasted_content", out.add(day, h.worker, h, text=PASTED))
    if spec.plants_sign("worker_overload"):
        worker = rng.choice(community.workers)
        day = days.pick(rng, dt.date(spec.year, 6, 1), dt.date(spec.year, 6, 30))
        mine = [h for h in households if h.worker == worker]
        for h in on_roster(day, mine, 42):
            mark("worker_overload", out.add(day, worker, h))
    if spec.plants_sign("year_end_burst"):
        day = days.pick(rng, dt.date(spec.year, 12, 23), dt.date(spec.year, 12, 31))
        last_days = sum(1 for r in table.rows
                        if isinstance(r[1], dt.date) and r[1] > days.last - dt.timedelta(days=10))
        burst = max(60, last_days // 2)
        per_worker = max(1, min(20, burst // len(community.workers) + 1))
        for worker in community.workers:
            mine = [h for h in households if h.worker == worker]
            for h in on_roster(day, mine, per_worker):
                mark("year_end_burst", out.add(day, worker, h))
