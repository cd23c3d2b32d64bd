"""`ReadTuning`: which path `read_frame` takes (record reader for a small file, column-wise
above), and that both give the same read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cscaudit.errors import InputError
from cscaudit.ingest import FieldDictionary, TableSource
from cscaudit.ingest.frame_reader import FrameRead, read_frame
from cscaudit.ingest.read_tuning import COLUMNAR, ReadTuning
from tests.ingest.conftest import write_csv, write_xlsx

ROWS = [["工单编号", "受理时间", "紧急程度"], ["T1", "2024-03-05 09:00", "一般"],
        ["T2", "昨天", "一般"], ["T2", "2024-03-06 10:00", "紧急"], ["合计", "", ""]]


def _same(a: FrameRead, b: FrameRead) -> None:
    assert a.frame.schema == b.frame.schema and a.frame.equals(b.frame)
    assert a.issues == b.issues and a.names_in_label == b.names_in_label
    assert (a.stats.rows_read, a.stats.rows_parsed, a.stats.rows_skipped,
            a.stats.issue_counts) == (b.stats.rows_read, b.stats.rows_parsed,
                                      b.stats.rows_skipped, b.stats.issue_counts)


def test_a_csv_below_the_size_is_read_record_by_record(tmp_path: Path,
                                                        dictionary: FieldDictionary) -> None:
    source = TableSource("complaints", write_csv(tmp_path / "诉求.csv", ROWS))
    size = source.path.stat().st_size
    small = read_frame(source, dictionary)
    columnar = read_frame(source, dictionary, COLUMNAR)
    assert not small.columnar and columnar.columnar
    _same(small, columnar)
    assert small.frame["ticket_id"].to_list() == ["T1", "T2", "T2"]
    assert small.stats.rows_skipped == {"total": 1} and len(small.issues) >= 2
    # the size is the file's in bytes: a file of exactly the threshold is not below it
    assert read_frame(source, dictionary, ReadTuning(csv_records_below=size)).columnar
    assert not read_frame(source, dictionary, ReadTuning(csv_records_below=size + 1)).columnar


def test_a_workbook_below_the_size_is_read_record_by_record(tmp_path: Path,
                                                             dictionary: FieldDictionary) -> None:
    cells = {"A1": "工单编号", "B1": "受理时间", "A2": "T1", "B2": dt.datetime(2024, 3, 5, 9),
             "A3": 2.0, "B3": 45356.5, "A4": "T4", "B4": "昨天"}
    source = TableSource("complaints", write_xlsx(tmp_path / "book.xlsx", cells, title="工单"))
    small = read_frame(source, dictionary)
    columnar = read_frame(source, dictionary, ReadTuning(workbook_records_below=0))
    assert not small.columnar and columnar.columnar
    _same(small, columnar)
    # a CSV's threshold says nothing about a workbook, and the other way round
    assert not read_frame(source, dictionary, ReadTuning(csv_records_below=0)).columnar


def test_an_unusable_source_fails_alike_on_both_paths(tmp_path: Path,
                                                      dictionary: FieldDictionary) -> None:
    missing = TableSource("complaints", tmp_path / "gone.csv")
    headless = TableSource("complaints", write_csv(tmp_path / "x.csv", [["a", "b"], ["1", "2"]]))
    for source in (missing, headless):
        errors = []
        for tuning in (COLUMNAR, ReadTuning()):
            with pytest.raises(InputError) as caught:
                read_frame(source, dictionary, tuning)
            errors.append((caught.value.message, caught.value.line))
        assert errors[0] == errors[1]
