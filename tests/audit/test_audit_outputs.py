"""`cscaudit audit` writes its JSON and scorecard together or not at all, and refuses an
output path it could not write before it audits."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app

NINGBO = Path(__file__).resolve().parents[2] / "samples" / "centers" / "ningbo-yinzhou-heyue"


def test_unwritable_scorecard_path_leaves_no_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["audit", str(NINGBO), "-q", "-o", str(tmp_path / "no" / "x.xlsx"),
                                      "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert "不存在" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_same_path_for_both_outputs_is_refused(tmp_path: Path) -> None:
    same = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(NINGBO), "-q", "-o", str(same), "--json", str(same)])
    assert result.exit_code == 2
    assert not same.exists()


def test_both_outputs_written(tmp_path: Path) -> None:
    card, data = tmp_path / "card.xlsx", tmp_path / "r.json"
    result = CliRunner().invoke(app, ["audit", str(NINGBO), "-q", "-o", str(card), "--json", str(data)])
    assert result.exit_code == 0, result.output
    assert data.read_text(encoding="utf-8").startswith("{")
    assert len(load_workbook(card).sheetnames) >= 3  # a real scorecard that opens
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.xlsx", "r.json"]
