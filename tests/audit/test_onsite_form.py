"""The on-site form: `template findings` writes it, `audit --findings form.xlsx` reads it
back the way it reads an inspection-findings YAML file."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.checklist.resolution import resolve
from cscaudit.cli.app import app
from cscaudit.ingest.inspection import load_inspection_findings
from tests.audit.contract_center import contract_tables, write_center

runner = CliRunner()
FILLED = {"S1": ("符合", None), "S2": ("不符合", "大厅设有玻璃隔断"),
          "P1": ("部分符合", "一人未佩戴工作牌"), "R2": ("不符合", "回访 5 户，3 户称无人上门")}


def _form(tmp_path: Path) -> Path:
    out = tmp_path / "现场核查表.xlsx"
    result = runner.invoke(app, ["template", "findings", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _fill(form: Path, values: dict[str, tuple[str, str | None]], out: Path) -> Path:
    wb = load_workbook(form)
    ws = wb["现场核查表"]
    for row in ws.iter_rows(min_row=5):
        if row[0].value in values:
            row[5].value, row[6].value = values[str(row[0].value)]
            row[7].value, row[8].value = "李检查", dt.date(2025, 1, 8)
    wb.save(out)
    return out


def test_form_has_one_row_per_onsite_item_and_prints_on_a4(tmp_path: Path) -> None:
    ws = load_workbook(_form(tmp_path))["现场核查表"]
    onsite = [s.id for s in resolve("gbt36735-onsite").indicators if s.kind == "inspection_item"]
    assert [c.value for c in ws[4]] == ["编号", "区域", "核查项目", "核查要点", "分值", "结果", "说明",
                                        "核查人", "日期"]
    assert [ws.cell(row=r, column=1).value for r in range(5, 5 + len(onsite))] == onsite
    assert ws.cell(row=5 + len(onsite), column=1).value is None
    r2 = next(r for r in range(5, 5 + len(onsite)) if ws.cell(row=r, column=1).value == "R2")
    assert "电话" in str(ws.cell(row=r2, column=4).value) and "核实台账" in str(ws.cell(row=r2, column=4).value)
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists[0].formula1 == '"符合,部分符合,不符合,不适用"'
    assert str(lists[0].sqref) == f"F5:F{4 + len(onsite)}"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$4:$4"


def test_filled_form_reads_like_the_yaml_findings(tmp_path: Path) -> None:
    filled = _fill(_form(tmp_path), FILLED, tmp_path / "filled.xlsx")
    entries = load_inspection_findings(filled)
    assert {k: v["result"] for k, v in entries.items()} == {
        "S1": "pass", "S2": "fail", "P1": "partial", "R2": "fail"}
    assert entries["R2"]["note"] == "回访 5 户，3 户称无人上门（李检查，2025-01-08）"
    assert entries["S1"]["note"] is None and entries["R2"]["file"] == "filled.xlsx"


def test_audit_scores_the_onsite_checklist_from_the_form(tmp_path: Path) -> None:
    center = write_center(tmp_path / "center", contract_tables())
    filled = _fill(_form(tmp_path), FILLED, tmp_path / "filled.xlsx")
    out = tmp_path / "result.json"
    result = runner.invoke(app, ["audit", str(center), "--checklist", "gbt36735-onsite",
                                 "--findings", str(filled), "--json", str(out)])
    assert result.exit_code in (0, 1), result.output
    outcomes = {i["id"]: i["outcome"] for i in json.loads(out.read_text("utf-8"))["indicators"]}
    assert (outcomes["S1"], outcomes["S2"], outcomes["P1"], outcomes["R2"]) == (
        "pass", "fail", "partial", "fail")
    assert outcomes["S3"] == "not_reviewed"


@pytest.mark.parametrize(("column", "value", "where", "says"), [
    (6, "大概符合", ":5:6:", "无法识别"),
    (9, "元旦后", ":5:9:", "日期"),
])
def test_unreadable_cell_is_named_by_row_and_column(
        tmp_path: Path, column: int, value: str, where: str, says: str) -> None:
    center = write_center(tmp_path / "center", contract_tables())
    filled = _fill(_form(tmp_path), {"S1": ("符合", None)}, tmp_path / "filled.xlsx")
    wb = load_workbook(filled)
    wb["现场核查表"].cell(row=5, column=column, value=value)
    wb.save(filled)
    result = runner.invoke(app, ["audit", str(center), "--checklist", "gbt36735-onsite",
                                 "--findings", str(filled)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"filled.xlsx{where}" in result.output and says in result.output


def test_a_result_given_twice_is_an_error(tmp_path: Path) -> None:
    filled = _fill(_form(tmp_path), {"S1": ("符合", None)}, tmp_path / "filled.xlsx")
    wb = load_workbook(filled)
    ws = wb["现场核查表"]
    ws.cell(row=6, column=1, value="S1")
    ws.cell(row=6, column=6, value="不符合")
    wb.save(filled)
    result = runner.invoke(app, ["audit", str(write_center(tmp_path / "c", contract_tables())),
                                 "--checklist", "gbt36735-onsite", "--findings", str(filled)])
    assert result.exit_code == 2 and "filled.xlsx:6:1" in result.output and "重复" in result.output


def test_onsite_checklist_on_a_bundled_center_leaves_its_annual_profile_aside(tmp_path: Path) -> None:
    filled = _fill(_form(tmp_path), FILLED, tmp_path / "filled.xlsx")
    out = tmp_path / "onsite.json"
    center = Path(__file__).parents[2] / "samples" / "centers" / "ningbo-yinzhou-heyue"
    result = runner.invoke(app, ["audit", str(center), "--checklist", "gbt36735-onsite",
                                 "--findings", str(filled), "--json", str(out), "--no-xlsx",
                                 "--fail-on", "不合格"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(out.read_text("utf-8"))
    assert data["checklist"].startswith("gbt36735-onsite@") and data["profile"] is None
    assert any("yinzhou-ningbo" in w and "未用于" in w for w in data["warnings"])
    assert {i["id"]: i["outcome"] for i in data["indicators"]}["S2"] == "fail"


def test_bundled_sample_form_is_current_and_reads_back() -> None:
    sample = (Path(__file__).parents[2] / "samples" / "centers" / "beijing-changping-xinyuan"
              / "现场核查表.xlsx")
    ws = load_workbook(sample)["现场核查表"]
    onsite = [s.id for s in resolve("gbt36735-onsite").indicators if s.kind == "inspection_item"]
    assert [ws.cell(row=r, column=1).value for r in range(5, 5 + len(onsite))] == onsite
    results = {k: v["result"] for k, v in load_inspection_findings(sample).items()}
    assert set(results) == set(onsite)
    assert (results["S5"], results["S3"], results["R2"]) == ("fail", "partial", "pass")


def test_r2_judged_on_the_form_confirms_the_integrity_veto(tmp_path: Path) -> None:
    wuhan = Path(__file__).parents[2] / "samples" / "centers" / "wuhan-jinyinhu-qinghe"
    center = tmp_path / "wuhan"
    shutil.copytree(wuhan, center)
    (center / "inspection-findings.yaml").unlink()  # its 疑点 left unverified
    out = tmp_path / "r.json"

    def veto(*extra: str) -> tuple[object, object]:
        result = runner.invoke(app, ["audit", str(center), "--no-xlsx", "-q", "--json", str(out),
                                     *extra])
        assert result.exit_code in (0, 1), result.output
        score = json.loads(out.read_text("utf-8"))["score"]
        return score["veto"], score["veto_reason"]

    assert veto()[0] == "pending"
    passed = _fill(_form(tmp_path), {"R2": ("符合", "回访 5 户均属实")}, tmp_path / "passed.xlsx")
    # the phone check found the visits genuine: the 疑点 were verified and not confirmed
    state, reason = veto("--findings", str(passed))
    assert state == "none" and "未发现造假" in str(reason)
    failed = _fill(_form(tmp_path), FILLED, tmp_path / "failed.xlsx")
    state, reason = veto("--findings", str(failed))
    assert state == "applied" and "R2" in str(reason) and "3 户称无人上门" in str(reason)


def test_the_forms_heading_is_checked_like_a_findings_files(tmp_path: Path) -> None:
    """中心编号 and 检查日期 above the table: another center's form, or one dated before the
    period, never confirms (or clears) a veto here; this center's form is read."""
    wuhan = Path(__file__).parents[2] / "samples" / "centers" / "wuhan-jinyinhu-qinghe"
    center = tmp_path / "wuhan"
    shutil.copytree(wuhan, center)
    (center / "inspection-findings.yaml").unlink()
    own_id = str(yaml.safe_load((center / "center.yaml").read_text("utf-8"))["id"])

    def run(heading: dict[str, object]) -> Any:
        form = _fill(_form(tmp_path), FILLED, tmp_path / "filled.xlsx")
        wb = load_workbook(form)
        ws = wb["现场核查表"]
        for cell, value in heading.items():
            ws[cell] = value
        wb.save(form)
        return runner.invoke(app, ["audit", str(center), "--no-xlsx", "-q", "--json",
                                   str(tmp_path / "r.json"), "--findings", str(form)])

    other = run({"E2": "c999", "H2": dt.date(2025, 1, 8)})
    assert other.exit_code == 2 and "c999" in other.output and own_id in other.output
    early = run({"E2": own_id, "H2": dt.date(2023, 12, 1)})
    assert early.exit_code == 2 and "2023-12-01" in early.output
    own = run({"E2": own_id, "H2": dt.date(2025, 1, 8)})
    assert own.exit_code in (0, 1), own.output
