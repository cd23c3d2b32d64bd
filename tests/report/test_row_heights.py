"""Rows holding wrapped text are written tall enough to show it (estimated, never measured)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cscaudit.report.options import OutputOptions
from cscaudit.report.row_heights import (
    LINE_POINTS,
    NARROW,
    WIDE,
    display_width,
    fit_rows,
    lines_needed,
)
from cscaudit.report.scorecard import write_scorecard
from cscaudit.report.xlsx_style import put
from cscaudit.results.model import AuditResult


def test_display_width_counts_cjk_twice() -> None:
    assert display_width("abc") == pytest.approx(3 * NARROW)
    assert display_width("走访内容") == pytest.approx(4 * WIDE)
    assert display_width("A级，") == pytest.approx(NARROW + 2 * WIDE)  # full-width comma is wide


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("短", 10, 1),
    ("走访内容" * 5, 11, 4),  # 40 columns in 10 usable
    ("第一行\n第二行\n第三行", 30, 3),
    ("", 10, 1),
])
def test_lines_needed(text: str, width: float, lines: int) -> None:
    assert lines_needed(text, width) == lines


@given(st.text(max_size=300), st.floats(min_value=2, max_value=120))
def test_more_text_never_needs_fewer_lines(text: str, width: float) -> None:
    assert lines_needed(text + "走访", width) >= lines_needed(text, width) >= 1


def test_long_text_row_grows_and_short_rows_keep_the_default(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 40
    put(ws, 1, 1, "合格")
    put(ws, 1, 2, "短文本")
    put(ws, 2, 1, "合格")
    put(ws, 2, 2, "同一段走访内容出现在 212 条记录中，疑似复制粘贴；请核对原始记录并说明情况。" * 2)
    put(ws, 3, 1, "a\nb\nc\nd")
    fit_rows(ws)
    wb.save(tmp_path / "h.xlsx")
    heights = load_workbook(tmp_path / "h.xlsx").active.row_dimensions  # type: ignore[union-attr]
    assert heights[1].height is None
    assert heights[2].height is not None and heights[2].height >= 4 * LINE_POINTS
    assert heights[3].height is not None and heights[3].height >= 4 * LINE_POINTS


def test_scorecard_rows_with_long_findings_are_tall(result: AuditResult, tmp_path: Path) -> None:
    path = tmp_path / "card.xlsx"
    write_scorecard(result, path, OutputOptions())
    wb = load_workbook(path)
    checked = 0
    for ws in wb.worksheets:
        widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
        for row in ws.iter_rows():
            for cell in row:
                if (isinstance(cell.value, str) and cell.alignment.wrap_text
                        and cell.coordinate not in ws.merged_cells):
                    need = lines_needed(cell.value, widths.get(cell.column_letter, 8.43))
                    if need > 1:
                        checked += 1
                        height = ws.row_dimensions[cell.row].height
                        assert height is not None and height >= need * LINE_POINTS, (
                            ws.title, cell.coordinate, cell.value)
    assert checked > 0  # the sample result has text that wraps
