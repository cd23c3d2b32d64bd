"""The household roster (联户名册) and the social workers who own its blocks (网格).

Resident groups follow realistic shares of an urban community: about 22 % elderly (some
living alone, some at high risk), 3 % disabled, 2.5 % low income, 3 % unemployed, 12 %
temporary residents, the rest general households. A few households join or leave during
the year. Planted defect: `household_no_worker` (a roster row without a responsible worker).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from cscaudit.samples import names
from cscaudit.samples.model import CenterSpec, Table

GROUP_SHARES: tuple[tuple[str, float], ...] = (
    ("elderly", 0.155),
    ("elderly_alone", 0.04),
    ("elderly_high_risk", 0.025),
    ("disabled", 0.03),
    ("low_income", 0.025),
    ("unemployed", 0.03),
    ("temporary", 0.12),
    ("general", 0.575),
)
# Labels as centers write them in their systems (several per group: readers map them).
GROUP_LABELS: dict[str, tuple[str, ...]] = {
    "elderly": ("老年人",),
    "elderly_alone": ("独居老人",),
    "elderly_high_risk": ("失能老人", "高龄老人"),
    "disabled": ("残疾人",),
    "unemployed": ("失业人员",),
    "low_income": ("低保户", "低收入家庭"),
    "temporary": ("临时居住", "流动人口"),
    "general": ("一般户",),
}
_AGES: dict[str, tuple[int, int]] = {
    "elderly": (60, 79), "elderly_alone": (65, 88), "elderly_high_risk": (80, 95),
    "disabled": (25, 70), "unemployed": (22, 55), "low_income": (30, 75),
    "temporary": (20, 50), "general": (25, 70),
}
ROSTER_FIELDS = ("household_id", "resident", "id_number", "group", "block", "worker",
                 "registered_on", "left_on", "status", "address")


@dataclass(frozen=True, slots=True)
class Household:
    id: str
    name: str
    group: str
    block: str
    worker: str
    registered_on: dt.date
    left_on: dt.date | None
    address: str


@dataclass(frozen=True, slots=True)
class Community:
    """The people of one center: workers (by block) and households."""

    workers: tuple[str, ...]
    blocks: tuple[str, ...]
    households: tuple[Household, ...]


def _group_sequence(rng: random.Random, count: int) -> list[str]:
    """Groups with exact shares (rounded), shuffled: proportions hold even for small rosters."""
    groups: list[str] = []
    for code, share in GROUP_SHARES[:-1]:
        groups.extend([code] * round(count * share))
    groups.extend(["general"] * max(0, count - len(groups)))
    rng.shuffle(groups)
    return groups[:count]


def build_community(spec: CenterSpec) -> Community:
    rng = spec.rng("roster")
    n_workers = spec.workers or max(3, math.ceil(spec.households / spec.households_per_worker))
    used: set[str] = set()
    workers: list[str] = []
    while len(workers) < n_workers:
        name = names.person_name(rng)
        if name not in used:
            used.add(name)
            workers.append(name)
    blocks = tuple(f"第{i + 1}网格" for i in range(n_workers))
    roads = names.road_names(rng, max(2, n_workers // 2 + 1))
    prefix = "".join(c for c in spec.id.upper() if c.isalpha())[:2] or "HH"
    households: list[Household] = []
    groups = _group_sequence(rng, spec.households)
    per_block = math.ceil(spec.households / n_workers)
    year = spec.year
    for i, group in enumerate(groups):
        b = min(i // per_block, n_workers - 1)
        building, rest = divmod(i, 24)
        unit, room = divmod(rest, 8)
        hid = f"{prefix}{building + 1:03d}-{unit + 1}-{room // 2 + 1}{room % 2 + 1:02d}"
        road = roads[b % len(roads)]
        address = f"{road}{building + 1}号楼{unit + 1}单元{room // 2 + 1}0{room % 2 + 1}室"
        joined = dt.date(rng.randint(year - 6, year - 1), rng.randint(1, 12), rng.randint(1, 28))
        left: dt.date | None = None
        roll = rng.random()
        if roll < 0.05:  # joined during the year
            joined = dt.date(year, rng.randint(2, 10), rng.randint(1, 28))
        elif roll < 0.08:  # left during the year
            left = dt.date(year, rng.randint(3, 11), rng.randint(1, 28))
        households.append(Household(hid, names.person_name(rng), group, blocks[b],
                                    workers[b], joined, left, address))
    return Community(tuple(workers), blocks, tuple(households))


def _status(rng: random.Random, h: Household) -> str:
    if h.left_on is None:
        return "在册"
    if h.group in ("elderly_high_risk", "elderly_alone") and rng.random() < 0.4:
        return "死亡"
    return rng.choice(("迁出", "注销"))


def roster_table(spec: CenterSpec, community: Community) -> Table:
    rng = spec.rng("roster-rows")
    table = Table("roster", ROSTER_FIELDS)
    for h in community.households:
        low, high = _AGES[h.group]
        born = names.birth_date(rng, spec.year, low, high)
        worker: str | None = h.worker
        if spec.wants("household_no_worker") and rng.random() < spec.defect_rate / 4:
            worker = None
            table.mark("household_no_worker", len(table.rows), h.id)
        table.rows.append([
            h.id, h.name, names.id_number(rng, spec.city, born),
            rng.choice(GROUP_LABELS[h.group]), h.block, worker, h.registered_on, h.left_on,
            _status(rng, h), h.address,
        ])
    return table
