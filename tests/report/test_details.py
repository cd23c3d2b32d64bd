"""The 问题明细: every defective row, streamed into the scorecard and written as CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
import tracemalloc
from pathlib import Path

from openpyxl import load_workbook

from cscaudit.masking import scrubber
from cscaudit.report.details import write_details_csv
from cscaudit.report.options import OutputOptions
from cscaudit.report.scorecard import write_scorecard
from cscaudit.results.model import AuditResult, Evidence


def _many(result: AuditResult, rows: int) -> AuditResult:
    evidence = tuple(Evidence("exports/走访.xlsx", "走访记录", n + 2, f"ZF{n:06d}",
                              "2024-03-01", "王芳") for n in range(rows))
    big = dataclasses.replace(result.findings[1], evidence=evidence, evidence_total=rows)
    return dataclasses.replace(result, findings=(*result.findings[:1], big,
                                                 *result.findings[2:]))


def _peak_writing(result: AuditResult, path: Path) -> int:
    tracemalloc.start()
    try:
        write_scorecard(result, path, OutputOptions())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_rows_are_streamed_in_bounded_memory(result: AuditResult, tmp_path: Path) -> None:
    small = _peak_writing(_many(result, 1_000), tmp_path / "small.xlsx")
    large = _peak_writing(_many(result, 30_000), tmp_path / "large.xlsx")
    # openpyxl's normal mode keeps ~0.5 kB a cell: 29,000 more rows x 10 cells ~ 145 MB
    assert large - small < 8 * 2**20, (small, large)
    wb = load_workbook(tmp_path / "large.xlsx", read_only=True)
    rows = list(wb["问题明细"].iter_rows(values_only=True))
    wb.close()
    others = sum(max(1, len(f.evidence)) for f in result.findings) - 2  # C2 had 2 rows
    assert len(rows) == 1 + 30_000 + others
    c2 = [r for r in rows if r[1] == "C2"]
    assert len(c2) == 30_000 and c2[-1][3:9] == ("exports/走访.xlsx", "走访记录", 30_001,
                                                "ZF029999", "王芳", "2024-03-01")
    assert c2[0][9] == "计入C2扣分（该指标扣4分）"
    full = load_workbook(tmp_path / "large.xlsx")
    ws = full["问题明细"]
    assert ws.auto_filter.ref == f"A1:J{len(rows)}" and ws.freeze_panes == "A2"
    assert ws["C2"].font.name == "等线" and ws["C2"].border.left.style == "thin"


def test_csv_has_a_bom_and_no_formulas(result: AuditResult) -> None:
    out = io.BytesIO()
    write_details_csv(result, out, "zh", scrubber(show_pii=False))
    raw = out.getvalue()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "指标", "问题", "文件", "工作表", "行", "编号/户号", "社工", "日期",
                       "扣分归属"]
    keys = [r[6] for r in rows[1:]]
    assert "'=HYPERLINK(\"x\")" in keys and "'@SUM(A1)" in keys  # text, never a formula
    assert "110101********1234" in keys  # masked
    a2 = next(r for r in rows if r[1] == "A2")
    assert a2[3:6] == ["center.yaml", "", "23"]


def test_a_finding_without_rows_still_has_one(result: AuditResult) -> None:
    bare = dataclasses.replace(result.findings[3], evidence=(), evidence_total=0)
    out = io.BytesIO()
    write_details_csv(dataclasses.replace(result, findings=(bare,)), out, "en", scrubber(show_pii=False))
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][:2] == ["1", "A2"] and rows[1][3] == ""
    assert rows[1][9] == "counts toward A2 (1.5 points lost)"
