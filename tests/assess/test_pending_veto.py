"""assess: a pending veto (疑点 to verify) is shown beside the grade and ranks as scored; an
applied veto sets the lowest grade and ranks last, as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from cscaudit.report.district.run_json import run_dict
from cscaudit.report.district.workbook import build_workbook
from cscaudit.report.options import OutputOptions
from tests.assess.conftest import make_assessment, make_audit


def test_pending_beside_the_grade_applied_sets_it(tmp_path: Path) -> None:
    assessment: Any = make_assessment((
        make_audit("C01", 95.0, 0.95, order=0, pending=True),
        make_audit("C02", 96.0, 0.95, order=1, veto=True),
        make_audit("C03", 85.0, 0.95, order=2),
    ))
    data = run_dict(assessment, OutputOptions("zh"))
    ranked = [(x["center"]["id"], x["grade"], x["veto"], x["veto_state"]) for x in data["ranking"]]
    assert ranked == [("C01", "优秀", False, "pending"), ("C03", "良好", False, "none"),
                      ("C02", "不合格", True, "applied")]
    path = tmp_path / "a.xlsx"
    build_workbook(assessment, OutputOptions("zh")).save(path)
    wb = openpyxl.load_workbook(path)
    rows = {r[2]: r for r in wb["排名"].iter_rows(values_only=True) if r[2] in ("C01", "C02", "C03")}
    assert {k: r[9] for k, r in rows.items()} == {"C01": "待核实", "C03": None, "C02": "已否决"}
    # the grade is a formula keeping the verdict (LibreOffice computes it: test_ranking_formulas)
    assert all(str(r[10]).startswith('=IF($J') and '="已否决"' in r[10] and "待核实" in r[10]
               for r in rows.values())
    sheet = next(ws for ws in wb.worksheets if ws.title.endswith("C01社区"))
    facts = {r[0]: r[2] for r in sheet.iter_rows(values_only=True) if r[0]}
    assert facts["等级"] == "优秀（一票否决待核实）"
