"""The service-hall case ledger (办件台账): cases across the service-item catalogue.

Cases are received on working days only (the official calendar: no cases on public
holidays), busier before long breaks and quieter after 春节, and completed within the
item's promised working days. Ratings are mostly 满意/非常满意; every 差评 is revisited the
next day. Planted defects: `late_case`, `ledger_missing_field`, `bad_rating_no_revisit`,
`completed_before_received`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass
from functools import cache

from cscaudit.samples import names
from cscaudit.samples.days import year_days
from cscaudit.samples.model import CenterSpec, Table, stable_seed
from cscaudit.samples.roster import Community

LEDGER_FIELDS = ("case_id", "received_at", "item", "category", "handler", "mode",
                 "promised_days", "completed_at", "status", "one_visit", "notified_once",
                 "applicant", "id_number", "phone", "rating", "revisited_at")


@dataclass(frozen=True, slots=True)
class ItemType:
    id: str  # catalogue id of the standard (or a fallback id)
    name: str
    category: str  # the label written in the ledger
    category_id: str
    days: int | None  # promised working days (None: the center does not state one)
    weight: float


# Fallback catalogue (matters a community hall really handles), used when the encoded
# standard's service-item catalogue cannot be loaded.
_FALLBACK_ITEMS = (
    ("居住证办理", "governance", "综合治理", 5, 6), ("城乡居民医保参保登记", "labour", "劳动保障", 3, 8),
    ("高龄津贴申请", "ageing", "老龄", 7, 5), ("最低生活保障申请", "civil", "民政", 15, 2),
    ("残疾人证申领代办", "disability", "残联", 15, 1.5), ("出具居住证明", "civil", "民政", 1, 9),
    ("失业登记", "labour", "劳动保障", 3, 3), ("生育登记", "health", "计生卫健", 1, 3),
    ("临时救助申请", "civil", "民政", 10, 1.5), ("党组织关系转接", "party", "党建群团", 5, 1),
    ("家庭医生签约", "clinic", "社区卫生", 1, 4), ("场地借用登记", "culture", "文体教育", 1, 2),
)
_FALLBACK = tuple(ItemType(f"{cat}.item_{i + 1}", name, label, cat, days, weight)
                  for i, (name, cat, label, days, weight) in enumerate(_FALLBACK_ITEMS))
_DAYS = (1, 1, 3, 5, 7, 10, 15)
DEFAULT_DAYS = 5  # the default checklist's limit for a case whose item states none
_RATINGS = (("非常满意", 0.6), ("满意", 0.3), ("基本满意", 0.08), ("不满意", 0.015),
            ("非常不满意", 0.005))
BAD_RATINGS = ("不满意", "非常不满意")  # 差评
_MODES = (("即办", 0.55), ("代办", 0.25), ("转办", 0.1), ("上门", 0.05), ("网办", 0.05))


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    x = rng.random() * sum(w for _, w in options)
    for name, w in options:
        x -= w
        if x < 0:
            return name
    return options[-1][0]


@cache
def item_types() -> tuple[ItemType, ...]:
    """Service items of the encoded standard (name, category label), else the fallback."""
    try:
        from cscaudit.config.standard import load_standard

        standard = load_standard()
        items: list[ItemType] = []
        for i, item in enumerate(standard.service_items.values()):
            label = standard.categories[item.category].name.zh
            days = _DAYS[stable_seed(item.id) % len(_DAYS)]
            items.append(ItemType(item.id, item.name.zh, str(label), item.category, days,
                                  1.0 + (i * 7) % 5))
        if items:
            return tuple(items)
    except Exception:  # no usable standard: the fallback catalogue
        pass
    return _FALLBACK


def published_items(spec: CenterSpec) -> tuple[ItemType, ...]:
    """The items the center publishes, with the time limit it promises (None: not stated)."""
    catalogue = item_types()
    if spec.service_items is None:
        return catalogue
    by_id = {t.id: t for t in catalogue}
    return tuple(dataclasses.replace(by_id[i], days=d) for i, d in spec.service_items
                 if i in by_id) or catalogue


def ledger_table(spec: CenterSpec, community: Community) -> Table:
    rng = spec.rng("ledger")
    days = year_days(spec.year)
    types = published_items(spec)
    weights = [t.weight for t in types]
    count = round(spec.households * spec.cases_per_household)
    handlers = community.workers
    received = sorted(days.pick(rng) for _ in range(count))
    table = Table("service_ledger", LEDGER_FIELDS)
    rate = spec.defect_rate
    prefix = f"BJ{spec.year}" if spec.city.startswith("北京") else f"SL{spec.year}"
    backwards: set[int] = set()
    if spec.plants_sign("completed_before_received"):  # at least 3: the checklist's threshold
        k = max(3, round(count * rate / 30))
        backwards = set(rng.sample(range(count * 9 // 10), min(k, count * 9 // 10)))
    for i, day in enumerate(received):
        kind = rng.choices(types, weights)[0]
        limit = DEFAULT_DAYS if kind.days is None else kind.days
        mode = "即办" if limit <= 1 else _weighted(rng, _MODES[1:])
        at = dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randrange(60)))
        done: dt.date | None = day if limit <= 1 else days.next_working(
            day, rng.randint(1, limit))
        status = "办结"
        if i in backwards:
            pass  # a completed case whose dates are about to be falsified
        elif days.next_working(day, limit) > days.last and rng.random() < 0.6:
            done, status = None, "在办"
        elif rng.random() < 0.01:
            status = "退回"
        rating = _weighted(rng, _RATINGS) if done else None
        row = [f"{prefix}-{i + 1:05d}", at, kind.name, kind.category, rng.choice(handlers),
               mode, kind.days, done, status, "是" if rng.random() < 0.96 else "否",
               "是", names.person_name(rng), None, names.phone_number(rng), rating, None]
        born = names.birth_date(rng, spec.year, 18, 85)
        row[12] = names.id_number(rng, spec.city, born)
        planted = _plant(spec, rng, rate, table, row, day, kind, backwards=i in backwards)
        if row[14] in BAD_RATINGS and "bad_rating_no_revisit" not in planted:
            completed = row[7]  # revisited the day after completion
            row[15] = (completed if isinstance(completed, dt.date) else day) + dt.timedelta(days=1)
        table.rows.append(row)
    return table


def _plant(spec: CenterSpec, rng: random.Random, rate: float, table: Table,
           row: list[object], day: dt.date, kind: ItemType, *, backwards: bool) -> set[str]:
    """Plant this row's defects (if any); return their kinds."""
    kinds: set[str] = set()
    days = year_days(spec.year)
    if backwards and row[7] is not None and row[8] == "办结":
        row[7] = day - dt.timedelta(days=rng.randint(1, 5))
        kinds.add("completed_before_received")
    elif (spec.wants("late_case") and row[8] == "办结" and day.month < 12
          and rng.random() < rate / 2):
        limit = DEFAULT_DAYS if kind.days is None else kind.days
        row[7] = days.next_working(day, limit + rng.randint(1, 6))
        kinds.add("late_case")
    if spec.wants("ledger_missing_field") and rng.random() < rate / 4:
        row[4] = None  # handler left blank
        kinds.add("ledger_missing_field")
    if spec.wants("bad_rating_no_revisit") and row[14] is not None and rng.random() < rate / 10:
        row[14] = rng.choice(BAD_RATINGS)
        row[15] = None
        kinds.add("bad_rating_no_revisit")
    for kind_id in sorted(kinds):
        table.mark(kind_id, len(table.rows), str(row[0]))
    return kinds
