"""An inspection-findings file beside center.yaml must be that center's and not dated before
its period: `audit` refuses it, `validate` flags it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.validate.conftest import run_json

WUHAN = Path(__file__).resolve().parents[2] / "samples" / "centers" / "wuhan-jinyinhu-qinghe"


def _center_with_findings(tmp_path: Path, center: str, inspected_on: str) -> Path:
    folder = tmp_path / "wuhan"
    shutil.copytree(WUHAN, folder)
    findings = folder / "inspection-findings.yaml"
    findings.write_text(
        f"kind: inspection-findings\nschema_version: 1\ncenter: {center}\ninspected_on: \"{inspected_on}\"\n"
        "inspectors: [街道]\nresults:\n  - {indicator: R2, result: fail}\n", encoding="utf-8")
    return findings


def test_findings_of_another_center_and_an_earlier_year_are_flagged(tmp_path: Path) -> None:
    findings = _center_with_findings(tmp_path, "c999", "2023-01-08")
    code, report = run_json(str(findings))
    assert code == 1
    problems = report["files"][0]["problems"]
    assert [(p["code"], p["line"]) for p in problems] == [
        ("findings-other-center", 3), ("findings-before-period", 4)]
    assert "c999" in problems[0]["message"] and "wuhan-jinyinhu-qinghe" in problems[0]["message"]


def test_the_center_s_own_findings_pass(tmp_path: Path) -> None:
    findings = _center_with_findings(tmp_path, "wuhan-jinyinhu-qinghe", "2025-01-08")
    code, report = run_json(str(findings))
    assert (code, report["files"][0]["problems"]) == (0, [])


def test_findings_without_a_center_beside_are_not_cross_checked(tmp_path: Path) -> None:
    findings = tmp_path / "核查.yaml"
    findings.write_text("kind: inspection-findings\nschema_version: 1\ncenter: c999\n"
                        "inspected_on: \"2023-01-08\"\nresults: []\n", encoding="utf-8")
    code, report = run_json(str(findings))
    assert (code, report["files"][0]["problems"]) == (0, [])
