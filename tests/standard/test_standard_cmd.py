"""`cscaudit standard` through the real application (typer's CliRunner)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.config.standard import load_standard

runner = CliRunner()
STD = load_standard()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["standard", *args])
    return result.exit_code, result.stdout, result.stderr


def test_overview_in_chinese_by_default() -> None:
    code, out, _ = run()
    assert code == 0
    assert "内部编号，不是官方条款号" in out
    assert "N36735.6.2   包片联户  [11]" in out
    assert "visit-content" in out


def test_requirements_show_level_confidence_and_unverified_clause() -> None:
    code, out, _ = run("requirements")
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("N36735.6.2.6 "))
    assert "应" in line and "已确认" in line and "未核实" in line and "老年居民" in line
    assert sum(1 for ln in out.splitlines() if ln.startswith("N36735.")) == len(STD.requirements)


def test_requirement_prefix_in_english() -> None:
    code, out, _ = run("n36735.4.3", "--lang", "en")
    assert code == 0
    rows = [ln for ln in out.splitlines() if ln.startswith("N36735.")]
    assert len(rows) == 8 and all(ln.startswith("N36735.4.3.") for ln in rows)
    assert "unverified" in rows[0] and "first-contact" in rows[0]


@pytest.mark.parametrize(("section", "expect"), [
    ("items", "civil.subsistence_allowance"),
    ("processes", "← activities.plan_on"),
    ("content", "elderly_alone"),
    ("plans", "停电"),
    ("zones", "暖心驿站"),
    ("postings", "社工去向牌"),
    ("amenities", "老花镜"),
])
def test_each_section(section: str, expect: str) -> None:
    code, out, _ = run(section)
    assert code == 0 and expect in out


def test_json_content_per_group() -> None:
    code, out, _ = run("content", "--format", "json")
    assert code == 0
    data = json.loads(out)
    groups = {g["id"]: g["content"] for g in data["groups"]}
    assert groups["elderly_high_risk"] == list(STD.required_content("elderly"))
    assert data["section"] == "content" and data["standard"] == "GB/T 36735-2018"


def test_json_requirements_carry_provenance() -> None:
    data = json.loads(run("requirements", "-f", "json")[1])
    first = data["requirements"][0]
    assert set(first) == {"id", "title", "level", "clause", "verified", "source", "confidence", "part"}
    assert first["clause"] is None and first["verified"] is False
    assert run("requirements", "-f", "json")[1] == run("requirements", "-f", "json")[1]


def test_unknown_section_is_a_usage_error_with_a_suggestion() -> None:
    code, out, err = run("postngs")
    assert code == 2 and out == ""
    assert "postings" in err and "Traceback" not in err


def test_unknown_requirement_prefix() -> None:
    code, _, err = run("N36735.9", "--lang", "en")
    assert code == 2 and "unknown section" in err


def test_bad_format() -> None:
    code, _, err = run("--format", "xml")
    assert code == 2 and "xml" in err


def test_content_section_shows_synonyms_and_phrasings() -> None:
    text = runner.invoke(app, ["standard", "content"]).output
    line = next(x for x in text.splitlines() if x.strip().startswith("communication"))
    assert "有效沟通" in line and "听取/倾听" in line
    assert "任一项即可" in text
