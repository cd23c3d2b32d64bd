"""The veto through the CLI: 疑点 alone leave it pending (grade as scored, `--fail-on veto`
passes, `veto-pending` fails); the center's inspection-findings file, or `--findings`,
confirms it (applied, lowest grade)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app

WUHAN = Path(__file__).resolve().parents[2] / "samples" / "centers" / "wuhan-jinyinhu-qinghe"
PENDING = "疑点 8 项，待核实；核实属实的按一票否决处理"


def _audit(*args: str) -> tuple[int, str]:
    run = CliRunner().invoke(app, ["audit", *args])
    assert run.exception is None or isinstance(run.exception, SystemExit), run.exception
    return run.exit_code, run.output


@pytest.fixture(scope="module")
def unverified(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Wuhan without its inspection-findings file: the signs are still there, unverified."""
    center = tmp_path_factory.mktemp("veto") / "wuhan"
    shutil.copytree(WUHAN, center)
    (center / "inspection-findings.yaml").unlink()
    return center


def _json(center: Path, out: Path, *extra: str) -> dict[str, object]:
    code, output = _audit(str(center), "--no-xlsx", "-q", "--json", str(out), *extra)
    assert code == 0, output
    score: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))["score"]
    return score


def test_unverified_signs_are_pending(unverified: Path, tmp_path: Path) -> None:
    score = _json(unverified, tmp_path / "r.json")
    assert (score["veto"], score["veto_reason"], score["grade"]) == ("pending", PENDING, "不合格")
    code, output = _audit(str(unverified), "--no-xlsx")
    assert code == 0
    assert f"一票否决: {PENDING}" in output.replace("\n", "")
    assert "不合格（一票否决待核实）" in output


@pytest.mark.parametrize(("fail_on", "code"), [("veto", 0), ("veto-pending", 1)])
def test_fail_on_veto_is_the_applied_veto(unverified: Path, fail_on: str, code: int) -> None:
    assert _audit(str(unverified), "--no-xlsx", "-q", "--fail-on", fail_on)[0] == code


def test_findings_given_confirm_the_veto(unverified: Path, tmp_path: Path) -> None:
    findings = tmp_path / "核查.yaml"
    findings.write_text(
        "kind: inspection-findings\nschema_version: 1\ncenter: wuhan-jinyinhu-qinghe\n"
        "inspected_on: 2025-01-08\nresults:\n  - {indicator: R2, result: fail, note: 3 户称无人上门}\n",
        encoding="utf-8")
    score = _json(unverified, tmp_path / "r.json", "--findings", str(findings))
    assert (score["veto"], score["grade"]) == ("applied", "不合格")
    assert score["veto_reason"] == "V1 台账真实性（台账造假一票否决）：现场核查 R2 核实属实：3 户称无人上门"
    assert _audit(str(unverified), "--no-xlsx", "-q", "--findings", str(findings),
                  "--fail-on", "veto")[0] == 1


def test_the_center_s_own_findings_file_is_found(tmp_path: Path) -> None:
    score = _json(WUHAN, tmp_path / "r.json")
    assert score["veto"] == "applied"
    assert "现场核查 R2 核实属实：抽取 5 条走访记录电话回访" in str(score["veto_reason"])


def test_given_findings_replace_the_center_s_own(tmp_path: Path) -> None:
    passed = tmp_path / "passed.yaml"
    passed.write_text(
        "kind: inspection-findings\nschema_version: 1\ncenter: wuhan-jinyinhu-qinghe\n"
        "inspected_on: 2025-01-08\nresults:\n  - {indicator: R2, result: pass}\n", encoding="utf-8")
    assert _json(WUHAN, tmp_path / "r.json", "--findings", str(passed))["veto"] == "pending"


def test_an_inspector_s_note_is_masked_wherever_the_veto_is_stated(unverified: Path,
                                                                     tmp_path: Path) -> None:
    findings = tmp_path / "核查.yaml"
    findings.write_text(
        "kind: inspection-findings\nschema_version: 1\ncenter: wuhan-jinyinhu-qinghe\n"
        "inspected_on: 2025-01-08\nresults:\n"
        "  - {indicator: R2, result: fail, note: 住户 13812345678 称无人上门}\n", encoding="utf-8")
    out, card = tmp_path / "r.json", tmp_path / "card.xlsx"
    code, output = _audit(str(unverified), "--findings", str(findings), "--json", str(out),
                          "-o", str(card))
    assert code == 0, output
    from openpyxl import load_workbook

    overview = [str(c) for row in load_workbook(card)["总览"].iter_rows(values_only=True)
                for c in row if c is not None]
    shown = (json.loads(out.read_text(encoding="utf-8"))["score"]["veto_reason"],
             output.replace("\n", ""), next(c for c in overview if "R2 核实属实" in c))
    for text in shown:
        assert "138****5678" in text and "13812345678" not in text
