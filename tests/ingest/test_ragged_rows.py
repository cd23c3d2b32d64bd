"""Cells the header does not cover are reported, never silently dropped: `extra-cells` (a
filled cell right of the header's last column) and `short-row` (a CSV record with fewer
cells than the header), on the record's line (CSV) or sheet row, in both readers; title,
blank, 合计 and footer rows are not held to the header, and no cell's value is shown."""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscaudit.ingest import FieldDictionary, TableSource, load_dictionary
from cscaudit.ingest.model import DataIssue
from tests.ingest.conftest import write_xlsx
from tests.ingest.frame_equality import Outcome, assert_same

HEADER = ["走访编号", "走访日期", "走访人", "户号", "人群类别", "走访方式", "走访内容"]
ID_NUMBER = "110105194912310021"
PHONE = "13812345678"


def _row(n: int) -> list[str]:
    return [f"V{n}", "2024-03-05", "王芳", f"A-{n}", "老年人", "入户", "政策宣传"]


def _ragged(outcome: Outcome) -> list[tuple[str, int | None, str | None]]:
    return [(i.code, i.row, i.column) for i in outcome.issues
            if i.code in ("extra-cells", "short-row")]


def _no_values_shown(issues: tuple[DataIssue, ...], *values: str) -> None:
    for issue in issues:
        shown = f"{issue.message.zh} {issue.message.en} {issue.raw} {issue.header}"
        assert not any(value in shown for value in values), issue


def _golden_csv(filler: int) -> tuple[str, list[tuple[str, int, str]]]:
    """A messy visits export and the issues it must give: its lines are written out by hand
    (unquoted commas and line breaks are the point), after `filler` clean rows."""
    lines = ["XX社区2024年走访记录", ",".join(HEADER)]
    lines += [",".join(_row(n)) for n in range(100, 100 + filler)]
    at = len(lines)  # the line before the first special one
    lines += [
        ",".join(_row(1)),
        ",".join(_row(2)[:6]) + ',"政策宣传\n健康状况"',  # a quoted line break: two lines
        ",".join(_row(3)) + ",多出来的一格,又一格",  # extra cells: not read, reported
        ",".join(_row(4)) + ",,",  # trailing empty cells lose nothing
        "",
        "V5,2024-03-05,王芳,A-5,老",  # a record cut by an unquoted line break ...
        "年人,入户,政策宣传",  # ... in two short lines
        ",".join(_row(6)) + f",{ID_NUMBER}, ,{PHONE}",  # values never shown
        "合计,,,,,,,12,",  # a total row: not a record
        "制表人：张三",  # a footer: not a record
    ]
    expected = [("extra-cells", at + 4, "H"), ("short-row", at + 7, "F"),
                ("short-row", at + 8, "D"), ("extra-cells", at + 9, "H")]
    return "\r\n".join(lines) + "\r\n", expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("filler", [0, 40])  # in the first rows, and in the body after them
def test_csv_rows_the_header_does_not_cover(tmp_path: Path, dictionary: FieldDictionary,
                                            encoding: str, filler: int) -> None:
    text, expected = _golden_csv(filler)
    path = tmp_path / "走访记录.csv"
    path.write_bytes(text.encode(encoding))
    outcome = assert_same(TableSource("visits", path), dictionary)  # both readers alike
    assert _ragged(outcome) == expected
    for issue in outcome.issues:
        if issue.code in ("extra-cells", "short-row"):
            assert issue.severity == "warning" and issue.file == path.name
            assert issue.raw is None and issue.header is None and issue.field is None
    extra = next(i for i in outcome.issues if i.code == "extra-cells")
    assert "H、I 列" in extra.message.zh and "columns H, I" in extra.message.en
    assert "若某格内含英文逗号，请用双引号括起该格，或删除多余的格" in extra.message.zh
    short = next(i for i in outcome.issues if i.code == "short-row")
    assert "F–G 列按空白读取" in short.message.zh and "line break" in short.message.en
    _no_values_shown(outcome.issues, ID_NUMBER, PHONE, "多出来的一格", "又一格")
    # the headed cells are read as they are, the rest blank; the extra cells nowhere
    assert outcome.frame is not None
    frame = outcome.frame.filter(outcome.frame["visit_id"].is_in(["V3", "V5", "V6"]))
    assert frame["household_id"].to_list() == ["A-3", "A-5", "A-6"]
    assert frame["content_text"].to_list() == ["政策宣传", None, "政策宣传"]
    assert frame["group"].to_list() == [["elderly"], [], ["elderly"]]


def test_a_tab_separated_file_names_the_tab(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = tmp_path / "visits.tsv"
    path.write_text("\t".join(HEADER) + "\n" + "\t".join([*_row(1), "x"]) + "\n",
                    encoding="utf-8")
    outcome = assert_same(TableSource("visits", path), dictionary)
    assert _ragged(outcome) == [("extra-cells", 2, "H")]
    assert "制表符" in outcome.issues[-1].message.zh and "tab" in outcome.issues[-1].message.en


def test_workbook_cells_right_of_the_header(tmp_path: Path, dictionary: FieldDictionary) -> None:
    cells: dict[str, object] = {"A1": "XX社区2024年走访记录"}
    cells.update({f"{chr(65 + c)}2": name for c, name in enumerate(HEADER)})
    rows: dict[int, list[object]] = {
        3: [*_row(1)], 4: [*_row(2), None, ID_NUMBER], 5: [*_row(3), " "],
        6: ["合计", None, None, None, None, None, None, None, 12],
        7: [None] * 9 + ["制表人：张三"], 8: [*_row(4), None, None, None, None, "备注"]}
    for number, row in rows.items():
        for c, value in enumerate(row):
            if value is not None:
                cells[f"{chr(65 + c)}{number}"] = value
    path = write_xlsx(tmp_path / "走访.xlsx", cells, title="走访记录", merged=["A1:G1"])
    outcome = assert_same(TableSource("visits", path, sheet="走访记录"), dictionary)
    assert [(c, r, col) for c, r, col in _ragged(outcome)] == [
        ("extra-cells", 4, "I"), ("extra-cells", 8, "L")]
    first = next(i for i in outcome.issues if i.code == "extra-cells")
    assert first.sheet == "走访记录" and first.severity == "warning"
    assert "表头最后一列（G 列）右边的格有内容（I 列）" in first.message.zh
    assert "give the column a header" in first.message.en
    _no_values_shown(outcome.issues, ID_NUMBER, "备注")
    assert outcome.frame is not None and outcome.frame["visit_id"].to_list() == [
        "V1", "V2", "V3", "V4"]


# -- random rows ---------------------------------------------------------------------------
DICTIONARY = load_dictionary()
OPTIONAL = ["走访方式", "发现问题", "处理情况"]
EXTRAS = ["", " ", "多", ID_NUMBER, "a,b", "x\ny"]
NOTES = ["", "回访", "家中无人\n改日再访", "  "]


@st.composite
def ragged_rows(draw: st.DrawFn) -> tuple[list[list[str]], list[str]]:
    """Records of a visits export, each cut short, left whole or given extra cells."""
    optional = draw(st.lists(st.sampled_from(OPTIONAL), unique=True))
    header = ["走访日期", "走访人", "户号", "走访内容", *optional]
    rows = []
    for n in range(draw(st.integers(1, 60))):
        cells = ["2024-03-05", "王芳", f"A-{n}", "政策宣传",
                 *(draw(st.sampled_from(NOTES)) for _ in optional)]
        shape = draw(st.integers(0, 4))
        if shape == 0 and optional:  # cut: the required cells kept, some optional ones lost
            cells = cells[:draw(st.integers(4, len(cells) - 1))]
        elif shape == 1:
            cells += draw(st.lists(st.sampled_from(EXTRAS), min_size=1, max_size=3))
        rows.append(cells)
    return rows, header


def _write(path: Path, header: list[str], rows: list[list[str]]) -> list[int]:
    """Write the export; the line each row starts on."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    starts = []
    for cells in rows:
        starts.append(out.getvalue().count("\n") + 1)
        writer.writerow(cells)
    path.write_text(out.getvalue(), encoding="utf-8")
    return starts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ragged_rows())
def test_random_rows_with_extra_and_missing_cells(drawn: tuple[list[list[str]], list[str]]
                                                  ) -> None:
    """The issues are exactly the rows with a filled extra cell and the rows with fewer
    cells than the header, on the line each starts on (an extra cell may hold a line
    break); the headed cells read as the same rows written header-wide."""
    rows, header = drawn
    width = len(header)
    with tempfile.TemporaryDirectory() as tmp:
        ragged, even = Path(tmp) / "a" / "visits.csv", Path(tmp) / "b" / "visits.csv"
        ragged.parent.mkdir()
        even.parent.mkdir()
        starts = _write(ragged, header, rows)
        even_starts = _write(even, header, [(r + [""] * width)[:width] for r in rows])
        got = assert_same(TableSource("visits", ragged), DICTIONARY)
        want = assert_same(TableSource("visits", even), DICTIONARY)
    extra = [start for start, cells in zip(starts, rows, strict=True)
             if any(cell.strip() for cell in cells[width:])]
    short = [start for start, cells in zip(starts, rows, strict=True) if len(cells) < width]
    assert [r for c, r, _ in _ragged(got) if c == "extra-cells"] == extra
    assert [r for c, r, _ in _ragged(got) if c == "short-row"] == short
    assert not _ragged(want)
    line = dict(zip(even_starts, starts, strict=True))
    assert [i for i in got.issues if i.code not in ("extra-cells", "short-row")] == [
        replace(i, row=line.get(i.row, i.row) if i.row else i.row) for i in want.issues]
    assert got.frame is not None and want.frame is not None
    assert got.frame["_row"].to_list() == starts
    assert got.frame.drop("_row").equals(want.frame.drop("_row"))
    _no_values_shown(got.issues, ID_NUMBER)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from([None, "", " ", "多", 3.5, ID_NUMBER]), max_size=3),
                min_size=1, max_size=12))
def test_random_workbook_rows_with_cells_right_of_the_header(extras: list[list[object]]) -> None:
    """A workbook's records: the issues are exactly the rows with a filled cell right of
    the header (a blank or a space loses nothing), in both readers."""
    header = ["走访日期", "走访人", "户号", "走访内容"]
    cells: dict[str, object] = {f"{chr(65 + c)}1": name for c, name in enumerate(header)}
    for n, extra in enumerate(extras, start=2):
        for c, value in enumerate(["2024-03-05", "王芳", f"A-{n}", "政策宣传", *extra]):
            if value is not None:
                cells[f"{chr(65 + c)}{n}"] = value
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "visits.xlsx", cells, title="走访记录")
        outcome = assert_same(TableSource("visits", path), DICTIONARY)
    want = [n for n, extra in enumerate(extras, start=2)
            if any(value is not None and str(value).strip() for value in extra)]
    assert [r for _, r, _ in _ragged(outcome)] == want
    _no_values_shown(outcome.issues, ID_NUMBER)
