"""The `assess` command's own behaviour (outputs, exit codes, messages) with a stand-in audit.

The real engine is exercised end to end in test_e2e.py; here each center's outcome is chosen
by the test so that exit codes and failure rows are checked exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.engine.district import assessment as assessment_module
from cscaudit.scoring.district.settings import AssessSettings
from tests.assess.conftest import make_district as _district


@pytest.mark.usefixtures("fake_audit")
def test_failed_center_gets_its_row_run_completes_exit_2(tmp_path: Path) -> None:
    root = _district(tmp_path / "d", ["good", "broken", "weak"])
    out, run = tmp_path / "a.xlsx", tmp_path / "run.json"
    result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "-o", str(out),
                                      "--json", str(run), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "cannot audit s/broken" in result.output
    data = json.loads(run.read_text(encoding="utf-8"))
    assert [r["center"]["id"] for r in data["ranking"]] == ["good", "weak"]
    assert data["failed"][0]["path"] == "s/broken"
    wb = openpyxl.load_workbook(out)
    assert "× broken" in wb.sheetnames


@pytest.mark.usefixtures("fake_audit")
def test_fail_on_grade_exits_1_and_json_is_stable(tmp_path: Path) -> None:
    root = _district(tmp_path / "d", ["good", "weak"])
    runs = []
    for i in range(2):
        run = tmp_path / f"run{i}.json"
        result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--no-xlsx",
                                          "--json", str(run), "--fail-on", "基本合格"])
        assert result.exit_code == 1, result.output
        runs.append(run.read_bytes())
    assert runs[0] == runs[1]
    ok = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--no-xlsx",
                                  "--fail-on", "critical"])
    assert ok.exit_code == 0, ok.output


@pytest.mark.usefixtures("fake_audit")
def test_previous_run_feeds_the_change_columns(tmp_path: Path) -> None:
    root = _district(tmp_path / "d", ["good", "weak"])
    last = tmp_path / "last.json"
    last.write_text(json.dumps({"ranking": [
        {"rank": 1, "composite": 60.0, "grade": "基本合格", "center": {"id": "weak"}},
        {"rank": 2, "composite": 90.0, "grade": "优秀", "center": {"id": "good"}}]}),
        encoding="utf-8")
    run = tmp_path / "run.json"
    result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--no-xlsx",
                                      "--json", str(run), "--previous", str(last)])
    assert result.exit_code == 0, result.output
    good, weak = json.loads(run.read_text(encoding="utf-8"))["ranking"]
    assert (good["delta"], good["rank_change"]) == (round(0.6 * 95 + 0.4 * 90 - 90, 2), 1)
    assert (weak["delta"], weak["rank_change"]) == (round(0.6 * 55 + 0.4 * 90 - 60, 2), -1)


def test_unusable_inputs_exit_2_without_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["assess", str(tmp_path / "missing"), "--lang", "en"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "does not exist" in result.output
    (tmp_path / "d").mkdir()
    bad_peer = tmp_path / "peer.csv"
    bad_peer.write_text("center_id,score\nx,abc\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", str(tmp_path / "d"), "--peer", str(bad_peer)])
    assert result.exit_code == 2 and "peer.csv:2:2" in result.output


def test_peer_scores_with_a_30_10_60_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             fake_audit: None) -> None:
    from cscaudit.scoring.district.settings import Weights

    monkeypatch.setattr(assessment_module, "settings_for", lambda *_: AssessSettings(
        weights=Weights(street=0.3, resident=0.6, peer=0.1)))
    root = _district(tmp_path / "d", ["good", "weak"])
    peer = tmp_path / "peer.csv"
    peer.write_text("center_id,score\ngood,80\n", encoding="utf-8")
    run = tmp_path / "run.json"
    result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--json", str(run),
                                      "-o", str(tmp_path / "a.xlsx"), "--peer", str(peer)])
    assert result.exit_code == 0, result.output
    good, weak = json.loads(run.read_text(encoding="utf-8"))["ranking"]
    assert good["peer_part"] == 80.0 and good["missing_parts"] == []
    assert good["composite"] == round(0.3 * 95 + 0.1 * 80 + 0.6 * 90, 2)
    assert weak["peer_part"] is None and weak["missing_parts"] == ["peer"]
    assert weak["composite"] == round((0.3 * 55 + 0.6 * 90) / 0.9, 2)
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx")["排名"]
    assert not ws.column_dimensions["H"].hidden  # the peer part
    notes = [c.value for c in ws["L"] if isinstance(c.value, str)]
    assert any("缺少同级互评" in n for n in notes)
