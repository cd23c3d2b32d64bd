"""The workbook reopened cell by cell against the run JSON; the JSON is byte-stable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cscaudit.report.district.run_json import run_dict, to_run_json
from cscaudit.report.district.workbook import build_workbook
from cscaudit.report.options import OutputOptions
from cscaudit.scoring.district.ranking import Previous
from cscaudit.scoring.district.settings import AssessSettings
from tests.assess.conftest import make_assessment
from tests.assess.ranking_sheet import ranking_table


def _rows(ws: Any, header_text: str) -> tuple[list[str], list[list[Any]]]:
    """The table under the header row whose first cell is `header_text`."""
    rows = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r and r[0] == header_text)
    return list(rows[top]), [list(r) for r in rows[top + 1:] if any(v is not None for v in r)]


def _formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


@pytest.fixture
def assessment(outcomes: tuple[Any, ...]) -> Any:
    previous = {"C01": Previous(rank=2, composite=90.0, grade="优秀")}
    return make_assessment(outcomes, AssessSettings(excellent_cap=0.5), previous)


def test_ranking_sheet_matches_the_json(assessment: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    build_workbook(assessment, OutputOptions("zh")).save(path)  # type: ignore[attr-defined]
    data = run_dict(assessment, OutputOptions("zh"))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:4] == ["排名", "等级分布", "社工考核", "问题汇总"]
    header, rows = ranking_table(wb["排名"])
    assert header[:12] == ["排名", "街道", "中心编号", "中心名称", "综合得分", "街道考核部分",
                           "街道考核调整", "同级互评部分", "居民满意部分", "一票否决", "等级", "备注"]
    assert header[-4:] == ["上年排名", "上年综合得分", "得分变化", "名次变化"]
    ranked = data["ranking"]
    assert len(rows) == len(ranked) + len(data["failed"])
    for row, item in zip(rows, ranked, strict=False):
        assert row[2] == item["center"]["id"]
        assert row[5] == item["street_part"]
        assert row[6] is None  # no street adjustment until the office types one
        assert row[8] == item["resident_part"]
        # rank, composite, grade and the changes are formulas (values: test_ranking_formulas)
        assert all(_formula(row[c]) for c in (0, 4, 10, 14, 15))
    # C01 last year 90.0 at rank 2: the change formulas read those cells
    assert rows[0][2] == "C01" and rows[0][12:14] == [2, 90.0]
    r = next(r for r in range(1, 20) if wb["排名"].cell(r, 1).value == "排名") + 1
    assert rows[0][14] == f'=IF($N{r}="","",ROUND($E{r}-$N{r},2))'
    assert rows[0][15] == f'=IF($M{r}="","",$M{r}-$A{r})'
    failed = rows[-1]
    assert failed[0] == "—" and "center.yaml" in failed[11] and "center.yaml:3:5" in failed[11]
    assert not any(_formula(v) for v in failed)
    # the cap: C02 (92.3) also reached the top band and is marked in the notes
    assert "超出比例上限" in rows[1][11]
    assert "50%" in wb["排名"]["A2"].value


def test_center_sheets_are_named_validly_and_linked(assessment: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    build_workbook(assessment, OutputOptions("en")).save(path)  # type: ignore[attr-defined]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Ranking", "Grades", "Social workers", "Findings", "1 C01社区",
                             "2 C02社区", "3 C03社区", "× C04"]
    _, rows = ranking_table(wb["Ranking"])
    assert [r[2] for r in rows] == ["C01", "C02", "C03", "C04"]
    assert [r[9] for r in rows[:3]] == [None, None, None]  # no veto
    link = wb["Ranking"].cell(row=next(r for r in range(1, 20)
                                       if wb["Ranking"].cell(r, 1).value == "Rank") + 1,
                              column=4)
    assert link.hyperlink is not None and "1 C01社区" in link.hyperlink.location
    sheet = wb["1 C01社区"]
    values = [c for r in sheet.iter_rows(values_only=True) for c in r if c is not None]
    assert "Composite" in values and 93.8 in values and "G2" in values


def test_social_worker_sheet_counts_match_the_cards(assessment: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    build_workbook(assessment, OutputOptions("zh")).save(path)  # type: ignore[attr-defined]
    _, rows = _rows(openpyxl.load_workbook(path)["社工考核"], "排名")
    by_name = {r[4]: r for r in rows}
    cards = {c.worker: c for o in assessment.audits for c in o.result.workers}
    assert set(by_name) == set(cards) == {"王芳", "李强", "赵敏"}
    for name, c in cards.items():
        r = by_name[name]
        assert r[5:8] == [c.households, c.required_visits, c.visits_done]
        assert r[12:15] == [c.bad_ratings, c.issues_raised, c.issues_closed]
    # 赵敏 done 360/360 first, then 王芳 470/480, then 李强 300/400
    assert [r[4] for r in rows] == ["赵敏", "王芳", "李强"]
    assert [r[2] for r in rows] == ["C02", "C01", "C01"]


def test_findings_sheet_keeps_formula_looking_text_as_text(assessment: Any,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    build_workbook(assessment, OutputOptions("zh")).save(path)  # type: ignore[attr-defined]
    ws = openpyxl.load_workbook(path)["问题汇总"]
    _, rows = _rows(ws, "街道")
    assert len(rows) == 1
    assert rows[0][:6] == ["西街道", "C02", "C02社区", "D", "D2", "N36735.7.2"]
    assert rows[0][9] == 3 and "exports/走访.csv:10" in rows[0][10]
    cells = [c for r in ws.iter_rows() for c in r if isinstance(c.value, str)
             and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)
    assert ws.auto_filter.ref is not None


def test_run_json_is_byte_identical_and_has_no_absolute_paths(assessment: Any) -> None:
    first = to_run_json(assessment, OutputOptions("zh"))
    assert first == to_run_json(assessment, OutputOptions("zh"))
    assert "/nowhere" not in first
    data = json.loads(first)
    assert [r["center"]["id"] for r in data["ranking"]] == ["C01", "C02", "C03"]
    assert data["ranking"][2]["missing_parts"] == ["resident"]
    assert data["failed"][0]["path"] == "west/C04"
    assert data["rules"]["excellent_allowed"] == 1
    assert data["rules"]["weights"] == {"street": 0.6, "resident": 0.4, "peer": 0.0}


def test_personal_data_is_masked_unless_asked(outcomes: tuple[Any, ...], tmp_path: Path) -> None:
    from dataclasses import replace

    from cscaudit.i18n import t
    from cscaudit.results.model import Evidence
    from tests.assess.conftest import finding

    leaky = replace(finding("G3", "G", "投诉人 13812345678 未获答复"),
                    evidence=(Evidence("exports/投诉.csv", None, 7, "110101199001011234"),))
    first = replace(outcomes[0], result=replace(outcomes[0].result, findings=(leaky,)))
    failed = replace(outcomes[3], reason=t("联系 13912345678", "call 13912345678"))
    assessment = make_assessment((first, *outcomes[1:3], failed))
    secrets = ("13812345678", "110101199001011234", "13912345678")
    path = tmp_path / "a.xlsx"
    build_workbook(assessment, OutputOptions("zh")).save(path)  # type: ignore[attr-defined]
    cells = [str(c) for ws in openpyxl.load_workbook(path).worksheets
             for r in ws.iter_rows(values_only=True) for c in r if c is not None]
    text = to_run_json(assessment, OutputOptions("zh"))
    for secret in secrets:
        assert not any(secret in c for c in cells) and secret not in text
    assert "138****5678" in text
    assert all(s in to_run_json(assessment, OutputOptions("zh", show_pii=True)) for s in secrets)
