"""A catalogue name written where an id belongs gets the id; each problem is reported once."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cscaudit.cli.app import app

CENTER = """kind: center
schema_version: 1
id: demo
name: 示例中心
zones: [咨询服务区, consultaton]
"""


def _problems(path: Path) -> list[dict[str, object]]:
    run = CliRunner().invoke(app, ["validate", str(path), "--format", "json", "--lang", "en"])
    assert run.exit_code == 1, run.output
    problems: list[dict[str, object]] = json.loads(run.output)["files"][0]["problems"]
    return problems


def test_zone_name_suggests_its_id_and_typo_suggests_closest(tmp_path: Path) -> None:
    path = tmp_path / "center.yaml"
    path.write_text(CENTER, encoding="utf-8")
    zones = [p for p in _problems(path) if p["code"] == "unknown-zone"]
    assert [(p["line"], p["column"]) for p in zones] == [(5, 9), (5, 16)]
    assert "write its id here: consultation" in str(zones[0]["message"])
    assert "consultation" in str(zones[1]["message"])


def test_identical_problems_are_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "center.yaml"
    path.write_text(CENTER, encoding="utf-8")
    problems = _problems(path)
    keys = [(p["line"], p["column"], p["code"], p["message"]) for p in problems]
    assert len(keys) == len(set(keys))
