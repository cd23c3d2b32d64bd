"""LibreOffice recalculates the scorecard: its formulas give the audit's totals, and an
inspector's adjustment changes them. Skipped where LibreOffice (soffice) is absent."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook

from cscaudit.report.json_result import to_json
from cscaudit.report.options import OutputOptions
from cscaudit.report.scorecard import write_scorecard
from cscaudit.results.model import AuditResult
from tests.scripts_loader import load_script

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed")


def _script() -> ModuleType:
    return load_script("recalc_xlsx")


def test_libreoffice_recomputes_the_audit_totals(result: AuditResult, tmp_path: Path) -> None:
    recalc = _script()
    zh, en, adjusted = (tmp_path / n for n in ("zh.xlsx", "en.xlsx", "adjusted.xlsx"))
    write_scorecard(result, zh, OutputOptions("zh"))
    write_scorecard(result, en, OutputOptions("en"))
    result_json = tmp_path / "result.json"
    result_json.write_text(to_json(result, OutputOptions()), encoding="utf-8")

    wb = load_workbook(zh)  # the inspector takes 1 point off C1 and strikes G1's waiver
    ws = wb["指标得分"]
    rows = {ws.cell(row=r, column=2).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows["C1"], column=15).value = -1
    ws.cell(row=rows["G1"], column=14).value = None
    wb.save(adjusted)

    out = tmp_path / "out"
    out.mkdir()
    zh_calc, en_calc, adjusted_calc = recalc.recalculate_many([zh, en, adjusted], out)
    for original, computed, json_path in ((zh, zh_calc, result_json), (en, en_calc, None)):
        checks = recalc.compare(original, computed, json_path)
        assert len(checks) >= 6
        assert all(c.ok for c in checks), [c for c in checks if not c.ok]

    computed = load_workbook(adjusted_calc, data_only=True)
    total = recalc.named_values(computed, "CSC_CALC_TOTAL")[0]
    s = result.score
    raw = s.raw - 1 - 3  # C1 adjusted by -1; G1 back to its measured 2 of 5 points
    assert total == pytest.approx(round(raw / s.denominator * s.max + s.bonus, 2))
    assert recalc.named_values(computed, "CSC_CALC_TOTAL_OVERVIEW") == [total]
    assert recalc.named_values(computed, "CSC_AUDIT_TOTAL") == [s.total]  # kept as audited


def test_libreoffice_regrades_after_an_adjustment(result: AuditResult, tmp_path: Path) -> None:
    """Without a veto, the 总览's adjusted grade follows the checklist's bands (here 良好 from
    62, 合格 from 60) as the inspector adjusts an indicator."""
    import dataclasses

    recalc = _script()
    from cscaudit.results.model import VetoState

    free = dataclasses.replace(result, score=dataclasses.replace(
        result.score, veto_state=VetoState.NONE, veto_reason=None))
    plain, adjusted = tmp_path / "plain.xlsx", tmp_path / "adjusted.xlsx"
    write_scorecard(free, plain, OutputOptions("zh"))
    wb = load_workbook(plain)
    ws = wb["指标得分"]
    rows = {ws.cell(row=r, column=2).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows["C2"], column=15).value = 2  # C2: 0 of 4 points -> 2
    wb.save(adjusted)
    out = tmp_path / "out"
    out.mkdir()
    grades = []
    for path in recalc.recalculate_many([plain, adjusted], out):
        computed = load_workbook(path, data_only=True)
        total = recalc.named_values(computed, "CSC_CALC_TOTAL_OVERVIEW")[0]
        grades.append((total, recalc.named_values(computed, "CSC_CALC_GRADE_OVERVIEW")[0]))
    (before, grade_before), (after, grade_after) = grades
    assert before == result.score.total and grade_before == "合格"  # 61.29
    assert after > 62 and grade_after == "良好"


def test_script_exit_codes(result: AuditResult, tmp_path: Path) -> None:
    recalc = _script()
    assert recalc.main([str(tmp_path / "missing.xlsx")]) == 2
