"""End to end: the audit of a generated center finds exactly the rows the manifest planted,
and a clean center raises no finding of those kinds."""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from cscaudit.engine.audit import audit_center
from cscaudit.results.model import AuditResult, Finding, Severity, VetoState
from cscaudit.samples.defects import BY_ID
from cscaudit.samples.district import DistrictSettings, generate_district
from cscaudit.samples.inspection import CONFIRMED_KINDS

# Indicators whose evidence rows are exactly the planted rows (one row per defect).
ROW_EXACT = ("C1", "C2", "C4", "D1", "D3", "D4", "E1", "F4", "G3")
# Indicators of the default checklist the generator plants defects for (A-B: configuration).
PLANTED_INDICATORS = {k.indicator for k in BY_ID.values()}


def _audit(tmp: Path, rate: float) -> tuple[AuditResult, dict[str, Any]]:
    generate_district(DistrictSettings(centers=1, records_per_center=1600, seed=31,
                                       defect_rate=rate), tmp)
    manifest = json.loads((tmp / "defects.json").read_text(encoding="utf-8"))
    center = {**manifest["centers"]["c001"], "root": str(tmp / manifest["centers"]["c001"]["path"])}
    return audit_center(Path(center["root"])), center


@pytest.fixture(scope="module")
def dirty(tmp_path_factory: pytest.TempPathFactory) -> tuple[AuditResult, dict[str, Any]]:
    return _audit(tmp_path_factory.mktemp("dirty"), 0.3)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[AuditResult, dict[str, Any]]:
    return _audit(tmp_path_factory.mktemp("clean"), 0.0)


def _findings(result: AuditResult) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        out[f.indicator].append(f)
    return out


def _planted(center: dict[str, Any], indicator: str) -> dict[str, list[dict[str, Any]]]:
    return {kind: entry["rows"] for kind, entry in center["defects"].items()
            if entry["indicator"] == indicator}


def test_row_level_defects_are_found_row_for_row(
        dirty: tuple[AuditResult, dict[str, Any]]) -> None:
    result, center = dirty
    findings = _findings(result)
    for indicator in ROW_EXACT:
        planted = {(r["file"], r["row"]) for rows in _planted(center, indicator).values()
                   for r in rows}
        found = {(e.file, e.row) for f in findings.get(indicator, []) for e in f.evidence}
        assert all(f.evidence_total == len(f.evidence) for f in findings.get(indicator, []))
        assert planted, indicator
        assert found == planted, indicator


def test_households_missing_visits_are_found(dirty: tuple[AuditResult, dict[str, Any]]) -> None:
    result, center = dirty
    planted = {r["key"] for rows in _planted(center, "D2").values() for r in rows}
    found = {re.sub(r"（.*", "", e.key or "") for f in _findings(result)["D2"] for e in f.evidence}
    assert planted and found == planted


def test_integrity_signs_are_found(dirty: tuple[AuditResult, dict[str, Any]]) -> None:
    result, center = dirty
    # Signs of several kinds: the generator wrote the street's findings file confirming them
    # (R2 failed on site), which the audit found beside center.yaml.
    assert len(_planted(center, "V1")) >= CONFIRMED_KINDS
    assert result.score.veto_state is VetoState.APPLIED and result.score.grade == "不合格"
    assert result.score.veto_reason is not None and "现场核查 R2 核实属实" in result.score.veto_reason.zh
    assert "inspection-findings.yaml" in {i.path for i in result.inputs}
    v1 = _findings(result)["V1"]
    rows = {(e.file, e.row) for f in v1 for e in f.evidence}
    totals = sum(f.evidence_total for f in v1)
    for kind, planted in _planted(center, "V1").items():
        listed = {(r["file"], r["row"]) for r in planted}
        if kind in ("future_visit", "visit_before_roster", "completed_before_received",
                    "duplicate_row"):
            assert listed <= rows, kind
    assert totals >= sum(len(p) for k, p in _planted(center, "V1").items()
                         if k not in ("worker_overload", "pasted_content", "year_end_burst"))


def test_unverified_signs_leave_the_veto_pending(dirty: tuple[AuditResult, dict[str, Any]],
                                                 tmp_path: Path) -> None:
    result, center = dirty
    copy = tmp_path / "c001"
    shutil.copytree(center["root"], copy)
    (copy / "inspection-findings.yaml").unlink()
    unverified = audit_center(copy)
    assert (unverified.score.veto_state, unverified.score.veto) == (VetoState.PENDING, False)
    assert unverified.score.veto_reason is not None
    assert unverified.score.veto_reason.zh.endswith("待核实；核实属实的按一票否决处理")
    assert unverified.score.total == result.score.total
    assert unverified.score.grade == "合格"  # the grade as scored (73.53), marked pending


def test_clean_center_raises_none_of_the_planted_kinds(
        clean: tuple[AuditResult, dict[str, Any]]) -> None:
    result, center = clean
    assert center["defects"] == {}
    noisy = {"G2"}  # a few dissatisfied answers are realistic; they cost no points
    # info notes (e.g. V1: no 录入时间 column, the year-end burst not judged) raise nothing
    raised = {f.indicator for f in result.findings if f.severity is not Severity.INFO} & (
        PLANTED_INDICATORS - noisy)
    assert raised == set()
    assert not result.score.veto
