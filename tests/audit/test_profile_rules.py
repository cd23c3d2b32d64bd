"""Every rule of every shipped profile takes effect: one mutation per rule.

The rules are read from the profile files (each indicator under `params:` and `scoring:`,
each indicator under `add:`), so a rule added without a mutation here fails
`test_every_rule_has_a_mutation`. A center that satisfies every local profile, changed in
exactly one respect, loses points on the rule's indicator under its profile and not under
the default checklist (a tightening rule), or the other way round (a rule the profile
relaxes, such as Yanta's boards taken down).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from cscaudit.checklist.resolution import resolve
from cscaudit.ingest.model import Record, SourceRef
from cscaudit.measures.base import IndicatorSpec
from cscaudit.measures.registry import get
from cscaudit.resources import checklists_dir
from cscaudit.results.context import AuditContext
from cscaudit.scoring.score import score_indicator
from tests.audit.measures.fakes import fake_standard
from tests.audit.measures.test_cases import measure_frames

Center = dict[str, Any]
Rows = dict[str, list[dict[str, Any]]]
INSPECTION = "inspection"  # the inspector's findings beside the tables
POSTINGS = ["center_sign", "opening_hours", "zone_signage", "first_contact", "one_time_notice",
            "time_limit", "ab_post", "service_pledge", "proxy_service", "worker_posts",
            "worker_whereabouts", "item_list", "service_guide", "complaint_channel"]
# satisfies the national checklist's configuration and every local profile at once
BASE: Center = {
    "zones": ["service_hall", "consultation", "waiting", "party_activity", "elderly_care",
              "health_leisure"],
    "postings": POSTINGS,
    "amenities": ["seats", "pens_paper", "reading_glasses", "drinking_water",
                  "accessible_entrance", "first_aid_kit", "guide_leaflets"],
    "areas": {"usable": 600, "service": 500, "office": 55, "activity": 200},
    "hall": {"open_space": True, "windows": 1, "universal_posts": 2, "off_desk_day": "fri",
             "merged_stations": ["party_service", "community_service", "building_service"]},
    "practical_things": [{"title": f"实事{n}", "status": "done"} for n in range(10)],
    "posts": [{"id": "p1", "name": "综合受理", "holder": "S1", "backup": "S2"}],
}
FRIDAYS = [dt.date(2024, 1, 5) + dt.timedelta(weeks=n) for n in range(52)]
BASE_ROWS: Rows = {
    "staff": [{"staff_id": "S1", "name": "S1", "post": "综合受理", "backup": "S2"}],
    "visits": [{"visited_on": day, "household_id": "H1"} for day in FRIDAYS],
    "surveys": [{"response_id": f"R{n}", "surveyed_on": dt.date(2024, 6, 1), "overall": "satisfied",
                 "block_worker": "S1", "worker_rating": "very_satisfied", "knows_worker": True}
                for n in range(10)],
    INSPECTION: [{"indicator": "D7", "result": "pass"}],
}


@dataclass(frozen=True)
class Mutation:
    """One respect in which the center breaks the rule; `relaxes`: the profile lets it pass
    where the default checklist takes points."""

    change: Callable[[Center, Rows], None]
    relaxes: bool = False


def _set(path: str, value: Any) -> Callable[[Center, Rows], None]:
    def change(center: Center, rows: Rows) -> None:
        *parents, last = path.split(".")
        node = center
        for part in parents:
            node = node[part]
        node[last] = value
    return change


def _drop(path: str, entry: str) -> Callable[[Center, Rows], None]:
    def change(center: Center, rows: Rows) -> None:
        center[path] = [e for e in center[path] if e != entry]
    return change


def _unbacked_staff_post(center: Center, rows: Rows) -> None:
    rows["staff"].append({"staff_id": "S3", "name": "S3", "post": "民政", "backup": "无"})


def _no_visit_on_one_friday(center: Center, rows: Rows) -> None:
    rows["visits"] = [v for v in rows["visits"] if v["visited_on"] != FRIDAYS[10]]


def _two_residents_dissatisfied_with_their_worker(center: Center, rows: Rows) -> None:
    for answer in rows["surveys"][:2]:
        answer["worker_rating"] = "dissatisfied"


def _one_resident_does_not_know_their_worker(center: Center, rows: Rows) -> None:
    rows["surveys"][0]["knows_worker"] = False


def _worker_cannot_say_at_once(center: Center, rows: Rows) -> None:
    rows[INSPECTION] = [{"indicator": "D7", "result": "fail", "note": "说不清独居老人户数"}]


def _one_thing_unfinished(center: Center, rows: Rows) -> None:
    center["practical_things"][0]["status"] = "in_progress"


def _more_windows(center: Center, rows: Rows) -> None:
    center["hall"]["windows"] = 3  # two universal posts no longer serve every window


MUTATIONS: dict[tuple[str, str], Mutation] = {
    ("beijing-open-space", "params/A4"): Mutation(
        _set("areas", {"usable": 600, "service": 400, "office": 150})),  # 72.7 % < 8:2
    ("beijing-open-space", "add/X1"): Mutation(_set("hall.open_space", False)),
    ("beijing-open-space", "add/X2"): Mutation(_set("hall.universal_posts", 0)),
    ("chaoyang-huamao", "add/X3"): Mutation(
        _set("hall.merged_stations", ["party_service", "community_service"])),
    ("chaoyang-huamao", "add/X4"): Mutation(_set("hall.windows", 2)),
    ("xian-yanta", "params/A2"): Mutation(_drop("postings", "first_contact"), relaxes=True),
    ("xian-yanta", "params/A6"): Mutation(_unbacked_staff_post),
    ("xian-yanta", "add/X1"): Mutation(_set("hall.off_desk_day", "mon")),
    ("xian-yanta", "add/X2"): Mutation(_no_visit_on_one_friday),
    ("xian-yanta", "add/X3"): Mutation(_set("hall.universal_posts", 5)),
    ("xian-yanta", "add/X4"): Mutation(_one_thing_unfinished),
    ("wuhan-jinyinhu-yigang", "params/A1"): Mutation(_drop("zones", "health_leisure")),
    ("wuhan-jinyinhu-yigang", "params/A4"): Mutation(
        _set("areas", {"usable": 600, "service": 500, "office": 80})),  # office 13 % > 1/10
    ("wuhan-jinyinhu-yigang", "add/X1"): Mutation(_more_windows),
    ("yinzhou-ningbo", "add/X1"): Mutation(_more_windows),
    ("yinzhou-ningbo", "add/D5"): Mutation(_two_residents_dissatisfied_with_their_worker),
    ("yinzhou-ningbo", "add/D6"): Mutation(_one_resident_does_not_know_their_worker),
    ("yinzhou-ningbo", "add/D7"): Mutation(_worker_cannot_say_at_once),
}


def profile_rules() -> list[tuple[str, str]]:
    """(profile, rule) for every rule the shipped profile files state."""
    rules = []
    for path in sorted((checklists_dir() / "profiles").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in ("params", "scoring"):
            rules += [(path.stem, f"{section}/{iid}") for iid in data.get(section) or {}]
        rules += [(path.stem, f"add/{entry['id']}") for entry in data.get("add") or []]
    return rules


def _points(spec: IndicatorSpec | None, center: Center, rows: Rows) -> float:
    """The points the indicator earns on this center (0 when the checklist lacks it)."""
    if spec is None:
        return 0.0
    ctx = AuditContext(center=SimpleNamespace(data=center, source=None, root=Path(".")),
                       standard=fake_standard({}), year=2024,
                       period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                       calendar=None, tables_present=frozenset(rows) - {INSPECTION},
                       inspection={e["indicator"]: e for e in rows.get(INSPECTION, ())})
    kind = get(spec.kind)
    records = [Record(table, SourceRef(f"{table}.csv"), row, dict(values))
               for table in kind.TABLES for row, values in enumerate(rows.get(table, ()), start=2)]
    return score_indicator(spec, measure_frames(kind, spec, ctx, records)).score


def _indicator(profile: str | None, iid: str) -> IndicatorSpec | None:
    resolved = resolve(profile=profile)
    return next((s for s in resolved.indicators if s.id == iid), None)


def test_every_rule_has_a_mutation() -> None:
    assert set(profile_rules()) == set(MUTATIONS)


@pytest.mark.parametrize(("profile", "rule"), profile_rules())
def test_breaking_the_rule_costs_points_where_the_rule_holds(profile: str, rule: str) -> None:
    mutation = MUTATIONS[(profile, rule)]
    center, rows = copy.deepcopy(BASE), copy.deepcopy(BASE_ROWS)
    mutation.change(center, rows)
    iid = rule.split("/")[1]
    local, national = _indicator(profile, iid), _indicator(None, iid)
    assert local is not None
    local_loss = _points(local, BASE, BASE_ROWS) - _points(local, center, rows)
    national_loss = _points(national, BASE, BASE_ROWS) - _points(national, center, rows)
    if mutation.relaxes:
        assert national_loss > 0 and local_loss == 0, (national_loss, local_loss)
    else:
        assert local_loss > 0 and national_loss == 0, (local_loss, national_loss)


@pytest.mark.parametrize(("profile", "rule"), profile_rules())
def test_the_base_center_satisfies_the_rule(profile: str, rule: str) -> None:
    spec = _indicator(profile, rule.split("/")[1])
    assert spec is not None and _points(spec, BASE, BASE_ROWS) == spec.points


def test_huamaos_own_figures_meet_its_profile() -> None:
    # seed 001: office cut to 75 m², the space given to residents grown to 435 m²
    a4 = _indicator("chaoyang-huamao", "A4")
    assert a4 is not None and a4.params["min_service_share"] == 0.8
    own = {"areas": {"service": 0, "activity": 435, "office": 75}}  # activity rooms count
    assert _points(a4, own, {}) == a4.points
    smaller = {"areas": {"service": 0, "activity": 250, "office": 75}}  # 77 % < 8:2
    assert _points(a4, smaller, {}) == 0


def test_twelve_windows_without_a_universal_post_lose_under_jinyinhu() -> None:
    x1 = _indicator("wuhan-jinyinhu-yigang", "X1")
    center = copy.deepcopy(BASE)
    center["hall"].update(windows=12, universal_posts=0)
    assert x1 is not None and _points(x1, center, {}) == 0
    center["hall"].update(windows=4, universal_posts=4)
    assert _points(x1, center, {}) == x1.points


@pytest.mark.parametrize(("profile", "rule"), profile_rules())
def test_docs_list_the_rule_under_its_profile(profile: str, rule: str) -> None:
    docs = (Path(__file__).parents[2] / "docs" / "profiles.md").read_text(encoding="utf-8")
    sections = {part.split(" ", 1)[0]: part for part in docs.split("\n## ")[1:]}
    iid = rule.split("/")[1]
    assert profile in sections and f"| {iid}" in sections[profile], (profile, iid)
