"""Loading centers: the three samples, inline and file plans, and invalid centers with the
file, line and column of the problem."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cscaudit.config.center import load_center
from cscaudit.config.standard import load_standard
from cscaudit.errors import ConfigError, InputError

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "centers"
STD = load_standard()
YEAR_END = dt.date(2024, 12, 31)


def test_ningbo_is_complete() -> None:
    c = load_center(SAMPLES / "ningbo-yinzhou-heyue")
    assert (c.id, c.street, c.district, c.city, c.profile, c.year) == (
        "ningbo-yinzhou-heyue", "明湖街道", "鄞州区", "宁波市", "yinzhou-ningbo", 2024)
    assert c.exports == {"dir": "exports"}
    assert c.root == SAMPLES / "ningbo-yinzhou-heyue"
    for name, ids in (("zones", c.zone_ids), ("postings", c.posting_ids), ("amenities", c.amenity_ids)):
        required = {k for k, e in STD.catalogue(name).items() if e.required}
        assert required <= set(ids), name
    categories = {STD.service_items[i].category for i in c.service_item_ids}
    assert {k for k, e in STD.categories.items() if e.required} <= categories
    for item in c.data["service_items"]:
        assert set(STD.item_fields) <= set(item), item["id"]
    assert all(p.get("backup") and p["backup"] != p["holder"] for p in c.posts)
    assert {cls for p in c.plans for cls in p.classes} == set(STD.event_classes)
    for plan in c.plans:
        assert plan.missing_sections(STD.required_sections()) == ()
        assert plan.contacts is not None and plan.contacts.age_days(YEAR_END) is not None
        assert 0 <= (plan.contacts.age_days(YEAR_END) or 0) <= 365
    power = next(p for p in c.plans if "停电" in p.title)
    assert (power.classes, power.subtypes) == (("accident",), ("power_outage",))


def test_beijing_has_some_gaps() -> None:
    c = load_center(SAMPLES / "beijing-changping-xinyuan")
    missing_postings = {k for k, e in STD.postings.items() if e.required} - set(c.posting_ids)
    assert missing_postings == {"proxy_service", "worker_whereabouts"}
    missing_amenities = {k for k, e in STD.amenities.items() if e.required} - set(c.amenity_ids)
    assert missing_amenities == {"reading_glasses", "first_aid_kit"}
    areas = c.data["areas"]
    assert areas["service"] / (areas["service"] + areas["office"]) >= 0.8  # Beijing 8:2 met
    assert [p["id"] for p in c.posts if not p.get("backup")] == ["admin"]
    bare = next(p for p in c.plans if "停电" in p.title)
    assert {"information_report", "aftermath", "plan_management"}.isdisjoint(bare.section_ids)
    assert bare.missing_sections(STD.required_sections()) == ()  # valid, but only the minimum
    general = next(p for p in c.plans if "综合" in p.title)
    assert general.contacts is not None and (general.contacts.age_days(YEAR_END) or 0) > 365


def test_wuhan_fails_its_profile() -> None:
    c = load_center(SAMPLES / "wuhan-jinyinhu-qinghe")
    areas = c.data["areas"]
    assert areas["office"] / areas["usable"] > 0.1  # Wuhan: office at most a tenth
    assert len(c.plans) == 2
    inline = c.plans[1]
    assert inline.inline and inline.path == SAMPLES / "wuhan-jinyinhu-qinghe" / "center.yaml"
    assert inline.line == inline.source.locate(("emergency_plans", 1))[0]
    assert inline.sections[0].section_id == "general_provisions"  # via 适用范围
    for plan in c.plans:
        assert plan.contacts is not None and (plan.contacts.age_days(YEAR_END) or 0) > 365
    assert {cls for p in c.plans for cls in p.classes} == {"natural_disaster", "accident", "public_health"}


def test_center_yaml_path_or_folder_are_the_same() -> None:
    a = load_center(SAMPLES / "ningbo-yinzhou-heyue")
    b = load_center(SAMPLES / "ningbo-yinzhou-heyue" / "center.yaml")
    assert a.data == b.data and a.root == b.root


# ---------------------------------------------------------------- invalid centers
MINIMAL = """kind: center
schema_version: 1
id: test-center
name: 测试社区便民服务中心
street: 测试街道
district: 测试区
"""


def _center(tmp_path: Path, body: str) -> Path:
    (tmp_path / "center.yaml").write_text(MINIMAL + body, encoding="utf-8")
    return tmp_path


def _plan(tmp_path: Path, name: str, body: str) -> None:
    (tmp_path / "plans").mkdir(exist_ok=True)
    (tmp_path / "plans" / name).write_text(body, encoding="utf-8")


PLAN = """kind: emergency-plan
schema_version: 1
title: 测试预案
classes: [停电]
sections:
  - {title: 总则}
contacts:
  updated_on: 2024-01-02
  entries:
    - {role: 负责人, phone: "12345"}
"""


def _error(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_center(path)
    return info.value


def test_minimal_center_loads_without_plans(tmp_path: Path) -> None:
    c = load_center(_center(tmp_path, ""))
    assert c.plans == () and c.exports is None and c.city is None and c.profile is None


@pytest.mark.parametrize(("body", "line", "column", "words"), [
    ("year: 二〇二四\n", 7, 7, "integer"),
    ("areas: {office: -5}\n", 7, 17, "at least 0"),
    ("zones: [Service Hall]\n", 7, 9, ""),
    ("colour: red\n", 7, 1, "colour"),
    ("opening_hours:\n  - {days: [monday], open: '08:30', close: '17:00'}\n", 8, 13, ""),
    ("service_items:\n  - {id: civil.subsistence_allowance, time_limit_days: 三十}\n", 8, 56, ""),
    ("emergency_plans:\n  - {file: /etc/passwd.yaml}\n", 8, 12, ""),
])
def test_schema_errors_point_at_the_value(tmp_path: Path, body: str, line: int, column: int,
                                          words: str) -> None:
    err = _error(_center(tmp_path, body))
    assert (Path(err.file or ""), err.line, err.column) == (tmp_path / "center.yaml", line, column)
    assert words in err.message.en
    assert err.render("zh").startswith(f"{tmp_path / 'center.yaml'}:{line}:{column}: ")


def test_missing_required_field(tmp_path: Path) -> None:
    (tmp_path / "center.yaml").write_text(MINIMAL.replace("street: 测试街道\n", ""), encoding="utf-8")
    err = _error(tmp_path)
    assert (err.line, err.column) == (1, 1) and "street" in err.message.en


def test_wrong_kind(tmp_path: Path) -> None:
    (tmp_path / "center.yaml").write_text(PLAN, encoding="utf-8")
    err = _error(tmp_path)
    assert err.line == 1 and "center" in err.message.en


def test_plan_file_missing(tmp_path: Path) -> None:
    err = _error(_center(tmp_path, "emergency_plans:\n  - file: plans/nowhere.yaml\n"))
    assert (err.line, err.column) == (8, 11) and "plans/nowhere.yaml" in err.message.en


def test_plan_file_outside_the_center(tmp_path: Path) -> None:
    center = tmp_path / "c"
    center.mkdir()
    (tmp_path / "elsewhere.yaml").write_text(PLAN, encoding="utf-8")
    err = _error(_center(center, "emergency_plans:\n  - file: ../elsewhere.yaml\n"))
    assert (err.line, err.column) == (8, 11) and "outside" in err.message.en


def test_plan_listed_twice(tmp_path: Path) -> None:
    _plan(tmp_path, "a.yaml", PLAN)
    err = _error(_center(tmp_path, "emergency_plans:\n  - file: plans/a.yaml\n  - file: plans/a.yaml\n"))
    assert (err.line, err.column) == (9, 11) and "twice" in err.message.en


def test_error_inside_a_plan_file_names_the_plan(tmp_path: Path) -> None:
    _plan(tmp_path, "a.yaml", PLAN.replace('phone: "12345"', "phone: call me"))
    err = _error(_center(tmp_path, "emergency_plans:\n  - file: plans/a.yaml\n"))
    assert err.file == str(tmp_path / "plans" / "a.yaml")
    assert (err.line, err.column) == (10, 26)


def test_plan_of_another_center(tmp_path: Path) -> None:
    _plan(tmp_path, "a.yaml", PLAN.replace("title: 测试预案\n", "title: 测试预案\ncenter: other\n"))
    err = _error(_center(tmp_path, "emergency_plans:\n  - file: plans/a.yaml\n"))
    assert err.file == str(tmp_path / "plans" / "a.yaml") and (err.line, err.column) == (4, 9)


def test_inline_plan_error_points_into_center_yaml(tmp_path: Path) -> None:
    body = ("emergency_plans:\n  - title: 内嵌预案\n    classes: [停电]\n"
            "    sections:\n      - {title: 总则}\n    contacts: {updated_on: 2024-13-01, entries: []}\n")
    err = _error(_center(tmp_path, body))
    assert err.file == str(tmp_path / "center.yaml") and err.line == 12


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    err = _error(_center(tmp_path, "name: 又一个名字\n"))
    assert (err.line, err.column) == (7, 1) and "duplicate" in err.message.en


def test_plans_folder_is_discovered_when_not_listed(tmp_path: Path) -> None:
    _plan(tmp_path, "b.yaml", PLAN.replace("测试预案", "乙预案"))
    _plan(tmp_path, "a.yaml", PLAN)
    c = load_center(_center(tmp_path, ""))
    assert [p.title for p in c.plans] == ["测试预案", "乙预案"]
    assert c.plans[0].contacts is not None
    assert c.plans[0].contacts.updated_on == dt.date(2024, 1, 2)
    assert c.plans[0].section_ids == {"general_provisions", "contact_list"}


def test_an_empty_plans_list_loads_no_plans(tmp_path: Path) -> None:
    _plan(tmp_path, "a.yaml", PLAN)
    assert load_center(_center(tmp_path, "emergency_plans: []\n")).plans == ()


def test_not_a_center(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_center(tmp_path)
    assert info.value.file == str(tmp_path / "center.yaml")


def test_a_copied_sample_stays_valid(tmp_path: Path) -> None:
    target = tmp_path / "copy"
    shutil.copytree(SAMPLES / "wuhan-jinyinhu-qinghe", target, ignore=shutil.ignore_patterns("exports"))
    assert load_center(target).id == "wuhan-jinyinhu-qinghe"
