"""The on-site checklist end to end: items stay not_reviewed until a findings file judges them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cscaudit.engine.audit import AuditOptions, audit_center
from cscaudit.errors import ConfigError
from cscaudit.ingest.inspection import load_inspection_findings
from cscaudit.results.model import Outcome

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "samples" / "centers" / "ningbo-yinzhou-heyue"

FINDINGS = """\
kind: inspection-findings
schema_version: 1
center: ningbo-yinzhou-heyue
inspected_on: 2024-12-10
checklist: gbt36735-onsite
results:
  - {indicator: S1, result: pass, note: 标牌统一}
  - {indicator: S4, result: fail, note: 等候区未见老花镜, evidence: [照片 07]}
  - {indicator: P1, result: partial, note: 两名社工未佩戴工作牌}
  - {indicator: R3, result: not_applicable, note: 物资库改造中，另行核查}
"""


@pytest.fixture
def center(tmp_path: Path) -> Path:
    """The Ningbo sample's configuration without its exports: the on-site items read none."""
    if not (SAMPLE / "center.yaml").is_file():
        pytest.skip("sample center not generated")
    target = tmp_path / "center"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("exports"))
    (target / "exports").mkdir()
    config = target / "center.yaml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(x for x in lines if not x.startswith("profile:")), encoding="utf-8")
    return target


def test_onsite_checklist_with_findings(center: Path, tmp_path: Path) -> None:
    findings = tmp_path / "findings.yaml"
    findings.write_text(FINDINGS, encoding="utf-8")
    result = audit_center(center, AuditOptions(checklist="gbt36735-onsite", findings=findings, year=2024))
    outcomes = {r.id: r.outcome for r in result.indicators}
    assert outcomes["S1"] == Outcome.PASS
    assert outcomes["S4"] == Outcome.FAIL
    assert outcomes["P1"] == Outcome.PARTIAL
    assert outcomes["R3"] == Outcome.NOT_APPLICABLE
    assert outcomes["S2"] == Outcome.NOT_REVIEWED
    s4 = [f for f in result.findings if f.indicator == "S4"]
    assert len(s4) == 1 and "等候区未见老花镜" in s4[0].message.zh
    assert [e.key for e in s4[0].evidence] == ["照片 07"]
    assert result.score.denominator == pytest.approx(5 + 5 + 6)  # S1, S4, P1 judged; R3 N/A


def test_a_result_given_twice_is_an_error(tmp_path: Path) -> None:
    findings = tmp_path / "findings.yaml"
    findings.write_text(FINDINGS + "  - {indicator: S1, result: fail}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_inspection_findings(findings)
    assert err.value.line == 11  # the repeated entry
