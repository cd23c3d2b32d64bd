"""Golden cases for XLSX exports: Excel row numbers, merged titles, serials, 1904, bombs."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from cscaudit.errors import InputError
from cscaudit.ingest import FieldDictionary, TableSource, open_table
from tests.ingest.conftest import read, write_xlsx


@pytest.fixture(autouse=True, params=["calamine", "stream"])
def xlsx_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every case runs twice: through calamine, and through the bounded-memory stream that
    large sheets use (forced here by a threshold of -1)."""
    if request.param == "stream":
        monkeypatch.setattr("cscaudit.ingest.xlsx_stream.STREAM_ABOVE", -1)
        monkeypatch.setattr("cscaudit.ingest.xlsx_rows.STREAM_ABOVE", -1)
    return str(request.param)


ROSTER = {"B4": "户号", "C4": "户主姓名", "D4": "身份证号码", "E4": "人群类别", "F4": "包片社工",
          "G4": "登记日期"}


def test_row_numbers_merged_title_and_typed_cells(tmp_path: Path, dictionary: FieldDictionary) -> None:
    cells = {"B2": "XX社区联户名册", **ROSTER,
             "B5": "A-101", "C5": "张三", "D5": "11010119900307757X", "E5": "独居老人、残疾人",
             "F5": "王芳", "G5": dt.date(2024, 1, 2),
             "B6": 101, "C6": "李四", "D6": 1.10101199001011e17, "E6": "一般户", "F6": "王芳",
             "G6": 45293,
             "B8": "合计"}
    path = write_xlsx(tmp_path / "名册.xlsx", cells, title="联户名册", merged=["B2:G2"])
    records, issues, reader = read(TableSource("roster", path, sheet="联户名册"), dictionary)
    assert reader.header_row == 4 and reader.encoding is None
    named = [(c.letter, c.field) for c in reader.columns if c.header]
    assert named[:2] == [("B", "household_id"), ("C", "resident")]
    assert [r.row for r in records] == [5, 6]
    first, second = records[0].values, records[1].values
    assert first["group"] == ("elderly_alone", "disabled")
    assert first["registered_on"] == second["registered_on"] == dt.date(2024, 1, 2)
    assert second["household_id"] == "101"
    assert second["id_number"] is None
    assert reader.stats.rows_skipped == {"blank": 1, "total": 1}
    by_code = {i.code: i for i in issues}
    mangled = by_code["id-number-as-float"]
    assert (mangled.row, mangled.column, mangled.header) == (6, "D", "身份证号码")
    assert mangled.raw is not None and "1199001" not in mangled.raw
    assert "bad-id-check-digit" in by_code  # 11010119900307757X has the wrong check digit


def test_1904_workbook_and_serial_60(tmp_path: Path, dictionary: FieldDictionary) -> None:
    cells = {"A1": "走访日期", "B1": "走访人", "C1": "户号", "D1": "走访内容",
             "A2": 0, "B2": "王芳", "C2": "A-1", "D2": "政策宣传"}
    path = write_xlsx(tmp_path / "visits.xlsx", cells, title="visits", epoch1904=True)
    records, _, _ = read(TableSource("visits", path, sheet="visits"), dictionary)
    assert records[0].values["visited_on"] == dt.date(1904, 1, 1)
    cells["A2"] = 60
    path = write_xlsx(tmp_path / "visits1900.xlsx", cells, title="visits")
    records, issues, _ = read(TableSource("visits", path, sheet="visits"), dictionary)
    assert records[0].values["visited_on"] is None
    assert [(i.row, i.column, i.code) for i in issues] == [(2, "A", "serial-60")]


def test_corrupt_and_not_a_workbook(tmp_path: Path, dictionary: FieldDictionary) -> None:
    corrupt = tmp_path / "visits.xlsx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(InputError):
        open_table(TableSource("visits", corrupt), dictionary)
    plain_zip = tmp_path / "other.xlsx"
    with zipfile.ZipFile(plain_zip, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="workbook"):
        open_table(TableSource("visits", plain_zip), dictionary)


def _bomb(path: Path, size: int) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * size)
    return path


def test_zip_bomb_is_refused_by_ratio(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = _bomb(tmp_path / "visits.xlsx", 20 << 20)
    with pytest.raises(InputError, match="zip bomb"):
        open_table(TableSource("visits", path), dictionary)


def test_zip_bomb_with_a_lying_size_header(tmp_path: Path, dictionary: FieldDictionary,
                                          xlsx_mode: str) -> None:
    path = _bomb(tmp_path / "visits.xlsx", 300 << 10)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    real = (300 << 10).to_bytes(4, "little")
    fake = (1000).to_bytes(4, "little")
    assert data.count(real) == 2  # local header and central directory
    path.write_bytes(bytes(data.replace(real, fake)))
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    assert info.compress_size < 1000
    # calamine would inflate past the header, so the check inflates it first; a streamed
    # sheet is read by zipfile, which stops at the declared size (then fails its CRC)
    with pytest.raises(InputError, match="zip bomb" if xlsx_mode == "calamine" else None):
        open_table(TableSource("visits", path), dictionary)


def test_empty_sheet_and_missing_sheet(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = write_xlsx(tmp_path / "visits.xlsx", {}, title="visits")
    with pytest.raises(InputError, match="empty"):
        open_table(TableSource("visits", path, sheet="visits"), dictionary)
    with pytest.raises(InputError, match="no sheet"):
        open_table(TableSource("visits", path, sheet="nope"), dictionary)


def test_survey_item_columns(tmp_path: Path, dictionary: FieldDictionary) -> None:
    cells = {"A1": "测评日期", "B1": "受访者类别", "C1": "总体满意度", "D1": "题目1 服务态度",
             "E1": "题目2", "A2": "2024-11-01", "B2": "普通居民", "C2": "满意", "D2": "非常满意",
             "E2": "不满意"}
    path = write_xlsx(tmp_path / "surveys.xlsx", cells, title="满意度测评")
    records, issues, _ = read(TableSource("surveys", path), dictionary)
    values = records[0].values
    assert values["overall"] == "satisfied" and values["respondent_type"] == "resident"
    assert values["items"] == ("very_satisfied", "dissatisfied") and issues == []


def test_stream_cells_any_attribute_order_entities_and_gaps() -> None:
    from cscaudit.ingest.xlsx_stream import SheetStream

    stream = SheetStream.__new__(SheetStream)
    stream.strings, stream.dates, stream.date1904 = ["共享"], frozenset([3]), False
    stream._columns = {}
    row = ('<row r="7"><c t="s" r="A7"><v>0</v></c><c r="C7" t="inlineStr"><is><t>a&amp;b</t></is>'
           '</c><c r="D7" s="3"><v>45356</v></c><c r="E7" t="b"><v>1</v></c>'
           '<c r="F7"><f>1+1</f><v>2</v></c>')
    assert stream._cells(row) == ["共享", "", "a&b", dt.date(2024, 3, 5), True, 2.0]
