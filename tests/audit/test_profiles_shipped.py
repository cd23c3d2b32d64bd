"""The shipped profiles: each validates, resolves, and changes what the real measures decide."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from cscaudit.checklist.resolution import resolve, shipped_ids
from cscaudit.config.documents import check_document
from cscaudit.config.yamlio import load_yaml
from cscaudit.measures.base import IndicatorSpec
from cscaudit.measures.registry import get
from cscaudit.resources import checklists_dir
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Outcome
from cscaudit.scoring.score import score_indicator
from tests.audit.measures.fakes import fake_standard
from tests.audit.measures.test_cases import measure_frames

PROFILES = sorted(p.stem for p in (checklists_dir() / "profiles").glob("*.yaml"))
REQUIRED = {"beijing-open-space", "chaoyang-huamao", "yinzhou-ningbo", "xian-yanta",
            "wuhan-jinyinhu-yigang", "jiaxing-composite"}


def test_the_local_variants_are_shipped() -> None:
    assert set(PROFILES) >= REQUIRED
    assert all(shipped_ids()[p][0] == "profile" for p in PROFILES)


@pytest.mark.parametrize("profile", PROFILES)
def test_profile_is_valid_and_resolves(profile: str) -> None:
    path = checklists_dir() / "profiles" / f"{profile}.yaml"
    assert [p for p in check_document(load_yaml(path)) if p.severity == "error"] == []
    resolved = resolve(profile=profile)
    assert resolved.profile_id == profile and resolved.layers[0] == "gbt36735-annual"
    changed = [k for k, o in resolved.provenance.items() if o.layer != "gbt36735-annual"]
    assert changed, "a profile must change something"
    assert all(o.file.startswith("checklists/") for o in resolved.provenance.values())


def _run(spec: IndicatorSpec, center_data: dict[str, Any]) -> Outcome:
    center = SimpleNamespace(data=center_data, source=None, root=Path("."), id="c1")
    ctx = AuditContext(center=center, standard=fake_standard({}), year=2024,
                       period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                       calendar=None, tables_present=frozenset())
    measurement = measure_frames(get(spec.kind), spec, ctx, [])
    return score_indicator(spec, measurement).outcome


def test_beijing_8_to_2_area_ratio_takes_effect() -> None:
    center = {"areas": {"service": 400, "office": 150, "usable": 600}}  # 72.7 % service
    assert _run(resolve().indicator("A4"), center) is Outcome.PASS
    beijing = resolve(profile="beijing-open-space").indicator("A4")
    assert beijing.params["min_service_share"] == 0.8
    assert _run(beijing, center) is Outcome.FAIL
    origin = resolve(profile="beijing-open-space").origin("indicators/A4/params/min_service_share")
    assert origin is not None and origin.file == "checklists/profiles/beijing-open-space.yaml"


def test_wuhan_office_at_most_a_tenth_takes_effect() -> None:
    center = {"areas": {"service": 450, "office": 80, "usable": 600}}  # office 13 %
    assert _run(resolve().indicator("A4"), center) is Outcome.PASS
    wuhan = resolve(profile="wuhan-jinyinhu-yigang").indicator("A4")
    assert wuhan.params["max_office_share"] == 0.1
    assert _run(wuhan, center) is Outcome.FAIL
    ok = {"areas": {"service": 500, "office": 55, "usable": 600}}
    assert _run(wuhan, ok) is Outcome.PASS


def test_chaoyang_inherits_beijing_and_adds_its_merged_stations() -> None:
    r = resolve(profile="chaoyang-huamao")
    assert r.layers == ("gbt36735-annual", "beijing-open-space", "chaoyang-huamao")
    assert r.indicator("A4").params["min_service_share"] == 0.8  # Beijing's 8:2, not 0.85
    assert r.origin("indicators/A4/params/min_service_share").layer == "beijing-open-space"  # type: ignore[union-attr]
    assert r.indicator("A1").points == 3  # the national weight: the sources give none
    assert {s.id for s in r.indicators if s.area == "X"} == {"X1", "X2", "X3", "X4"}


def test_xian_keeps_national_visits_and_requires_ten_things() -> None:
    r = resolve(profile="xian-yanta")
    freq = r.indicator("D2").params["frequencies"]
    assert freq["general"] == "semiannual"  # the article gives no visit frequency
    ten = r.indicator("X4")
    assert (ten.method, ten.kind, ten.area, ten.points) == ("deduct", "config_values", "X", 2)


def test_jiaxing_composite_and_cap() -> None:
    r = resolve(profile="jiaxing-composite")
    assert r.composite == {"street": 0.3, "peer": 0.1, "resident": 0.6}
    assert r.excellent_cap == 0.2
    assert resolve().composite == {"street": 0.6, "resident": 0.4}


def test_four_grades() -> None:
    r = resolve(profile="four-grades")
    assert [g.name for g in r.grades] == ["优秀", "良好", "合格", "不合格"]
    assert r.grade(65).name == "合格" and resolve().grade(65).name == "基本合格"
