"""The center's own satisfaction survey counts once in the composite: as the resident part,
with the survey indicator (G2) left out of the street part, and the ranking sheet says so."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest

from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district.runner import _satisfaction
from cscaudit.report.district.workbook import build_workbook
from cscaudit.report.options import OutputOptions
from cscaudit.results.model import Score
from cscaudit.scoring.district.model import SurveyIndicator
from cscaudit.scoring.district.ranking import rank_centers
from cscaudit.scoring.district.settings import AssessSettings, Weights
from tests.assess.conftest import make_assessment, make_audit, make_result


def _with_survey(center: str, raw: float, earned: float, points: float, rate: float) -> object:
    audit = make_audit(center, raw, rate)
    score = Score(total=raw, max=100, raw=raw, denominator=100, bonus=0, grade="合格",
                  total_without_waivers=raw, grade_without_waivers="合格")
    result = dataclasses.replace(audit.result, score=score)
    return dataclasses.replace(audit, result=result, survey=SurveyIndicator("G2", earned, points))


def test_street_part_leaves_the_survey_indicator_out() -> None:
    # raw 80 of 100 with G2 earning 5 of its 10: street part (80-5)/(100-10) = 83.33,
    # resident part 60; composite 0.6*83.33 + 0.4*60 = 74.0 (not 0.6*80 + 0.4*60 = 72.0)
    ranking = rank_centers((_with_survey("A", 80.0, 5.0, 10.0, 0.60),), AssessSettings())  # type: ignore[arg-type]
    comp = ranking.ranked[0].composite
    assert comp.street == pytest.approx(83.33) and comp.resident == 60.0
    assert comp.value == pytest.approx(74.0)


def test_without_a_resident_part_the_survey_stays_in_the_street_part() -> None:
    street_only = AssessSettings(weights=Weights(street=1.0, resident=0.0, peer=0.0))
    comp = rank_centers((_with_survey("A", 80.0, 5.0, 10.0, 0.60),), street_only).ranked[0].composite  # type: ignore[arg-type]
    assert comp.street == 80.0 and comp.value == 80.0


def test_runner_reads_the_survey_indicator_with_its_points() -> None:
    found = _satisfaction(make_result("A", 80.0), AuditOptions())
    assert found == (0.95, SurveyIndicator("G2", 10, 10))


def test_ranking_sheet_says_how_the_survey_is_counted(tmp_path: Path) -> None:
    assessment = make_assessment((_with_survey("A", 80.0, 5.0, 10.0, 0.6),))  # type: ignore[arg-type]
    path = tmp_path / "a.xlsx"
    build_workbook(assessment, OutputOptions("zh")).save(path)  # type: ignore[attr-defined]
    ws = openpyxl.load_workbook(path)["排名"]
    text = " ".join(str(c.value) for row in ws.iter_rows(max_row=6) for c in row if c.value)
    assert "街道考核部分不含满意度指标" in text
    row = next(r for r in ws.iter_rows(values_only=True) if r[2] == "A")
    assert (row[5], row[8]) == (83.33, 60.0)  # the parts; the composite is their formula
    assert str(row[4]).startswith("=IF(") and "$F" in row[4] and "$I" in row[4]
