"""scripts/compare_workbooks.py: two saves of the same district workbook are identical; a
changed value, style, row height, merge, freeze pane, print title, defined name or sheet
order is reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from cscaudit.report.district.workbook import build_workbook
from cscaudit.report.options import OutputOptions
from cscaudit.report.xlsx_save import save_workbook
from cscaudit.report.xlsx_style import define
from tests.assess.conftest import card, make_assessment, make_audit, make_failure
from tests.scripts_loader import load_script


def _workbook() -> Workbook:
    outcomes = (make_audit("C01", 95.0, 0.92, order=0, workers=(card("王芳", 120, 480, 470),)),
                make_audit("C02", 70.0, None, order=1), make_failure("west/C04", order=2))
    return build_workbook(make_assessment(outcomes), OutputOptions("zh"))  # type: ignore[arg-type]


def _save(wb: Workbook, path: Path) -> Path:
    save_workbook(wb, str(path))
    return path


def test_two_writes_of_a_workbook_are_identical(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.xlsx"
    _workbook().save(old)  # openpyxl's own writer
    new = _save(_workbook(), tmp_path / "new.xlsx")
    assert load_script("compare_workbooks").main([str(old), str(new)]) == 0
    assert capsys.readouterr().out.startswith("identical: 7 sheets")


def _fill(wb: Workbook) -> None:
    wb.worksheets[4]["A1"].fill = PatternFill("solid", fgColor="FFC7CE")


def _value(wb: Workbook) -> None:
    wb.worksheets[4]["C4"].value = "西街道"


def _height(wb: Workbook) -> None:
    wb.worksheets[4].row_dimensions[5].height = 44


def _merge(wb: Workbook) -> None:
    wb.worksheets[4].merge_cells("D20:F20")


def _freeze(wb: Workbook) -> None:
    wb.worksheets[1].freeze_panes = "B3"


def _titles(wb: Workbook) -> None:
    wb.worksheets[2].print_title_rows = "1:2"


def _name(wb: Workbook) -> None:
    define(wb.worksheets[0], "extra_total", "B2")


def _order(wb: Workbook) -> None:
    wb.move_sheet(wb.worksheets[5], offset=-1)


@pytest.mark.parametrize(("change", "said"), [
    (_fill, "!A1"), (_value, "!C4"), (_height, "rows"), (_merge, "merged"),
    (_freeze, "freeze panes"), (_titles, "print titles"), (_name, "defined names"),
    (_order, "sheets:"),
])
def test_a_change_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              change: Callable[[Workbook], None], said: str) -> None:
    old = _save(_workbook(), tmp_path / "old.xlsx")
    changed = _workbook()
    change(changed)
    new = _save(changed, tmp_path / "new.xlsx")
    assert load_script("compare_workbooks").main([str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert said in out
    assert "differences" in out.splitlines()[-1]
