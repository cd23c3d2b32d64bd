"""Bytes that are not in the file's encoding (the encoding was decided on the first MB, or by a
BOM): the rows are read with U+FFFD in their place and each such line is a `bad-bytes` data
issue with its exact line and column; the read goes on. UTF-16/32 stay strict."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscaudit.errors import InputError
from cscaudit.ingest import FieldDictionary, TableSource, csv_rows
from cscaudit.ingest.csv_rows import bad_bytes, csv_format, replacements
from tests.ingest.conftest import read

HEADER = "编号,受理日期,事项名称,承办社工,办理结果"


def ledger_bytes(rows: int, bom: bool = True) -> list[bytes]:
    lines = [HEADER] + [f"SL{i},2024-01-{i % 28 + 1:02d},居住证明,王芳,办结" for i in range(1, rows + 1)]
    encoded = [line.encode("utf-8") for line in lines]
    if bom:
        encoded[0] = codecs.BOM_UTF8 + encoded[0]
    return encoded


def write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_a_stray_byte_is_an_issue_on_its_line_and_column(tmp_path: Path,
                                                         dictionary: FieldDictionary) -> None:
    lines = ledger_bytes(40)
    lines[24] = lines[24].replace("王芳".encode(), b"\xff\xfe")
    path = write(tmp_path / "办件台账.csv", lines)
    records, issues, reader = read(TableSource("service_ledger", path), dictionary)
    assert reader.encoding == "utf-8 (BOM)" and len(records) == 40
    assert records[23].values["handler"] == "\ufffd\ufffd"
    assert [(i.code, i.row, i.column, i.header, i.field, i.severity) for i in issues] == [
        ("bad-bytes", 25, "D", "承办社工", "handler", "warning")]
    assert "FF FE" in issues[0].message.zh and "UTF-8" in issues[0].message.en


def test_far_down_a_file_decided_on_its_first_mb(tmp_path: Path, dictionary: FieldDictionary) -> None:
    lines = ledger_bytes(40000, bom=False)  # over a MB of Chinese text: UTF-8 from the sample
    lines[30211] = lines[30211].replace("居住证明".encode(), "居住证".encode() + b"\xe6\x98")
    lines[39000] = lines[39000].replace(b"SL", b"S\x80L")
    path = write(tmp_path / "办件台账.csv", lines)
    assert len(b"\n".join(lines[:30211])) > (1 << 20)
    records, issues, reader = read(TableSource("service_ledger", path), dictionary)
    assert reader.encoding == "utf-8" and len(records) == 40000
    assert [(i.row, i.column) for i in issues] == [(30212, "C"), (39001, "A")]
    assert "E6 98" in issues[0].message.zh and "80" in issues[1].message.zh


def test_inside_a_cell_that_spans_lines(tmp_path: Path, dictionary: FieldDictionary) -> None:
    lines = ledger_bytes(5)
    lines[2] = lines[2].replace("居住证明".encode(), '"居住证明\n第二行\n第三'.encode() + b"\xff" + '行"'.encode())
    path = write(tmp_path / "办件台账.csv", lines)
    records, issues, _ = read(TableSource("service_ledger", path), dictionary)
    assert [r.row for r in records] == [2, 3, 6, 7, 8]
    assert [(i.code, i.row, i.column) for i in issues] == [("bad-bytes", 5, "C")]


def test_clean_file_reports_nothing_and_replaces_nothing(tmp_path: Path,
                                                         dictionary: FieldDictionary) -> None:
    path = write(tmp_path / "办件台账.csv", ledger_bytes(50))
    before = replacements()
    _, issues, _ = read(TableSource("service_ledger", path), dictionary)
    assert issues == [] and replacements() == before
    assert bad_bytes(path, csv_format(path)) == ([], 0)


def test_many_bad_lines_are_listed_up_to_a_cap(tmp_path: Path, dictionary: FieldDictionary,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_rows, "MAX_BAD_LINES", 5)
    lines = ledger_bytes(20)
    for n in range(3, 12):
        lines[n] = lines[n].replace(b"SL", b"\xffSL")
    path = write(tmp_path / "办件台账.csv", lines)
    records, issues, reader = read(TableSource("service_ledger", path), dictionary)
    assert len(records) == 20
    assert [(i.row, i.column) for i in issues] == [(4, "A"), (5, "A"), (6, "A"), (7, "A"), (8, "A"),
                                                   (None, None)]
    assert "4" in issues[-1].message.zh and reader.stats.issue_counts == {"bad-bytes": 6}


def test_utf16_stays_strict(tmp_path: Path, dictionary: FieldDictionary) -> None:
    text = "\n".join(line.decode("utf-8-sig") for line in ledger_bytes(40)) + "\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    cut = data.index("SL30".encode("utf-16-le"))
    path = tmp_path / "办件台账.csv"
    path.write_bytes(data[:cut] + b"\x00\xdc" + data[cut:])  # a lone low surrogate
    with pytest.raises(InputError, match="utf-16"):
        read(TableSource("service_ledger", path), dictionary)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(at=st.integers(1, 60), junk=st.sampled_from([b"\xff", b"\x80\x80", b"\xc3", b"\xed\xa0\x80"]))
def test_any_line_any_junk(tmp_path: Path, dictionary: FieldDictionary, at: int, junk: bytes) -> None:
    lines = ledger_bytes(60)
    lines[at] = lines[at].replace("办结".encode(), "办".encode() + junk)
    path = write(tmp_path / "办件台账.csv", lines)
    records, issues, _ = read(TableSource("service_ledger", path), dictionary)
    assert len(records) == 60
    bad = [i for i in issues if i.code == "bad-bytes"]
    assert [(i.row, i.column) for i in bad] == [(at + 1, "E")]



def test_one_gbk_line_in_the_first_mb_of_a_utf8_file(tmp_path: Path, dictionary: FieldDictionary) -> None:
    """A row pasted from a GBK file used to refuse the whole table with no line named; a file
    GBK in most lines stays GB18030."""
    lines = ledger_bytes(40, bom=False)
    lines[7] = lines[7].decode("utf-8").encode("gbk")  # 居住证明, 王芳, 办结 in GBK
    path = write(tmp_path / "办件台账.csv", lines)
    records, issues, reader = read(TableSource("service_ledger", path), dictionary)
    assert reader.encoding == "utf-8" and len(records) == 40
    assert [(i.row, i.column) for i in issues if i.code == "bad-bytes"] == [(8, "C")]
    assert records[8].values["handler"] == "王芳"  # the rows after it are read as before
    gbk = write(tmp_path / "gbk.csv", [line.decode("utf-8").encode("gbk") for line in lines[:7]])
    assert csv_format(gbk).encoding == "gb18030"


@pytest.mark.parametrize("row", [1, 3, 40])
def test_one_nul_byte_is_an_issue_on_its_line(tmp_path: Path, dictionary: FieldDictionary,
                                               row: int) -> None:
    """One NUL byte used to refuse the file as 'not a text file' (no line named); a workbook
    renamed to .csv, or binary bytes, still are refused."""
    lines = ledger_bytes(40, bom=False)
    lines[row] = lines[row].replace("王芳".encode(), "王\x00芳".encode())
    path = write(tmp_path / "办件台账.csv", lines)
    records, issues, _ = read(TableSource("service_ledger", path), dictionary)
    assert len(records) == 40
    nul = [i for i in issues if i.code == "bad-bytes"]
    assert [(i.row, i.column, i.severity) for i in nul] == [(row + 1, "D", "warning")]
    assert "NUL" in nul[0].message.en and "NUL" in nul[0].message.zh
    for binary in (b"PK\x03\x04" + b"\x00" * 3 + b"x" * 500, b"a,b\n" + b"\x00\x01" * 400):
        path.write_bytes(binary)
        with pytest.raises(InputError, match="not a text"):
            csv_format(path)


@pytest.mark.parametrize("damage", [b"\x00\x00", b"\x00", b" \x00 \x00", b"\x00,\x00,,"])
def test_a_line_of_only_nul_bytes_is_not_a_record(tmp_path: Path, dictionary: FieldDictionary,
                                                  damage: bytes) -> None:
    header = "编号,姓名,岗位,培训学时,入职日期".encode()
    rows = [f"SG00{i},王{i}芳,综合窗口,40,2020-01-0{i}".encode() for i in range(1, 5)]
    # a CRLF file where a damaged line of NULs sits between two records
    data = b"\r\n".join([codecs.BOM_UTF8 + header, rows[0], rows[1]]) + b"\r" + damage + b"\n"
    data += b"\r\n".join(rows[2:]) + b"\r\n"
    path = tmp_path / "社工名册.csv"
    path.write_bytes(data)
    records, issues, _ = read(TableSource("staff", path), dictionary)
    assert [r.values["staff_id"] for r in records] == ["SG001", "SG002", "SG003", "SG004"]
    nul = [i for i in issues if i.code == "bad-bytes"]
    assert len(nul) == 1 and nul[0].severity == "warning"  # still reported as damage
