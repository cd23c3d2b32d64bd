"""A small workbook whose used range is huge is refused before calamine allocates for it
(issue 11, item 2): one cell at XFD1048576 made calamine ask for 512 GiB and abort."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from cscaudit.errors import InputError
from cscaudit.ingest import FieldDictionary, TableSource, open_table, xlsx_extent
from cscaudit.ingest.xlsx_extent import MAX_RANGE_CELLS, sheet_extent, within_bound

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _workbook(sheet_data: str, dimension: str = "A1",
              compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal, valid XLSX with one sheet 走访记录 holding `sheet_data`."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicat'
            'ion/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Conte'
            'ntType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="app'
            'lication/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Overr'
            'ide PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlfor'
            'mats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openx'
            'mlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://s'
            'chemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Targ'
            'et="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
            '<sheets><sheet name="走访记录" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openx'
            'mlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://s'
            'chemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="w'
            'orksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><dimension '
            f'ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>'),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return buffer.getvalue()


HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>走访日期</t></is></c>'
          '<c r="B1" t="inlineStr"><is><t>走访人</t></is></c></row>')
FAR = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
PART = "xl/worksheets/sheet1.xml"  # the one sheet of `_workbook`
BOMBS = {
    "far cell": HEADER + FAR,
    "dimension says A1": HEADER + FAR,  # written with a lying <dimension> below
    "attributes reordered": HEADER + '<row r="1048576"><c t="n" s="0" r="XFD1048576">'
                                     "<v>1</v></c></row>",
    "row reference only": HEADER + '<row r="1048576">' + "<c><v>1</v></c>" * 40 + "</row>",
}


@pytest.mark.parametrize("case", sorted(BOMBS))
def test_a_tiny_workbook_with_a_huge_range_is_refused_naming_it(
        tmp_path: Path, dictionary: FieldDictionary, case: str) -> None:
    dimension = "A1" if case == "dimension says A1" else "A1:XFD1048576"
    path = tmp_path / "走访记录.xlsx"
    path.write_bytes(_workbook(BOMBS[case], dimension))
    assert path.stat().st_size < 2048
    source = TableSource("visits", path, sheet="走访记录")
    with pytest.raises(InputError) as caught, open_table(source, dictionary) as reader:
        list(reader.records())
    assert caught.value.file == str(path)
    assert "走访记录" in caught.value.message.zh and "远大于" in caught.value.message.zh
    assert "cells" in caught.value.message.en


def test_a_sparse_but_plausible_sheet_is_still_read(tmp_path: Path,
                                                     dictionary: FieldDictionary) -> None:
    def row(n: int, *texts: str) -> str:
        return f'<row r="{n}">' + "".join(
            f'<c r="{col}{n}" t="inlineStr"><is><t>{text}</t></is></c>'
            for col, text in zip("ABCD", texts, strict=False)) + "</row>"

    rows = row(1, "走访日期", "走访人", "户号", "走访内容") + "".join(
        row(n, f"2024-03-0{n}", "王芳", f"A-10{n}", "政策宣传，了解近况") for n in (2, 3))
    rows += '<row r="60000"><c r="Z60000"><v>1</v></c></row>'  # far, but 1.6 M cells
    path = tmp_path / "走访记录.xlsx"
    path.write_bytes(_workbook(rows, "A1:Z60000"))
    with open_table(TableSource("visits", path, sheet="走访记录"), dictionary) as reader:
        records = list(reader.records())
    assert [r.row for r in records][:2] == [2, 3]


def test_cli_exits_cleanly_where_the_reader_used_to_abort(tmp_path: Path) -> None:
    """In a separate process: before the check, this aborted with exit 134 and no file name."""
    path = tmp_path / "走访记录.xlsx"
    path.write_bytes(_workbook(HEADER + FAR, "A1:XFD1048576"))
    done = subprocess.run([sys.executable, "-m", "cscaudit", "inspect", str(path), "--lang",
                           "en"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (0, 1, 2), done.stderr[-500:]
    assert "Traceback" not in done.stderr
    assert "XFD1048576" in done.stdout + done.stderr


def _cells_xml(cells: list[tuple[int, int]], reorder: bool, prefix: bool) -> str:
    """One row per (row, column) cell, its attributes in either order, tags prefixed or not."""
    ns = "x:" if prefix else ""
    return "".join(
        f'<{ns}row r="{row}">'
        + (f'<{ns}c s="1" r="{get_column_letter(col)}{row}">' if reorder
           else f'<{ns}c r="{get_column_letter(col)}{row}" s="1">')
        + f"<{ns}v>1</{ns}v></{ns}c></{ns}row>"
        for row, col in cells)


def _sheet(xml: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("sheet.xml", f"<worksheet><sheetData>{xml}</sheetData></worksheet>")
    return buffer


CELLS = st.lists(st.tuples(st.integers(1, 1_048_576), st.integers(1, 16_384)), min_size=1,
                 max_size=30, unique=True)


@settings(max_examples=60, deadline=None)
@given(cells=CELLS, reorder=st.booleans(), prefix=st.booleans())
def test_extent_is_the_span_of_the_cells(cells: list[tuple[int, int]], reorder: bool,
                                         prefix: bool) -> None:
    """Whatever the attribute order or namespace prefix (the exact path), the extent is the
    bounding box of the cells' own references."""
    with zipfile.ZipFile(_sheet(_cells_xml(sorted(cells), reorder, prefix))) as zf:
        extent = sheet_extent(zf, "sheet.xml")
    rows, cols = [r for r, _ in cells], [c for _, c in cells]
    assert (extent.first_row, extent.last_row) == (min(rows), max(rows))
    assert (extent.first_column, extent.last_column) == (min(cols), max(cols))
    assert extent.cells == len(cells)




@settings(max_examples=80, deadline=None)
@given(cells=st.lists(st.tuples(st.integers(1, 700_000), st.integers(1, 40)), min_size=1,
                      max_size=30, unique=True),
       reorder=st.booleans(), prefix=st.booleans())
def test_the_cheap_bound_holds_exactly_for_one_letter_and_rows_below_600000(
        cells: list[tuple[int, int]], reorder: bool, prefix: bool) -> None:
    """`within_bound` (one search a chunk) lets a sheet through only when its cells are all
    `<c r="...">` in A1:Z599999, so that its range is under the limit; any other sheet is
    left to the exact scan."""
    with zipfile.ZipFile(_sheet(_cells_xml(cells, reorder, prefix))) as zf:  # in any order
        proven = within_bound(zf, "sheet.xml")
        extent = sheet_extent(zf, "sheet.xml")
    inside = all(row < 600_000 and col <= 26 for row, col in cells)
    assert proven == (inside and not reorder and not prefix)
    if proven:
        assert extent.range_cells <= MAX_RANGE_CELLS and extent.last_column <= 26


@pytest.mark.parametrize("cell", ['<c r="AA7">', '<c r="B600000">', '<c r="A1234567">',
                                  "<c>", '<c t="n" r="A1">', '<c\tr="A1">', '<c/>'])
def test_a_cell_the_bound_cannot_place_leaves_it_unproven(cell: str) -> None:
    xml = f'<row r="1"><c r="A1"><v>1</v></c>{cell}</row>'
    with zipfile.ZipFile(_sheet(xml)) as zf:
        assert not within_bound(zf, "sheet.xml")
    with zipfile.ZipFile(_sheet('<row r="1"><c r="A1"><v>1</v></c></row>')) as zf:
        assert within_bound(zf, "sheet.xml")


def test_a_sheet_past_the_bound_is_scanned_exactly_and_read(
        tmp_path: Path, dictionary: FieldDictionary, monkeypatch: pytest.MonkeyPatch) -> None:
    scanned: list[str] = []
    exact = xlsx_extent.sheet_extent

    def spy(zf: zipfile.ZipFile, part: str) -> xlsx_extent.SheetExtent:
        scanned.append(part)
        return exact(zf, part)

    monkeypatch.setattr(xlsx_extent, "sheet_extent", spy)
    header = ('<row r="1"><c r="A1" t="inlineStr"><is><t>走访日期</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>走访人</t></is></c>'
              '<c r="C1" t="inlineStr"><is><t>户号</t></is></c>'
              '<c r="D1" t="inlineStr"><is><t>走访内容</t></is></c></row>')
    row = ('<row r="2"><c r="A2" t="inlineStr"><is><t>2024-03-05</t></is></c>'
           '<c r="B2" t="inlineStr"><is><t>王芳</t></is></c>'
           '<c r="C2" t="inlineStr"><is><t>A-101</t></is></c>'
           '<c r="D2" t="inlineStr"><is><t>政策宣传</t></is></c></row>')
    for name, far in (("near.xlsx", ""), ("wide.xlsx", '<row r="3"><c r="AB3"><v>1</v></c></row>')):
        path = tmp_path / name
        path.write_bytes(_workbook(header + row + far, "A1:AB3"))
        with open_table(TableSource("visits", path, sheet="走访记录"), dictionary) as reader:
            assert [r.row for r in reader.records()][:1] == [2]
    assert scanned == ["xl/worksheets/sheet1.xml"]  # the wide one only


def test_the_zip_check_proves_the_bound_of_the_sheet_to_be_read_on_the_way(
        tmp_path: Path) -> None:
    """The sheet's XML is inflated once for the bomb check; the bound is searched there, so
    the extent scan does not inflate it again."""
    from cscaudit.ingest.xlsx_rows import open_workbook

    near, wide = tmp_path / "near.xlsx", tmp_path / "wide.xlsx"
    near.write_bytes(_workbook(HEADER, "A1:B1"))
    wide.write_bytes(_workbook(HEADER + '<row r="2"><c r="AB2"><v>1</v></c></row>', "A1:AB2"))
    for path, proven in ((near, True), (wide, False)):
        book = open_workbook(path)
        book.book.close()
        assert (PART in book.proven) is proven, path.name


def test_a_stored_sheet_is_not_proven_by_an_inflating_that_did_not_happen(
        tmp_path: Path, dictionary: FieldDictionary) -> None:
    """A part stored without compression is not inflated by the zip check: its extent is
    scanned, and a far cell in it refused."""
    from cscaudit.ingest.xlsx_rows import open_workbook

    path = tmp_path / "走访记录.xlsx"
    path.write_bytes(_workbook(HEADER, "A1:B1", zipfile.ZIP_STORED))
    book = open_workbook(path)
    book.book.close()
    assert PART not in book.proven
    path.write_bytes(_workbook(HEADER + FAR, "A1", zipfile.ZIP_STORED))
    with pytest.raises(InputError) as caught, open_table(
            TableSource("visits", path, sheet="走访记录"), dictionary) as reader:
        list(reader.records())
    assert "XFD1048576" in caught.value.message.en


def test_a_sheet_part_written_twice_is_proven_only_when_both_are(tmp_path: Path) -> None:
    from cscaudit.ingest.xlsx_rows import open_workbook

    path = tmp_path / "走访记录.xlsx"
    path.write_bytes(_workbook(HEADER, "A1:B1"))
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "a") as zf:  # duplicate name
        zf.writestr("xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{HEADER + FAR}"
                    "</sheetData></worksheet>")
    book = open_workbook(path)
    book.book.close()
    assert PART not in book.proven


def test_a_workbook_of_k_sheets_is_inflated_once_not_once_a_sheet(
        tmp_path: Path, dictionary: FieldDictionary, monkeypatch: pytest.MonkeyPatch) -> None:
    """Discovery lists the sheets, then each sheet is read as its own source: every part is
    inflated once in all (was k + 1 times each, k^2 inflations of sheets), no sheet's extent
    is scanned again; the same path written anew is checked anew, and a bomb refused."""
    from openpyxl import Workbook

    from cscaudit.ingest import xlsx_rows
    from cscaudit.ingest.discover import sheet_names

    inflated: list[str] = []
    scanned: list[str] = []
    inflate, scan = xlsx_rows._inflated_size, xlsx_rows.check_extent

    def inflate_spy(path: Path, info: zipfile.ZipInfo, limit: int,
                    feed: xlsx_extent.BoundScan | None = None) -> int:
        inflated.append(info.filename)
        return inflate(path, info, limit, feed)

    def scan_spy(zf: zipfile.ZipFile, part: str, path: Path, sheet: str) -> None:
        scanned.append(part)
        scan(zf, part, path, sheet)

    monkeypatch.setattr(xlsx_rows, "_inflated_size", inflate_spy)
    monkeypatch.setattr(xlsx_rows, "check_extent", scan_spy)
    book = Workbook()
    sheets = ["走访记录", "二", "三"]
    for index, name in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        sheet.append(["走访日期", "走访人", "户号", "走访内容"])
        sheet.append(["2024-03-05", "王芳", "A-101", "政策宣传"])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    assert sheet_names(path)[0] == tuple(sheets)
    for name in sheets:
        opened = xlsx_rows.open_workbook(path)
        try:
            assert list(xlsx_rows.iter_sheet_rows(opened, name)[2])[1][1] == "王芳"
        finally:
            opened.book.close()
    with open_table(TableSource("visits", path, sheet="走访记录"), dictionary) as reader:
        assert [r.row for r in reader.records()] == [2]
    with zipfile.ZipFile(path) as zf:
        parts = sorted(zf.namelist())
    assert sorted(inflated) == parts  # each once
    assert scanned == []
    path.write_bytes(_workbook(HEADER + FAR, "A1"))  # the same name, now a far cell
    with pytest.raises(InputError) as caught, open_table(
            TableSource("visits", path, sheet="走访记录"), dictionary) as reader:
        list(reader.records())
    assert "XFD1048576" in caught.value.message.en
