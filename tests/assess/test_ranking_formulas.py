"""The 排名 sheet's rank, composite and grade are formulas over the parts, a street
adjustment and the labelled weights and bands under the table: read back cell by cell, and
recalculated by LibreOffice (skipped where soffice is absent) to give the run JSON's figures
and to re-rank a center when one of its cells is edited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.i18n import t
from cscaudit.report.district.run_json import run_dict
from cscaudit.report.district.workbook import build_workbook
from cscaudit.report.options import OutputOptions
from cscaudit.results.model import Cause, Completeness
from cscaudit.scoring.district.ranking import Previous
from cscaudit.scoring.district.settings import AssessSettings
from tests.assess.conftest import make_assessment, make_audit
from tests.assess.ranking_sheet import ranking_table
from tests.recalc import needs_libreoffice, recalc_script

SAMPLE_DISTRICT = Path(__file__).resolve().parents[2] / "samples" / "district"
YELLOW = "00FFF2CC"
VETO_COLUMN = {"pending": "待核实", "none": None, "applied": "已否决"}
MARK = {"pending": "（一票否决待核实）", "none": "", "applied": ""}


def _incomplete(center_id: str) -> Any:
    import dataclasses

    audit = make_audit(center_id, 99.0, 0.99, order=5)
    cause = Cause("missing-table", t("缺少走访记录", "no visits"), t("补交", "provide it"),
                  table="visits")
    result = dataclasses.replace(audit.result, completeness=Completeness(causes=(cause,)))
    return dataclasses.replace(audit, result=result)


@pytest.fixture
def capped(outcomes: tuple[Any, ...]) -> Any:
    """C01 93.8, C02 91.6 (both reach 优秀; a 50 % cap keeps one), C03 70 with no survey,
    a failure; last year C01 was second with 90."""
    return make_assessment(outcomes, AssessSettings(excellent_cap=0.5),
                           {"C01": Previous(rank=2, composite=90.0, grade="优秀")})


def _save(assessment: Any, path: Path, lang: str = "zh") -> Path:
    build_workbook(assessment, OutputOptions(lang)).save(path)  # type: ignore[attr-defined]
    return path


def _labelled(ws: Any, label: str) -> int:
    """The row of the 计算参数 block whose column B holds `label`."""
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == label)


def test_rank_composite_and_grade_are_formulas_over_labelled_cells(capped: Any,
                                                                    tmp_path: Path) -> None:
    pending_veto = make_audit("C05", 60.0, 0.5, order=4, pending=True)
    vetoed = make_audit("C06", 99.0, 0.99, order=6, veto=True)
    outcomes = (*capped.outcomes, pending_veto, _incomplete("C07"), vetoed)
    assessment: Any = make_assessment(outcomes, AssessSettings(excellent_cap=0.5))
    ws = openpyxl.load_workbook(_save(assessment, tmp_path / "a.xlsx"))["排名"]
    header, rows = ranking_table(ws)
    assert header[4:11] == ["综合得分", "街道考核部分", "街道考核调整", "同级互评部分",
                            "居民满意部分", "一票否决", "等级"]
    assert [r[2] for r in rows] == ["C01", "C02", "C03", "C05", "C06", "C07", "C04"]
    first = next(r for r in range(1, 20) if ws.cell(r, 1).value == "排名") + 1
    last = first + 4  # five ranked rows: C01, C02, C03, C05, C06 (vetoed, last)

    # the parameters, labelled and yellow: weights, bands, cap
    w = _labelled(ws, "综合权重")
    assert [(ws.cell(r, 3).value, ws.cell(r, 4).value) for r in range(w, w + 3)] == [
        ("街道考核", 0.6), ("同级互评", 0.0), ("居民满意", 0.4)]
    b = _labelled(ws, "等级分数线")
    assert [(ws.cell(r, 3).value, ws.cell(r, 4).value) for r in range(b, b + 5)] == [
        ("优秀", 90), ("良好", 80), ("合格", 70), ("基本合格", 60), ("不合格", 0)]
    c = _labelled(ws, "优秀比例上限")
    assert ws.cell(c, 4).value == 0.5
    assert ws.cell(c + 1, 4).value == f"=INT($D${c}*ROWS($A${first}:$A${last})+1E-9)"
    editable = [ws.cell(r, 4) for r in (*range(w, w + 3), *range(b, b + 5), c)]
    assert all(cell.fill.fgColor.rgb == YELLOW for cell in editable)

    # a ranked row, cell by cell
    r = first
    present = f'$D${w}*($F{r}<>"")+$D${w + 1}*($H{r}<>"")+$D${w + 2}*($I{r}<>"")'
    assert ws.cell(r, 5).value == (
        f"=IF(({present})>0,ROUND(($D${w}*($F{r}+$G{r})+$D${w + 1}*$H{r}+$D${w + 2}*$I{r})"
        f"/({present}),2),0)")
    rank = ws.cell(r, 1).value
    assert rank.startswith(f'=1+SUMPRODUCT(--(($J${first}:$J${last}="已否决")<($J{r}="已否决")))')
    assert f"($E${first}:$E${last}>$E{r})" in rank and f"($C${first}:$C${last}<$C{r})" in rank
    grade = ws.cell(r, 11).value
    assert grade.startswith(f'=IF($J{r}="已否决",$C${b + 4},IF(AND($E{r}>=$D${b},SUMPRODUCT(')
    assert f">=$D${c + 1}),$C${b + 1}," in grade  # over the cap: the second band
    assert grade.endswith(f'&IF($J{r}="待核实","（一票否决待核实）",""))')
    for row in range(first, last + 1):  # every ranked row: formulas, yellow adjustment
        assert all(str(ws.cell(row, col).value).startswith("=") for col in (1, 5, 11))
        height = ws.row_dimensions[row].height  # a formula's text is not fitted as if shown
        assert height is None or height < 30
        assert ws.cell(row, 7).value is None and ws.cell(row, 7).fill.fgColor.rgb == YELLOW
    assert [ws.cell(row, 10).value for row in range(first, last + 1)] == [
        None, None, None, "待核实", "已否决"]
    [adjust] = [dv for dv in ws.data_validations.dataValidation
                if str(dv.sqref) == f"G{first}:G{last}"]
    assert (adjust.type, adjust.operator, adjust.formula1, adjust.formula2) == (
        "decimal", "between", f"-F{first}", f"MAX(100,F{first})-F{first}")

    # not ranked: the incomplete center and the failure keep their verdict as values
    for row in (last + 1, last + 2):
        values = [ws.cell(row, col).value for col in range(1, 13)]
        assert values[0] == "—" and values[4] is None
        assert not any(isinstance(v, str) and v.startswith("=") for v in values)
        assert ws.cell(row, 7).fill.fgColor.rgb != YELLOW
    assert ws.cell(last + 1, 11).value == "待补正" and ws.cell(last + 2, 11).value == "未评"


def _computed(path: Path) -> list[list[Any]]:
    ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    return ranking_table(ws)[1]


def _edit(source: Path, target: Path, changes: dict[tuple[str, int], float]) -> Path:
    """A copy of the workbook with cells of some centers changed ((id, column) -> value)."""
    wb = openpyxl.load_workbook(source)
    ws = wb.worksheets[0]
    rows = {ws.cell(r, 3).value: r for r in range(1, ws.max_row + 1)}
    for (center, column), value in changes.items():
        ws.cell(rows[center], column).value = value
    wb.save(target)
    return target


@needs_libreoffice
def test_libreoffice_gives_the_sample_districts_ranking_and_re_ranks_on_an_edit(
        tmp_path: Path) -> None:
    book, run = tmp_path / "考核.xlsx", tmp_path / "run.json"
    result = CliRunner().invoke(app, ["assess", str(SAMPLE_DISTRICT), "-o", str(book),
                                      "--json", str(run), "--workers", "1"])
    assert result.exit_code in (0, 1), result.output
    ranking = json.loads(run.read_text(encoding="utf-8"))["ranking"]
    street = {x["center"]["id"]: x["street_part"] for x in ranking}
    # c002 (4th, 81.17) gets its street part raised to 100 by the office; vetoed c001 (5th)
    # loses all its street part; c006's resident part (a component cell) drops to 50
    edited = _edit(book, tmp_path / "edited.xlsx", {
        ("c002", 7): round(100 - street["c002"], 2), ("c001", 7): -street["c001"],
        ("c006", 9): 50.0})
    out = tmp_path / "out"
    out.mkdir()
    plain, changed = recalc_script().recalculate_many([book, edited], out)

    assert [(r[0], r[2], r[4], r[10]) for r in _computed(plain)] == [
        (x["rank"], x["center"]["id"], x["composite"], x["grade"] + MARK[x["veto_state"]])
        for x in ranking]
    after = {r[2]: (r[0], r[4], r[10]) for r in _computed(changed)}
    before = {x["center"]["id"]: x for x in ranking}
    c002 = round(0.6 * 100 + 0.4 * before["c002"]["resident_part"], 2)
    c006 = round(0.6 * before["c006"]["street_part"] + 0.4 * 50, 2)
    assert after["c002"] == (2, c002, "良好") and before["c002"]["rank"] == 4
    assert after["c006"] == (4, c006, "合格") and before["c006"]["rank"] == 2
    assert after["c004"][0] == 3 and after["c004"][2] == "良好（一票否决待核实）"
    assert after["c005"][0] == 1
    # an applied veto stays 不合格 and ranks after the others, now below c003
    assert after["c001"] == (6, 40.0, "不合格") and after["c003"][:1] == (5,)
    assert after["c003"][2] == "不合格"


@needs_libreoffice
def test_libreoffice_applies_the_cap_the_vetoes_and_english(capped: Any,
                                                            tmp_path: Path) -> None:
    vetoes: Any = make_assessment((
        make_audit("C01", 95.0, 0.95, order=0, pending=True),
        make_audit("C02", 96.0, 0.95, order=1, veto=True),
        make_audit("C03", 85.0, 0.95, order=2),
    ))
    zh, en = _save(capped, tmp_path / "zh.xlsx"), _save(capped, tmp_path / "en.xlsx", "en")
    veto_book = _save(vetoes, tmp_path / "vetoes.xlsx")
    promoted = _edit(zh, tmp_path / "promoted.xlsx", {("C02", 7): 10.0})  # C02 91.6 -> 97.6
    out = tmp_path / "out"
    out.mkdir()
    books = recalc_script().recalculate_many([zh, en, veto_book, promoted], out)
    zh_rows, en_rows, veto_rows, promoted_rows = (_computed(b) for b in books)

    data = run_dict(capped, OutputOptions("zh"))["ranking"]
    assert [(r[0], r[2], r[4], r[10]) for r in zh_rows[:3]] == [
        (x["rank"], x["center"]["id"], x["composite"], x["grade"]) for x in data]
    assert [r[10] for r in zh_rows[:3]] == ["优秀", "良好", "合格"]  # C02 reached 优秀: capped
    assert zh_rows[0][14:16] == [3.8, 1]  # 93.8 against 90.0; second to first
    assert all(v in (None, "") for v in zh_rows[1][14:16])  # no figures last year: empty
    assert [r[10] for r in en_rows[:3]] == ["excellent", "good", "pass"]
    assert {r[2]: (r[0], r[10]) for r in veto_rows} == {
        "C01": (1, "优秀（一票否决待核实）"), "C03": (2, "良好"), "C02": (3, "不合格")}
    # promoted above C01, C02 keeps the only 优秀 the cap allows and C01 falls to 良好
    assert {r[2]: (r[0], r[4], r[10]) for r in promoted_rows[:3]} == {
        "C02": (1, 97.6, "优秀"), "C01": (2, 93.8, "良好"), "C03": (3, 70.0, "合格")}
