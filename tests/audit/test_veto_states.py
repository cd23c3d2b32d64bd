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
# 6 疑点: the 27 visits dated 2025 are out of the period (an info note), and the visits
# bunched on 2024-12-25 carry no 录入时间 to judge a burst on: neither is a sign.
PENDING = "疑点 6 项，待核实；核实属实的按一票否决处理"


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


CLEARED = "V1 台账真实性（台账造假一票否决）：疑点经现场核实未发现造假（现场核查 R2 通过）"


def _findings(path: Path, center: str = "wuhan-jinyinhu-qinghe", inspected_on: str = "2025-01-08",
              result: str = "pass") -> Path:
    path.write_text(
        f"kind: inspection-findings\nschema_version: 1\ncenter: {center}\n"
        f"inspected_on: {inspected_on}\nresults:\n  - {{indicator: R2, result: {result}}}\n",
        encoding="utf-8")
    return path


def test_a_phone_check_passed_on_site_clears_the_suspicions(tmp_path: Path) -> None:
    """The given findings replace the center's own; R2 `pass`: the 疑点 were checked and not
    confirmed, the veto is none and says why, in JSON, console and scorecard."""
    passed = _findings(tmp_path / "passed.yaml")
    out, card = tmp_path / "r.json", tmp_path / "card.xlsx"
    code, output = _audit(str(WUHAN), "--findings", str(passed), "--json", str(out), "-o", str(card))
    assert code == 0, output
    result = json.loads(out.read_text(encoding="utf-8"))
    assert (result["score"]["veto"], result["score"]["veto_reason"]) == ("none", CLEARED)
    v1 = next(i for i in result["indicators"] if i["id"] == "V1")
    assert (v1["outcome"], v1["veto_state"]) == ("pass", "none")
    flat = "".join(output.split())  # the console wraps long lines
    assert "一票否决待核实" not in flat and "".join(CLEARED.split()) in flat
    from openpyxl import load_workbook

    overview = [str(c) for row in load_workbook(card)["总览"].iter_rows(values_only=True)
                for c in row if c is not None]
    assert CLEARED in overview


def test_findings_of_another_center_are_refused(tmp_path: Path) -> None:
    other = _findings(tmp_path / "other.yaml", center="c999", result="fail")
    code, output = _audit(str(WUHAN), "--no-xlsx", "-q", "--findings", str(other))
    assert code == 2
    flat = output.replace("\n", "")
    assert "c999" in flat and "wuhan-jinyinhu-qinghe" in flat and "other.yaml:3" in flat
    assert "Traceback" not in output


def test_findings_dated_before_the_period_are_refused(tmp_path: Path) -> None:
    old = _findings(tmp_path / "old.yaml", inspected_on="2023-01-08", result="fail")
    code, output = _audit(str(WUHAN), "--no-xlsx", "-q", "--findings", str(old))
    assert code == 2
    assert "2023-01-08" in output and "old.yaml:4" in output.replace("\n", "")


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
