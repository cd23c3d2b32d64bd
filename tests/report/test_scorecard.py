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

from cscaudit.errors import InputError
from cscaudit.i18n import Lang, t
from cscaudit.report.json_result import to_json
from cscaudit.report.options import OutputOptions
from cscaudit.report.scorecard import write_scorecard
from cscaudit.results.model import AuditResult, VetoState

from .conftest import FORMULA_STARTS, RAW_IDS, RAW_MOBILES
from .scan import leaks

ZH_SHEETS = ["总览", "指标得分", "整改清单", "问题明细", "疑点核实", "社工", "数据质量", "附录"]
EN_SHEETS = ["Overview", "Indicators", "Rectification", "Defective rows", "Suspicions to verify",
             "Workers", "Data quality", "Appendix"]
FUNCTIONS = {"IF", "SUM", "SUMIF", "SUMIFS", "COUNTIF", "ROUND", "SUMPRODUCT", "MIN"}
LABELS = {"", "计入", "不计入", "加分项", "counted", "excluded", "bonus",
          "优秀", "良好", "合格", "不合格"}  # and the grade bands of the adjusted grade


def _write(result: AuditResult, tmp_path: Path, lang: Lang = "zh",
           show_pii: bool = False) -> tuple[Workbook, dict[str, Any]]:
    path = tmp_path / f"card-{lang}-{show_pii}.xlsx"
    write_scorecard(result, path, OutputOptions(lang, show_pii))
    return load_workbook(path), json.loads(to_json(result, OutputOptions(lang, show_pii)))


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
    assert facts["考核清单"] == f"{data['checklist']}（beijing）"
    assert facts["审核总分"] == data["score"]["total"] and facts["满分"] == 100
    assert facts["等级"] == "不合格"
    assert facts["一票否决"] == "成立（等级定为最低档）：" + data["score"]["veto_reason"]
    assert facts["评分完整性"] == ("评分不完整：1 项指标无法评定（F1），1 项待现场核查（D2）；"
                              "补齐后得分与等级可能变化。")
    assert facts["不计豁免的总分"] == data["score"]["total_without_waivers"]
    assert facts["问题与数据"] == "问题 4 项（问题明细 11 行），数据质量问题 5 条"
    areas = wb.defined_names["CSC_AUDIT_AREAS"]
    ((_, ref),) = list(areas.destinations)
    cells = [row[0].value for row in ws[ref.replace("$", "")]]
    assert cells == [a["score"] for a in data["score"]["areas"]]
    assert len(ws._charts) == 1
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert {"评分人：", "复核人：", "被考核单位负责人：", "日期：", "（盖章处）"} <= set(texts)
    top = texts.index("主要扣分（按扣分排序）")
    assert texts[top + 5:top + 11] == ["F1", "应急预案要素", "无法读取 预案/防汛.yaml",  # 5 lost
                                       "C2", "差评回访", "差评未及时回访，居民电话159****1111"]
    assert not any("a" * 64 in text for text in texts)  # hashes are on the 附录
    assert facts["人工调整后等级（按考核清单等级线）"] == '="不合格"'  # the veto fixes it
    # one A4 page, portrait, printing the used range and no further (the chart is aside)
    assert ws.page_setup.fitToHeight == 1 and ws.page_setup.orientation == "portrait"
    assert ws.print_area == f"'总览'!$A$1:$F${ws.max_row}"
    assert ws._charts[0].anchor._from.col >= 6


def test_appendix_has_versions_and_hashes(result: AuditResult, tmp_path: Path) -> None:
    wb, data = _write(result, tmp_path)
    facts = {row[0]: row[1] for row in wb["附录"].iter_rows(values_only=True)
             if row[0] is not None}
    assert facts["生成工具"] == data["tool"] and facts["依据标准"] == data["standard"]
    assert facts["考核清单"] == data["checklist"] and facts["地方配置"] == "beijing"
    for item in data["inputs"]:
        assert facts[item["path"]] == item["sha256"]


def test_rectification_rows(result: AuditResult, tmp_path: Path) -> None:
    wb, _ = _write(result, tmp_path)
    ws = wb["整改清单"]
    rows = _rows(ws)
    # by points lost (C2 4, C1 2.4, A2 1.5, V1 0), not by severity
    assert [r[1] for r in rows] == ["C2", "C1", "A2", "V1"]
    assert [r[3] for r in rows] == [4, 2.4, 1.5, 0]
    assert rows[0][2] == "差评未及时回访，居民电话159****1111"
    assert all(r[8:11] == [None, None, "未整改"] for r in rows)  # for people to fill
    late = rows[1]
    assert late[5] == ("exports/办件台账.xlsx › 2024：第100行 (CASE-0000)、第101行 (CASE-0001)、"
                       "第102行 (CASE-0002)\n共 60 行，其余 57 行见问题明细")
    assert late[6] == "第4行起"  # C2's 2 rows come first in the 问题明细
    link = ws.cell(row=3, column=7).hyperlink
    assert link.location == "'问题明细'!A4" and not link.target
    assert wb["问题明细"]["B4"].value == "C1" and wb["问题明细"]["B3"].value == "C2"
    assert rows[2][6] is None  # one row: nothing more to link to
    assert ws.cell(row=len(rows) + 2, column=4).value == f"=SUM(D2:D{len(rows) + 1})"
    checks = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert checks[f"J2:J{len(rows) + 1}"].type == "date"
    assert checks[f"K2:K{len(rows) + 1}"].formula1 == '"未整改,整改中,已整改"'


def test_variants_of_one_topic_are_one_row(result: AuditResult, tmp_path: Path) -> None:
    import dataclasses

    from cscaudit.i18n import t
    from cscaudit.results.model import Evidence

    base = result.findings[3]
    tags = [dataclasses.replace(base, indicator="D3", message=t(f"{n} 次走访缺少「{tag}」", tag),
                                topic=t("走访缺少走访内容", "visits lacking content"),
                                variant=t(f"{tag} {n} 次走访", tag),
                                evidence=tuple(Evidence("v.xlsx", "走访", r) for r in range(n)),
                                evidence_total=n)
            for tag, n in (("就业情况", 4), ("房东信息", 2))]
    wb, _ = _write(dataclasses.replace(result, findings=(*result.findings, *tags)), tmp_path)
    d3 = [r for r in _rows(wb["整改清单"]) if r[1] == "D3"]
    assert len(d3) == 1 and d3[0][2] == "走访缺少走访内容：就业情况 4 次走访、房东信息 2 次走访"
    assert d3[0][5].endswith("共 6 行，其余 3 行见问题明细")


def test_workers_and_data_issues(result: AuditResult, tmp_path: Path) -> None:
    import dataclasses

    desk = dataclasses.replace(result.workers[1], worker="赵敏", households=0,
                               required_visits=0, visits_done=0, cases=40, bad_ratings=4,
                               post="综合窗口", role="window")
    wb, data = _write(dataclasses.replace(result, workers=(*result.workers, desk)), tmp_path)
    ws = wb["社工"]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    workers = rows[:3]  # the ranked block: workers with block households, by visits done
    by_name = {w["worker"]: w for w in data["workers"]}
    assert [r[1] for r in workers] == ["李强", "王芳", "=1+1"]  # 100%, 94.2%, 0%
    for n, row in enumerate(workers, start=2):
        w = by_name[row[1]]
        assert row[0] == n - 1 and row[4:7] == [w["households"], w["required_visits"],
                                               w["visits_done"]]
        assert row[7] == f'=IF(F{n}>0,MIN(1,G{n}/F{n}),"")'
        assert row[8] == w["content_complete_rate"] and row[10] == w["on_time_rate"]
        assert row[12] == f'=IF(J{n}>0,L{n}/J{n},"")'  # 差评率, not a raw count
    assert rows[3][0] == "以下工作人员没有包片联系户，不参与走访排名"
    assert rows[4][:4] == [None, "赵敏", "窗口", "综合窗口"] and rows[4][12] == '=IF(J6>0,L6/J6,"")'
    notes = [r[0] for r in rows[5:] if r[0]]
    assert notes[0] == "口径说明" and any("差评率 = 差评数 ÷ 办件数" in n for n in notes)
    issues = _rows(wb["数据质量"])
    assert [r[6] for r in issues] == [d["raw"] for d in data["data_issues"]]
    assert [r[2] for r in issues] == [d["row"] for d in data["data_issues"]]
    assert [r[7] for r in issues] == [d["message"] for d in data["data_issues"]]


def test_layout_for_print(result: AuditResult, tmp_path: Path) -> None:
    wb, _ = _write(result, tmp_path)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == (
            "portrait" if ws.title in ("总览", "附录") else "landscape")
        assert str(ws.page_setup.paperSize) == "9"  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    for ws in wb.worksheets[1:-1]:
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
        write_scorecard(result, target, OutputOptions("zh"))
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
