"""The Excel scorecard, reopened with openpyxl and checked cell by cell against the JSON."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from cscaudit.audit.model import AuditResult, VetoState
from cscaudit.errors import InputError
from cscaudit.i18n import Lang, t
from cscaudit.report.json_result import to_json
from cscaudit.report.scorecard import write_scorecard

from .conftest import FORMULA_STARTS, RAW_IDS, RAW_MOBILES
from .scan import leaks

ZH_SHEETS = ["总览", "指标得分", "整改清单", "疑点核实", "社工", "数据质量"]
EN_SHEETS = ["Overview", "Indicators", "Rectification", "Suspicions to verify", "Workers",
             "Data quality"]
FUNCTIONS = {"IF", "SUMIF", "SUMIFS", "COUNTIF", "ROUND", "SUMPRODUCT", "MIN"}
LABELS = {"", "计入", "不计入", "加分项", "counted", "excluded", "bonus"}


def _write(result: AuditResult, tmp_path: Path, lang: Lang = "zh",
           show_pii: bool = False) -> tuple[Workbook, dict[str, Any]]:
    path = tmp_path / f"card-{lang}-{show_pii}.xlsx"
    write_scorecard(result, path, lang, show_pii=show_pii)
    return load_workbook(path), json.loads(to_json(result, lang, show_pii=show_pii))


def _rows(ws: Any, first: int = 2) -> list[list[Any]]:
    rows = []
    for row in ws.iter_rows(min_row=first, values_only=True):
        if row[0] is None:
            break
        rows.append(list(row))
    return rows


def _named(wb: Workbook, name: str) -> Any:
    ((sheet, ref),) = list(wb.defined_names[name].destinations)
    return wb[sheet][ref.replace("$", "")]


def test_sheets_in_both_languages(result: AuditResult, tmp_path: Path) -> None:
    assert _write(result, tmp_path)[0].sheetnames == ZH_SHEETS
    assert _write(result, tmp_path, "en")[0].sheetnames == EN_SHEETS


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_indicator_rows_equal_the_json(result: AuditResult, tmp_path: Path, lang: Lang) -> None:
    wb, data = _write(result, tmp_path, lang)
    rows = _rows(wb.worksheets[1])
    assert len(rows) == len(data["indicators"])
    for n, (row, ind) in enumerate(zip(rows, data["indicators"], strict=True), start=2):
        assert row[:3] == [ind["area"], ind["id"], ind["title"]]
        assert row[5:8] == [ind["points"], ind["lost"], ind["score"]]
        assert row[10:14] == [ind["measured"], ind["reason"], ind["evidence_count"],
                              ind["waived_by"]]
        assert row[14] is None  # the inspector's manual adjustment starts blank
        assert row[15] in (f"=H{n}+O{n}", f'=IF(N{n}<>"",F{n},H{n})+O{n}')
    na = next(r for r in rows if r[1] == "D1")
    assert na[8] == ("不适用" if lang == "zh" else "not applicable")
    assert na[9] == ("不计入" if lang == "zh" else "excluded")


def test_totals_are_formulas_over_the_rows(result: AuditResult, tmp_path: Path) -> None:
    wb, _ = _write(result, tmp_path)
    last = 1 + len(result.indicators)
    rng = f"$J$2:$J${last}"
    assert _named(wb, "CSC_CALC_DENOMINATOR").value == f'=SUMIF({rng},"计入",$F$2:$F${last})'
    assert _named(wb, "CSC_CALC_BONUS").value == f'=SUMIF({rng},"加分项",$P$2:$P${last})'
    total = _named(wb, "CSC_CALC_TOTAL")
    assert total.value.startswith("=IF(") and "ROUND(" in total.value
    assert _named(wb, "CSC_CALC_TOTAL_OVERVIEW").value == f"='指标得分'!{total.coordinate}"


def test_formula_rule_reproduces_the_engine(result: AuditResult, tmp_path: Path) -> None:
    """Evaluate the sheet's rule in Python from the cells: it gives the JSON's figures."""
    wb, data = _write(result, tmp_path)
    rows = _rows(wb.worksheets[1])
    adjusted = [r[5] if (r[13] and r[9] == "计入") else r[7] for r in rows]
    den = sum(r[5] for r in rows if r[9] == "计入")
    raw = sum(a for a, r in zip(adjusted, rows, strict=True) if r[9] == "计入")
    bonus = sum(r[7] for r in rows if r[9] == "加分项")
    plain = sum(r[7] for r in rows if r[9] == "计入")
    score = data["score"]
    assert den == score["denominator"] == _named(wb, "CSC_AUDIT_DENOMINATOR").value
    assert round(raw / den * 100 + bonus, 2) == score["total"] == _named(
        wb, "CSC_AUDIT_TOTAL").value
    assert round(plain / den * 100 + bonus, 2) == score["total_without_waivers"] == _named(
        wb, "CSC_AUDIT_WITHOUT_WAIVERS").value
    assert bonus == score["bonus"] == _named(wb, "CSC_AUDIT_BONUS").value


def test_overview_equals_the_json(result: AuditResult, tmp_path: Path) -> None:
    wb, data = _write(result, tmp_path)
    ws = wb["总览"]
    facts = {row[0]: row[1] for row in ws.iter_rows(min_row=3, max_col=2, values_only=True)
             if row[0] is not None}
    assert facts["服务中心"] == data["center"]["name"] and facts["考核期"] == "2024"
    assert facts["考核清单"] == data["checklist"] and facts["地方配置"] == "beijing"
    assert facts["审核总分"] == data["score"]["total"] and facts["满分"] == 100
    assert facts["等级"] == "不合格"
    assert facts["一票否决"] == "成立（等级定为最低档）：" + data["score"]["veto_reason"]
    assert facts["不计豁免的总分"] == data["score"]["total_without_waivers"]
    assert facts["问题数"] == len(data["findings"])
    assert facts["数据质量问题数"] == len(data["data_issues"])
    for item in data["inputs"]:
        assert facts[item["path"]] == item["sha256"]
    areas = wb.defined_names["CSC_AUDIT_AREAS"]
    ((_, ref),) = list(areas.destinations)
    cells = [row[0].value for row in ws[ref.replace("$", "")]]
    assert cells == [a["score"] for a in data["score"]["areas"]]
    assert len(ws._charts) == 1
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert {"评分人：", "复核人：", "日期："} <= set(texts)


def test_rectification_rows(result: AuditResult, tmp_path: Path) -> None:
    wb, data = _write(result, tmp_path)
    rows = _rows(wb["整改清单"])
    assert len(rows) == len(data["findings"])
    for n, (row, f) in enumerate(zip(rows, data["findings"], strict=True), start=1):
        assert row[0] == n and row[2] == f["indicator"] and row[4] == f["message"]
        assert row[6] == f["evidence_total"]
        assert row[9:12] == [None, None, None]  # owner, deadline, done: for people to fill
        first = f["evidence"][0]
        assert row[5].splitlines()[0].startswith(first["file"])
    late = next(r for r in rows if r[2] == "C1")
    assert late[5].splitlines()[-1] == "共60行" and late[5].count("\n") == 5
    assert "第100行 (CASE-0000)" in late[5]


def test_workers_and_data_issues(result: AuditResult, tmp_path: Path) -> None:
    wb, data = _write(result, tmp_path)
    workers = _rows(wb["社工"])
    for n, (row, w) in enumerate(zip(workers, data["workers"], strict=True), start=2):
        assert row[0] == w["worker"] and row[1:4] == [w["households"], w["required_visits"],
                                                     w["visits_done"]]
        assert row[4] == f'=IF(C{n}>0,MIN(1,D{n}/C{n}),"")'
        assert row[5] == w["content_complete_rate"] and row[7] == w["on_time_rate"]
    issues = _rows(wb["数据质量"])
    assert [r[6] for r in issues] == [d["raw"] for d in data["data_issues"]]
    assert [r[2] for r in issues] == [d["row"] for d in data["data_issues"]]
    assert [r[7] for r in issues] == [d["message"] for d in data["data_issues"]]


def test_layout_for_print(result: AuditResult, tmp_path: Path) -> None:
    wb, _ = _write(result, tmp_path)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == "9"  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.print_title_rows == "$1:$1"
        assert ws["A1"].font.name == "等线" and ws["A1"].font.b
    outcome = {r[1].value: r[8].fill.fgColor.rgb for r in wb["指标得分"].iter_rows(min_row=2)
               if r[1].value}
    assert outcome["A1"].endswith("C6EFCE") and outcome["C2"].endswith("FFC7CE")


def _cells(wb: Workbook) -> list[Any]:
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_personal_data_anywhere(result: AuditResult, tmp_path: Path, lang: Lang) -> None:
    wb, _ = _write(result, tmp_path, lang)
    text = "\n".join(str(c.value) for c in _cells(wb) if c.value is not None)
    assert leaks(text) == []
    assert "110101********1234" in text and "+86 186****2222" in text


def test_show_pii_shows_it(result: AuditResult, tmp_path: Path) -> None:
    wb, _ = _write(result, tmp_path, show_pii=True)
    text = "\n".join(str(c.value) for c in _cells(wb) if c.value is not None)
    assert RAW_IDS[0] in text and RAW_IDS[1] in text and RAW_MOBILES[1] in text


def test_input_text_is_never_a_formula(result: AuditResult, tmp_path: Path) -> None:
    wb, _ = _write(result, tmp_path)
    injected = [c for c in _cells(wb)
                if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)
                and c.data_type != "f"]
    assert {c.value for c in injected} >= {"=1+1", "=exports/evil.csv", "=DATE(2024,1,1)",
                                           "-张三 138****5678", "+86 186****2222",
                                           "＝HYPERLINK(\"http://x\",\"点此\")"}
    assert all(c.data_type == "s" and c.quotePrefix for c in injected)
    for cell in _cells(wb):
        if cell.data_type == "f":  # only the scorecard's own arithmetic
            body = re.sub(r"'[^']*'!", "", cell.value)
            assert set(re.findall(r'"([^"]*)"', body)) <= LABELS
            assert set(re.findall(r"([A-Z]+)\(", body)) <= FUNCTIONS
            assert re.fullmatch(r'[=A-Z0-9$:(),<>+*/. "\-]*',
                                re.sub(r'"[^"]*"', '""', body)), cell.value


def test_written_atomically(result: AuditResult, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "card.xlsx"
    target.write_bytes(b"previous")

    def boom(*_: Any, **__: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", boom)
    with pytest.raises(InputError) as caught:  # named, not a bare OSError
        write_scorecard(result, target, "zh")
    assert caught.value.file == str(target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["card.xlsx"]


def test_control_characters_and_huge_text_do_not_break_the_file(
        result: AuditResult, tmp_path: Path) -> None:
    import dataclasses

    from cscaudit.i18n import t

    odd = dataclasses.replace(result.data_issues[0], field="content", raw="a\x00b\x1bc", message=t(
        "长" * 40000, "long"))
    wb, _ = _write(dataclasses.replace(result, data_issues=(odd,)), tmp_path)
    row = _rows(wb["数据质量"])[0]
    assert row[6] == "a\ufffdb\ufffdc"
    assert len(row[7]) == 32767 and row[7].endswith("…")


def test_suspicions_sheet_lists_every_row_to_verify(result: AuditResult, tmp_path: Path) -> None:
    wb, data = _write(result, tmp_path)
    ws = wb["疑点核实"]
    header = [c.value for c in ws[1]]
    assert header == ["疑点序号", "指标", "疑点", "文件", "工作表", "行", "记录", "社工", "核实结果",
                      "核实人", "核实说明"]
    finding = next(f for f in data["findings"] if f["indicator"] == "V1")
    rows = [list(r) for r in ws.iter_rows(min_row=2, max_row=4, values_only=True)]
    assert rows == [[1, "V1", finding["message"], e["file"], e["sheet"], e["row"], e["key"], "王芳",
                     None, None, None] for e in finding["evidence"]]
    assert RAW_IDS[0] not in str(rows) and ws["G4"].data_type == "s"  # masked; never a formula
    assert ws["A6"].value == "一票否决：成立（等级定为最低档）：" + data["score"]["veto_reason"]
    (choice,) = ws.data_validations.dataValidation
    assert (choice.type, choice.formula1, str(choice.sqref)) == ("list", '"属实,不属实,无法核实"', "I2:I4")


def test_no_suspicions_sheet_without_a_veto(result: AuditResult, tmp_path: Path) -> None:
    calm = replace(result, score=replace(result.score, veto_state=VetoState.NONE, veto_reason=None))
    assert "疑点核实" not in _write(calm, tmp_path)[0].sheetnames


def test_pending_veto_is_marked_beside_the_grade(result: AuditResult, tmp_path: Path) -> None:
    why = t("疑点 1 项，待核实；核实属实的按一票否决处理", "1 suspicion to verify")
    pending = replace(result, score=replace(result.score, grade="合格", veto_state=VetoState.PENDING,
                                            veto_reason=why))
    wb, data = _write(pending, tmp_path)
    facts = {row[0]: row[1] for row in wb["总览"].iter_rows(min_row=3, max_col=2, values_only=True)
             if row[0] is not None}
    assert facts["等级"] == "合格（一票否决待核实）"
    assert facts["一票否决"] == "疑点 1 项，待核实；核实属实的按一票否决处理"
    assert (data["score"]["veto"], data["score"]["grade"]) == ("pending", "合格")
    assert wb["疑点核实"]["A2"].value == 1
