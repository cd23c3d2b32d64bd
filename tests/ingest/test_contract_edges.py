"""Messy-export cases from the input contract that a tester found read wrongly: keys written
in full-width forms, 合计 and note rows with every required cell filled, reused record ids,
compact dates typed into number cells, 15-digit ID numbers stored as numbers, and Excel's
text-forcing forms ('330… and ="330…")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscaudit.ingest import FieldDictionary, TableSource
from cscaudit.ingest.dates import parse_date_value
from cscaudit.ingest.row_checks import TOTAL_LEADS, TOTAL_WORDS, may_be_total
from cscaudit.ingest.values import key_text, parse_id_number, parse_phone
from tests.ingest.conftest import read, write_csv, write_xlsx

VISIT_HEADER = ["走访编号", "走访日期", "走访人", "户号", "走访内容"]
LEDGER_HEADER = ["办件编号", "受理日期", "事项名称", "受理人", "办理状态"]
STAFF_HEADER = ["工号", "姓名", "职业资格", "培训学时"]


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else c for c in text)


def test_full_width_keys_read_as_their_half_width_form(tmp_path: Path, dictionary: FieldDictionary) -> None:
    rows = [VISIT_HEADER,
            [_full_width("V1"), "2024-03-05", "王芳\u3000", _full_width("NI001-1-101"), "健康状况"],
            ["V2", "2024-03-06", " 王芳", "NI001-1-101 ", "健康状况"]]
    path = write_csv(tmp_path / "走访记录.csv", rows)
    records, issues, _ = read(TableSource("visits", path), dictionary)
    assert [r.values["household_id"] for r in records] == ["NI001-1-101", "NI001-1-101"]
    assert [r.values["worker"] for r in records] == ["王芳", "王芳"]
    assert len(records) == 2
    assert issues == []


def test_key_text_folds_only_what_needs_folding() -> None:
    assert key_text("ＮＩ００１－１") == "NI001-1"
    assert key_text("  C001-1-101 ") == "C001-1-101"
    assert key_text(101.0) == "101"  # a workbook number in a key column
    assert key_text("") is None and key_text("\u3000") is None and key_text(None) is None


def test_total_row_with_every_required_cell_filled_is_skipped(tmp_path: Path,
                                                             dictionary: FieldDictionary) -> None:
    rows = [STAFF_HEADER, ["SG001", "吴娟兰", "社会工作师", "80"], ["SG002", "何婷", "社会工作师", "76"],
            ["合计", "2人", "", "156"]]
    path = write_csv(tmp_path / "staff.csv", rows)
    records, issues, reader = read(TableSource("staff", path), dictionary)
    assert [r.values["staff_id"] for r in records] == ["SG001", "SG002"]
    assert reader.stats.rows_skipped == {"total": 1}
    assert issues == []


def test_footer_note_in_a_required_column_is_a_note_not_a_record(tmp_path: Path,
                                                                  dictionary: FieldDictionary) -> None:
    rows = [LEDGER_HEADER, ["SL1", "2024-01-02", "居住证明", "王芳", "办结"],
            ["制表人：王芳  联系电话 13800138000", "", "", "", ""],
            ["XX社区2024年便民服务办件台账", "", "", "", ""],
            ["SL5", "", "", "", ""]]  # an id alone is a record with its gaps reported
    path = write_csv(tmp_path / "办件台账.csv", rows)
    records, issues, reader = read(TableSource("service_ledger", path), dictionary)
    assert [r.values["case_id"] for r in records] == ["SL1", "SL5"]
    assert reader.stats.rows_skipped == {"note": 2}
    assert [i.code for i in issues if i.row in (3, 4)] == ["note-row", "note-row"]
    assert {i.code for i in issues if i.row == 5} == {"missing-value"}


def test_a_reused_record_id_is_reported_against_its_first_row(tmp_path: Path,
                                                              dictionary: FieldDictionary) -> None:
    first = ["SL1", "2024-01-02", "居住证明", "王芳", "办结"]
    rows = [LEDGER_HEADER, first, ["SL2", "2024-01-02", "居住证明", "王芳", "办结"],
            ["SL1", "2024-02-01", "低保申请", "李明", "办结"],  # the id reused
            first]  # an identical copy: the duplicate-rows check's business, not an id issue
    path = write_csv(tmp_path / "办件台账.csv", rows)
    records, issues, _ = read(TableSource("service_ledger", path), dictionary)
    assert len(records) == 4
    reused = [i for i in issues if i.code == "duplicate-id"]
    assert [(i.row, i.column, i.field, i.severity) for i in reused] == [(4, "A", "case_id", "warning")]
    assert "第 2 行" in reused[0].message.zh and "row 2" in reused[0].message.en


def test_compact_date_typed_into_a_number_cell(tmp_path: Path, dictionary: FieldDictionary) -> None:
    assert parse_date_value(20240305) == (dt.date(2024, 3, 5), None)
    assert parse_date_value(20240305.0) == (dt.date(2024, 3, 5), None)
    value, problem = parse_date_value(20241399)
    assert value is None and problem is not None and problem.code == "bad-date"
    assert parse_date_value(45356) == (dt.date(2024, 3, 5), None)  # a serial stays a serial
    cells = {"A1": "走访日期", "B1": "走访人", "C1": "户号", "D1": "走访内容",
             "A2": 20240305, "B2": "王芳", "C2": "NI001", "D2": "政策宣传"}
    path = write_xlsx(tmp_path / "visits.xlsx", cells)
    records, issues, _ = read(TableSource("visits", path), dictionary)
    assert records[0].values["visited_on"] == dt.date(2024, 3, 5)
    assert [i for i in issues if i.severity == "error"] == []


def test_fifteen_digit_id_number_stored_as_a_number_is_exact() -> None:
    assert parse_id_number(330206690918506.0) == ("330206690918506", None)
    assert parse_id_number(330206690918506) == ("330206690918506", None)
    value, problem = parse_id_number(3.30206196909185e17)
    assert value is None and problem is not None and problem.code == "id-number-as-float"
    value, problem = parse_id_number(float("inf"))
    assert value is None and problem is not None


@pytest.mark.parametrize("raw", ["'330206196909185063", '="330206196909185063"',
                                 ' ="330206196909185063" '])
def test_text_forcing_forms_are_unwrapped(raw: str) -> None:
    assert parse_id_number(raw) == ("330206196909185063", None)


def test_text_forcing_forms_on_phones() -> None:
    assert parse_phone("'13800138000") == ("13800138000", None)
    assert parse_phone('="0574-87654321"') == ("0574-87654321", None)


@given(st.sampled_from(TOTAL_WORDS), st.sampled_from(["", " ", "\u3000", "  "]),
       st.text(max_size=8), st.booleans(), st.booleans())
def test_may_be_total_never_misses_a_total_row(word: str, lead: str, tail: str, upper: bool,
                                               blank_first: bool) -> None:
    """The cheap pre-check lets through every row the full check would call a total row
    (a total word starting the first filled cell, in any case, after spaces)."""
    text = lead + (word.upper() if upper else word) + tail
    cells = (["", text] if blank_first else [text]) + ["x", "1"]
    assert cells[0][:1] in TOTAL_LEADS  # the reader's inline first-character test
    assert may_be_total(cells)


def test_may_be_total_rejects_ordinary_rows() -> None:
    assert not may_be_total(["SL2024-00001", "2024-01-02", "居住证明"])
    assert not may_be_total(["C001-1-101", "王芳"])
    assert not may_be_total([1, "合计"])  # a number first: a record


def test_a_damaged_workbook_named_after_its_table_stays_that_tables_source(
        tmp_path: Path, dictionary: FieldDictionary) -> None:
    """Its indicators then say the export cannot be read, not that there is none."""
    from cscaudit.errors import InputError
    from cscaudit.ingest import discover_tables, open_table

    exports = tmp_path / "exports"
    exports.mkdir()
    whole = write_xlsx(tmp_path / "whole.xlsx", {"A1": "工号", "A2": "SG001"}).read_bytes()
    (exports / "入户走访登记表.xlsx").write_bytes(whole[: len(whole) // 2])
    (exports / "杂项.xlsx").write_bytes(whole[: len(whole) // 2])
    found = discover_tables(tmp_path, None, dictionary)
    assert [(s.table, s.path.name) for s in found.sources] == [("visits", "入户走访登记表.xlsx")]
    assert [(i.code, i.file) for i in found.issues] == [("unusable-file", "exports/杂项.xlsx")]
    with pytest.raises(InputError, match="xlsx"):
        open_table(found.sources[0], dictionary)
