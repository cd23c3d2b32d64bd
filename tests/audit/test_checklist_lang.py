"""`checklist show|resolve --lang en` prints grade names in English, and the extends-cycle
message shows the chain as `extends` reads, with one arrow in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.checklist.resolution import resolve
from cscaudit.cli.app import app
from cscaudit.errors import ConfigError


@pytest.mark.parametrize("args", [["show"], ["resolve", "--profile", "four-grades"]])
def test_grades_in_english(args: list[str]) -> None:
    run = CliRunner().invoke(app, ["checklist", *args, "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert "excellent≥90 / good≥80" in run.output
    assert "优秀" not in run.output and "不合格" not in run.output


def test_grades_in_chinese_by_default() -> None:
    run = CliRunner().invoke(app, ["checklist", "show"])
    assert run.exit_code == 0, run.output
    assert "优秀≥90 / 良好≥80" in run.output


def test_extends_cycle_shows_the_chain_in_order(tmp_path: Path) -> None:
    for me, parent in (("ca", "cb"), ("cb", "ca")):
        (tmp_path / f"{me}.yaml").write_text(
            f"kind: profile\nschema_version: 1\nid: {me}\ntitle: {{zh: {me}, en: {me}}}\n"
            f"extends: ./{parent}.yaml\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve(profile=tmp_path / "ca.yaml")
    assert info.value.message.en.endswith("extends forms a cycle: ca → cb → ca")
    assert info.value.message.zh.endswith("extends 形成循环：ca → cb → ca")
