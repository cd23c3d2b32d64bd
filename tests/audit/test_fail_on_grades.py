"""`--fail-on GRADE` uses the grades of the checklist in force (a profile's own names included),
by Chinese name or name_en, and fires at that grade or worse in that checklist's order."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.errors import ConfigError
from cscaudit.results.grades import Grade
from cscaudit.scoring.fail_on import parse_fail_on

WUHAN = Path(__file__).resolve().parents[2] / "samples" / "centers" / "wuhan-jinyinhu-qinghe"
THREE = (Grade("好", "好", 90), Grade("较好", "fair", 60), Grade("差", "差", 0))
G3 = """kind: profile
schema_version: 1
id: g3
title: {zh: 三档, en: three}
extends: gbt36735-annual
grades: [{name: 好, min: 90}, {name: 较好, min: 60}, {name: 差, min: 0}]
"""


def _result(grade: str) -> Any:
    return SimpleNamespace(score=SimpleNamespace(grade=grade, veto=False), findings=())


@pytest.mark.parametrize(("value", "grade", "fires"), [
    ("差", "差", True), ("差", "较好", False), ("较好", "差", True), ("较好", "较好", True),
    ("FAIR", "差", True), ("好", "较好", True), ("好", "好", True),
])
def test_a_profile_grade_fires_at_it_or_worse(value: str, grade: str, fires: bool) -> None:
    assert parse_fail_on(value, THREE).reached(_result(grade)) is fires


@pytest.mark.parametrize("value", ["不合格", "basic pass", "fail"])
def test_a_grade_the_checklist_does_not_have_lists_the_valid_ones(value: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_fail_on(value, THREE)
    assert "好、较好、差" in info.value.message.zh
    assert "fair (较好)" in info.value.message.en


@pytest.mark.parametrize(("value", "grade"), [
    ("basic pass", "基本合格"), ("Basic Pass", "基本合格"), ("basic", "基本合格"),
    ("fail", "不合格"), ("合格", "合格"),
])
def test_default_grades_by_either_name(value: str, grade: str) -> None:
    threshold = parse_fail_on(value)
    assert threshold.grade == grade
    assert threshold.reached(_result("不合格")) and not threshold.reached(_result("优秀"))


def test_cli_fail_on_uses_the_profiles_grades(tmp_path: Path) -> None:
    profile = tmp_path / "g3.yaml"
    profile.write_text(G3, encoding="utf-8")
    base = ["audit", str(WUHAN), "--profile", str(profile), "--no-xlsx", "-q", "--fail-on"]
    worst = CliRunner().invoke(app, [*base, "差"])
    assert worst.exit_code == 1, worst.output
    unknown = CliRunner().invoke(app, [*base, "不合格"])
    assert unknown.exit_code == 2, unknown.output
    assert "好、较好、差" in unknown.output and "Traceback" not in unknown.output
