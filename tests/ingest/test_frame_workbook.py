"""A workbook's body by column (`frame_workbook`): which path each column takes, and rows
padded only when narrower than the read."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cscaudit.ingest import FieldDictionary, TableSource, open_table
from cscaudit.ingest.frame_reader import read_frame
from cscaudit.ingest.frame_workbook import SAMPLE, FlatCells, WorkbookCells, read_workbook_body
from cscaudit.ingest.read_tuning import COLUMNAR
from tests.ingest.conftest import write_xlsx

NOT_TEXT: list[Any] = [1.0, 2, True, dt.date(2024, 3, 5), dt.datetime(2024, 3, 5, 14, 30),
                       dt.time(14, 30), dt.timedelta(hours=3), None]


def test_a_column_of_text_is_one_series_made_once() -> None:
    cells = WorkbookCells(3, [["A001", "张三", ""], ["A002", "", "x"]])
    first = cells.strings(1)
    assert first is not None and first.to_list() == ["张三", ""]
    assert cells.strings(1) is first
    assert cells.objects(1) is cells.objects(1)


@pytest.mark.parametrize("other", NOT_TEXT, ids=repr)
def test_one_cell_of_another_type_sends_the_column_to_the_objects_path(other: Any) -> None:
    cells = WorkbookCells(2, [["A001", "x"], [other, "y"], ["A003", "z"]])
    assert cells.strings(0) is None
    assert cells.objects(0) == ["A001", other, "A003"]
    assert cells.strings(1) is not None


@pytest.mark.parametrize("other", NOT_TEXT, ids=repr)
def test_a_cell_of_another_type_far_down_is_found_too(other: Any) -> None:
    rows = [["A001"] for _ in range(SAMPLE + 5)] + [[other]]
    assert WorkbookCells(1, rows).strings(0) is None


def _body(tmp_path: Path, dictionary: FieldDictionary, table: str,
          cells: dict[str, Any]) -> tuple[WorkbookCells, list[int], list[list[Any]]]:
    path = write_xlsx(tmp_path / "book.xlsx", cells, title="表")
    with open_table(TableSource(table, path), dictionary, whole=True) as reader:
        body = reader.body()
        width = max(body.plan.width, 3)
        head = [cells for _, cells in body.head]
        read, numbers, rest = read_workbook_body(body, width)
    assert rest == 0 and isinstance(read, WorkbookCells)
    return read, numbers.to_list(), head


def test_rows_as_wide_as_the_read_are_poured_into_one_flat_list(
        tmp_path: Path, dictionary: FieldDictionary) -> None:
    cells = {"A1": "台账", "A2": "工单编号", "B2": "受理时间", "C2": "备注",
             "A3": "T1", "B3": dt.datetime(2024, 3, 5, 9, 0), "A5": "T3", "C5": 1.5}
    read, numbers, head = _body(tmp_path, dictionary, "complaints", cells)
    assert numbers == [3, 4, 5]
    assert isinstance(read, FlatCells)
    assert read.row(0) == head[0]
    assert read.objects(2) == ["", "", 1.5]
    assert [read.row(i) for i in range(3)] == [
        ["T1", dt.datetime(2024, 3, 5, 9, 0), ""], ["", "", ""], ["T3", "", 1.5]]


def test_a_narrow_sheet_has_its_rows_padded(tmp_path: Path,
                                            dictionary: FieldDictionary) -> None:
    cells = {"A1": "工号", "A2": "S01", "A3": 7.0}
    read, numbers, _ = _body(tmp_path, dictionary, "staff", cells)
    assert numbers == [2, 3]
    assert [read.row(i) for i in range(2)] == [["S01", "", ""], [7.0, "", ""]]
    assert read.strings(0) is None and read.strings(1) is not None


def test_a_frame_from_typed_columns(tmp_path: Path, dictionary: FieldDictionary) -> None:
    """Dates, a serial and text in one date column; a float id; the values as the record
    reader parses them, the bad one reported on its row."""
    cells = {"A1": "工单编号", "B1": "受理时间",
             "A2": "T1", "B2": dt.datetime(2024, 3, 5, 9, 0),
             "A3": 2.0, "B3": 45356.5,
             "A4": "T3", "B4": "2024-03-07 10:00",
             "A5": "T4", "B5": "昨天"}
    path = write_xlsx(tmp_path / "book.xlsx", cells, title="工单")
    read = read_frame(TableSource("complaints", path), dictionary, COLUMNAR)
    frame = read.frame
    assert frame["_row"].to_list() == [2, 3, 4, 5]
    assert frame["ticket_id"].to_list() == ["T1", "2", "T3", "T4"]
    assert frame["received_at"].to_list() == [
        dt.datetime(2024, 3, 5, 9, 0), dt.datetime(2024, 3, 5, 12, 0),
        dt.datetime(2024, 3, 7, 10, 0), None]
    assert [(issue.row, issue.column) for issue in read.issues if issue.row is not None] == [
        (5, "B")]


@pytest.mark.parametrize("rest, flat", [
    ([["e", "f", "g", "h"], ["i", "", "", ""]], True),
    ([["e", "f", "g", "h"], [], ["i"], ["j", "k", "l", "m", "n"]], False),  # a streamed sheet
    ([[], ["e", "f", "g", "h"]], False),
], ids=["uniform", "varying-later", "varying-at-once"])
def test_rows_of_one_width_are_flat_and_others_are_kept_as_rows(
        tmp_path: Path, dictionary: FieldDictionary, rest: list[list[Any]],
        flat: bool) -> None:
    """Rows that stop being as wide as the first are kept as rows from there on, the rows
    already poured out cut back, every short row padded to the read's width."""
    path = write_xlsx(tmp_path / "book.xlsx", {"A1": "工号", "B1": "姓名"}, title="表")
    with open_table(TableSource("staff", path), dictionary, whole=True) as reader:
        body = dataclasses.replace(reader.body(), head=[(7, ["a", "b", "c", "d"])],
                                   rest=iter(rest))
        read, numbers, _ = read_workbook_body(body, 3)
    assert isinstance(read, FlatCells) is flat
    want = [row + [""] * (3 - len(row)) for row in [["a", "b", "c", "d"], *rest]]
    assert [read.row(i) for i in range(read.n)] == want
    assert read.objects(0) == [row[0] for row in want]
    assert numbers.to_list() == list(range(7, 7 + len(want)))
