"""The faster workbook writer writes what openpyxl writes: every part of the package byte for
byte (the save time in docProps/core.xml aside), on the reports and on random sheets."""

from __future__ import annotations

import datetime
import gc
import io
import zipfile
from collections.abc import Callable
from typing import IO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from cscaudit.ingest.model import CellValue
from cscaudit.report.district.workbook import build_workbook
from cscaudit.report.options import OutputOptions
from cscaudit.report.scorecard import build_scorecard
from cscaudit.report.xlsx_save import (
    UnusualCell,
    cell_rows,
    collector_paused,
    save_workbook,
    sheet_data_xml,
)
from cscaudit.report.xlsx_style import formula, put
from cscaudit.results.model import AuditResult
from tests.assess.conftest import card, finding, make_assessment, make_audit, make_failure

SAVE_TIME = "docProps/core.xml"


def _parts(wb: Workbook, save: Callable[[Workbook, IO[bytes]], None]) -> dict[str, bytes]:
    buffer = io.BytesIO()
    save(wb, buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist() if name != SAVE_TIME}


def _openpyxl_save(wb: Workbook, out: IO[bytes]) -> None:
    wb.save(out)


def assert_same_package(make: Callable[[], Workbook]) -> None:
    """Two workbooks made alike (saving changes a workbook), one saved by each writer."""
    theirs = _parts(make(), _openpyxl_save)
    ours = _parts(make(), save_workbook)
    assert list(ours) == list(theirs)
    for name, body in theirs.items():
        assert ours[name] == body, name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_district_workbook_is_written_as_openpyxl_writes_it(lang: str) -> None:
    outcomes = (
        make_audit("C01", 95.0, 0.92, order=0, workers=(card("王芳", 120, 480, 470),)),
        make_audit("C02", 88.0, 0.97, order=1, street="西街道",
                   findings=(finding("D2", "D", "=HYPERLINK(\"x\") 走访不足 & <核对>"),)),
        make_audit("C03", 70.0, None, order=2),
        make_failure("west/C04", order=3),
    )
    assessment = make_assessment(outcomes)
    assert_same_package(lambda: build_workbook(assessment, OutputOptions(lang)))  # type: ignore[arg-type]


def test_scorecard_is_written_as_openpyxl_writes_it(result: AuditResult) -> None:
    assert_same_package(lambda: build_scorecard(result, OutputOptions("zh")))


_FILLS = (None, PatternFill("solid", fgColor="FFC7CE"))
_FONTS = (None, Font(bold=True), Font(size=14, italic=True, color="808080"))
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" \n&<>\"'="),
                max_size=30)
_VALUES: st.SearchStrategy[CellValue] = st.one_of(st.none(), _TEXT, st.integers(-10**17, 10**17), st.booleans(),
                    st.floats(allow_nan=False, allow_infinity=False))
_CELLS = st.lists(st.tuples(st.integers(1, 12), st.integers(1, 6), _VALUES,
                            st.sampled_from(_FONTS), st.sampled_from(_FILLS), st.booleans()),
                  max_size=40)


@settings(max_examples=60, deadline=None)
@given(_CELLS, st.lists(st.tuples(st.integers(1, 14), st.floats(5, 400)), max_size=4),
       st.booleans())
def test_random_sheets_are_written_as_openpyxl_writes_them(
        cells: list[tuple[int, int, CellValue, Font | None, PatternFill | None, bool]],
        heights: list[tuple[int, float]], merge: bool) -> None:
    assert_same_package(lambda: _random_sheet(cells, heights, merge=merge))


def _random_sheet(cells: list[tuple[int, int, CellValue, Font | None, PatternFill | None, bool]],
                  heights: list[tuple[int, float]], *, merge: bool) -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row, col, value, font, fill, wrap in cells:
        cell = ws.cell(row=row, column=col)
        cell.value = value
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if wrap:
            cell.alignment = Alignment(wrap_text=True)
        if row == 3 and isinstance(value, str) and value:
            cell.hyperlink = "https://example.org/a?b=1&c=2"
    for row, height in heights:
        ws.row_dimensions[row].height = height
    if merge:
        ws.merge_cells("B14:D14")
        ws["B14"].fill = PatternFill("solid", fgColor="DDEBF7")
    put(ws, 15, 1, " =1+1 ")
    formula(ws, 15, 2, '=IF(A1<>"",A1&"x",0)')
    return wb


@pytest.mark.parametrize("unusual", ["date", "comment", "error", "nan"])
def test_a_sheet_with_other_cells_is_left_to_openpyxl(unusual: str) -> None:
    first = _unusual_sheet(unusual).worksheets
    with pytest.raises(UnusualCell):
        sheet_data_xml(first[0], cell_rows(first[0]))
    assert sheet_data_xml(first[1], cell_rows(first[1])).startswith("<sheetData><row r=\"1\">")
    assert_same_package(lambda: _unusual_sheet(unusual))


def _unusual_sheet(unusual: str) -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    put(ws, 1, 1, "其他单元格正常")
    cell = ws.cell(row=2, column=2)
    if unusual == "date":
        cell.value = datetime.date(2024, 3, 1)
    elif unusual == "comment":
        cell.value = "有批注"
        cell.comment = Comment("批注", "cscaudit")
    elif unusual == "error":
        cell.value = "#N/A"
    else:
        cell.value = float("nan")
    other = wb.create_sheet("其他")
    put(other, 1, 1, "走访")
    return wb


def test_the_collector_is_paused_and_restored_as_it_was() -> None:
    assert gc.isenabled()
    with pytest.raises(OSError), collector_paused():
        assert not gc.isenabled()
        raise OSError("disk full")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
