"""Golden cases for CSV exports: encodings, delimiters, title/blank/total rows, accounting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cscaudit.errors import InputError
from cscaudit.ingest import FieldDictionary, MissingColumnsError, TableSource, open_table
from tests.ingest.conftest import read, write_csv

HEADER = ["走访编号", "走访日期", "走访人", "户号", "人群类别", "走访方式", "走访内容", "备注栏"]
ROWS = [
    ["V1", "2024-03-05", "王芳", "A-101", "独居老人", "入户", "健康状况、子女联系方式", "x"],
    ["V2", "2024年3月6日", "王芳", "A-102", "残疾人", "电话", "身体状况；家庭生活状况", ""],
]


def test_gb18030_with_title_blank_and_total_rows(tmp_path: Path, dictionary: FieldDictionary) -> None:
    rows = [HEADER, ROWS[0], ["", "", "", "", "", "", "", ""], ROWS[1], ["合计", "", "", "", "", "", "", ""]]
    path = write_csv(tmp_path / "走访记录.csv", rows, encoding="gb18030",
                     prefix="XX社区2024年走访记录\n\n")
    records, issues, reader = read(TableSource("visits", path), dictionary)
    assert reader.encoding == "gb18030"
    assert reader.header_row == 3
    assert [r.row for r in records] == [4, 6]
    first = records[0].values
    assert first["visited_on"] == dt.date(2024, 3, 5)
    assert first["group"] == ("elderly_alone",)
    assert first["method"] == "in_person"
    assert first["content"] == ("health_status", "children_contact")
    assert first["content_text"] == "健康状况、子女联系方式"
    assert records[1].values["visited_on"] == dt.date(2024, 3, 6)
    assert reader.stats.rows_read == 4
    assert reader.stats.rows_skipped == {"blank": 1, "total": 1}
    assert reader.stats.rows_read == reader.stats.rows_parsed + reader.stats.skipped
    assert [(i.code, i.row, i.column, i.header) for i in issues] == [
        ("unknown-column", 3, "H", "备注栏")]


@pytest.mark.parametrize(("encoding", "label"), [("utf-8-sig", "utf-8 (BOM)"), ("utf-8", "utf-8")])
def test_utf8_with_and_without_bom(tmp_path: Path, dictionary: FieldDictionary, encoding: str,
                                   label: str) -> None:
    path = write_csv(tmp_path / "visits.csv", [HEADER[:7], ROWS[0][:7]], encoding=encoding)
    records, issues, reader = read(TableSource("visits", path), dictionary)
    assert reader.encoding == label and reader.header_row == 1
    assert records[0].values["household_id"] == "A-101" and issues == []


@pytest.mark.parametrize("delimiter", ["\t", ";", "|"])
def test_delimiter_is_sniffed(tmp_path: Path, dictionary: FieldDictionary, delimiter: str) -> None:
    path = write_csv(tmp_path / "visits.csv", [HEADER[:7], *[r[:7] for r in ROWS]],
                     delimiter=delimiter)
    records, issues, _ = read(TableSource("visits", path), dictionary)
    assert [r.values["visit_id"] for r in records] == ["V1", "V2"] and issues == []


def test_full_width_digits_serial_and_bad_values(tmp_path: Path, dictionary: FieldDictionary) -> None:
    rows = [HEADER[:7],
            ["V1", "２０２４－０３－０５", "王芳", "A-1", "老年人", "入户", "政策宣传"],
            ["V2", "45356", "王芳", "A-2", "老年人", "入户", "政策宣传"],
            ["V3", "2024-02-30", "王芳", "A-3", "外星人", "飞行", "政策宣传"],
            ["V4", "2024-03-05", "", "A-4", "老年人", "入户", "政策宣传"]]
    path = write_csv(tmp_path / "visits.csv", rows)
    records, issues, reader = read(TableSource("visits", path), dictionary)
    values = [r.values for r in records]
    assert values[0]["visited_on"] == values[1]["visited_on"] == dt.date(2024, 3, 5)
    assert values[2]["visited_on"] is None and values[2]["group"] == () and values[2]["method"] is None
    assert values[3]["worker"] is None
    got = {(i.row, i.column, i.code, i.severity) for i in issues}
    assert got == {(3, "B", "serial-date", "warning"), (4, "B", "bad-date", "error"),
                   (4, "E", "bad-enum", "error"), (4, "F", "bad-enum", "error"),
                   (5, "C", "missing-value", "error")}
    assert reader.stats.rows_parsed == 4


def test_repeated_header_note_row_and_short_rows(tmp_path: Path, dictionary: FieldDictionary) -> None:
    rows = [HEADER[:7], ROWS[0][:7], HEADER[:7], ["V9", "2024-03-07", "李强", "B-1"],
            ["制表人：张三"]]
    path = write_csv(tmp_path / "visits.csv", rows)
    records, issues, reader = read(TableSource("visits", path), dictionary)
    assert [r.row for r in records] == [2, 4]
    assert records[1].values["content"] == () and records[1].values["group"] == ()
    assert reader.stats.rows_skipped == {"repeated_header": 1, "note": 1}
    assert {(i.row, i.code) for i in issues} == {(4, "missing-value"), (4, "short-row"),
                                                 (5, "note-row")}


def test_multiline_cell_keeps_line_numbers(tmp_path: Path, dictionary: FieldDictionary) -> None:
    rows = [HEADER[:7], ["V1", "2024-03-05", "王芳", "A-1", "老年人", "入户", "政策宣传\n健康状况"]]
    rows += [[f"V{n}", "2024-03-05", "王芳", f"A-{n}", "老年人", "入户", "政策宣传"] for n in range(2, 40)]
    path = write_csv(tmp_path / "visits.csv", rows)
    records, _, _ = read(TableSource("visits", path), dictionary)
    assert records[0].values["content"] == ("policy_publicity", "health_status")
    assert [r.row for r in records[:3]] == [2, 4, 5]
    assert records[-1].row == 41


def test_missing_required_column_names_accepted_headers(tmp_path: Path,
                                                        dictionary: FieldDictionary) -> None:
    path = write_csv(tmp_path / "visits.csv", [["走访编号", "走访人", "户号", "走访内容"], ["V1", "王", "A", "x"]])
    with pytest.raises(MissingColumnsError) as caught:
        open_table(TableSource("visits", path), dictionary)
    assert "走访日期" in caught.value.message.zh and "visited_on" in caught.value.message.en
    assert caught.value.missing == ("visited_on",)
    assert [c.field for c in caught.value.columns] == ["visit_id", "worker", "household_id", "content"]


def test_column_override_and_fallback_id(tmp_path: Path, dictionary: FieldDictionary) -> None:
    rows = [["序号", "日期", "社工", "户号", "内容记录"], ["7", "2024-03-05", "王芳", "A-1", "政策宣传"]]
    path = write_csv(tmp_path / "visits.csv", rows)
    source = TableSource("visits", path, columns={"日期": "visited_on", "社工": "worker",
                                                 "内容记录": "content"})
    records, issues, _ = read(source, dictionary)
    assert records[0].values["visit_id"] == "7" and issues == []
    assert records[0].values["content"] == ("policy_publicity",)


def test_header_only_and_empty(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = write_csv(tmp_path / "visits.csv", [HEADER[:7]])
    records, issues, reader = read(TableSource("visits", path), dictionary)
    assert records == [] and [i.code for i in issues] == ["no-rows"]
    assert reader.stats.rows_read == 0
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        open_table(TableSource("visits", empty), dictionary)


def test_unknown_encoding_and_binary(tmp_path: Path, dictionary: FieldDictionary) -> None:
    bad = tmp_path / "visits.csv"
    bad.write_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x20, 0x80]) * 50)
    with pytest.raises(InputError):
        open_table(TableSource("visits", bad), dictionary)
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00" * 100)
    with pytest.raises(InputError):
        open_table(TableSource("visits", binary), dictionary)


def test_issue_cap_counts_the_rest(tmp_path: Path, dictionary: FieldDictionary) -> None:
    rows = [HEADER[:7]] + [["V", "bad", "王", "A", "老年人", "入户", "政策宣传"]] * 150
    path = write_csv(tmp_path / "visits.csv", rows)
    records, issues, reader = read(TableSource("visits", path), dictionary)
    assert len(records) == 150 and reader.stats.issue_counts == {"bad-date": 150}
    assert len(issues) == 101 and issues[-1].row is None and "50" in issues[-1].message.en


def test_pii_is_masked_in_issues(tmp_path: Path, dictionary: FieldDictionary) -> None:
    rows = [["户号", "姓名", "身份证号码", "联系电话", "人群类别", "包片社工"],
            ["A-1", "张三", "110101199003077570", "1381234567", "老年人", "王芳"]]
    path = write_csv(tmp_path / "roster.csv", rows)
    _, issues, _ = read(TableSource("roster", path), dictionary)
    raws = {i.field: i.raw for i in issues}
    assert raws["id_number"] is not None and "199003077" not in raws["id_number"]
    assert raws["phone"] is not None and "1234567" not in raws["phone"]
