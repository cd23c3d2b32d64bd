"""`--lang en`: the console summary and the stated rules carry no Chinese terms of their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.report.district.worker_table import WORKER_RULE
from tests.assess.conftest import make_district

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.usefixtures("fake_audit")
def test_console_summary_names_grades_in_english(tmp_path: Path) -> None:
    root = make_district(tmp_path / "d", ["good", "weak"])
    result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--no-xlsx",
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.strip().startswith("1.")]
    assert lines and "excellent" in lines[0] and "优秀" not in result.output
    zh = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--no-xlsx"])
    assert "优秀" in zh.output


def test_worker_rule_in_english_has_no_chinese() -> None:
    assert not CJK.search(WORKER_RULE("en")), WORKER_RULE("en")
    assert "差评" in WORKER_RULE("zh")
