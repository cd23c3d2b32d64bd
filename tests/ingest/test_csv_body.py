"""The CSV body read by polars where it splits the text as the csv module does, by the csv
module elsewhere: which path is taken, and that both give the record reader's frame, issues,
row numbers and errors (quoted cells over several lines, CRLF, blank, short and long rows,
stray quotes, lone carriage returns, GB18030, a byte-order mark, an over-long cell)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.ingest import FieldDictionary, TableSource, open_table
from cscaudit.ingest.csv_body import _by_polars, bytes_after, read_csv_body
from cscaudit.ingest.csv_rows import MAX_FIELD
from cscaudit.ingest.csv_shape import MANY_BLANKS, plain_skeleton, row_cells
from cscaudit.ingest.frame_body import read_body
from tests.ingest.frame_equality import assert_same

HEADER = "走访日期,走访人,户号,走访内容\r\n"
FILLER = "".join(f"2024-03-{n % 28 + 1:02d},社工{n % 3},H{n},政策宣传\r\n" for n in range(40))


def native(path: Path, dictionary: FieldDictionary) -> bool:
    """Whether the rows after the first rows were split by polars."""
    with open_table(TableSource("visits", path), dictionary, whole=True) as reader:
        body = reader.body()
        return read_csv_body(body, path.name, max(body.plan.width, 3)).native


def visits(tmp_path: Path, tail: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "visits.csv"
    path.write_bytes((HEADER + FILLER + tail).encode(encoding))
    return path


@pytest.mark.parametrize(("text", "cells"), [
    ("a,b\n", [2]),
    ("a,b\r\n\r\nc\n", [2, 0, 1]),
    ("a,b\n\n", [2, 0]),
    ('"a,\r\nb",c\n"x""y",,"",\n', [2, 4]),
    ('"",""\n\n"\n"', [2, 0, 1]),
    ("\n", [0]),
    ("\r\n\n", [0, 0]),
    ("a,b\r\nc,d\r\n", [2, 2]),
])
@pytest.mark.parametrize("exact", [False, True])
def test_cells_of_plain_text(text: str, cells: list[int], exact: bool) -> None:
    skeleton = plain_skeleton(text.encode(), ",")
    assert skeleton is not None
    assert row_cells(skeleton, ",", 2, exact=exact).to_list() == cells


def test_many_blank_lines_are_counted_one_by_one() -> None:
    text = "a,b\n" + "\n" * (MANY_BLANKS + 1) + "c,d\n\n"
    skeleton = plain_skeleton(text.encode(), ",")
    assert skeleton is not None
    want = [2] + [0] * (MANY_BLANKS + 1) + [2, 0]
    assert row_cells(skeleton, ",", 2, exact=False).to_list() == want


def test_rows_too_short_and_too_long_that_add_up_are_assumed_full_unless_exact() -> None:
    skeleton = plain_skeleton(b"a\nb,c,d\n", ",")
    assert skeleton is not None
    assert row_cells(skeleton, ",", 2, exact=False).to_list() == [2, 2]
    assert row_cells(skeleton, ",", 2, exact=True).to_list() == [1, 3]


@pytest.mark.parametrize("text", [
    'a"b,c\n',  # a quote inside an unquoted cell
    '"a"b,c\n',  # text after a closing quote
    ' "a",c\n',  # a blank before the opening quote
    '"a,c\n',  # a quote never closed
    'a,"b"c\n"d",e\n',
    "a\rb,c\n",  # a lone carriage return ends a line for the csv module only
    "a,b\r",
    "a,b\x00\n",
    "\ufeffa,b\n",  # polars drops a leading byte-order mark
])
def test_text_polars_may_split_otherwise_is_not_plain(text: str) -> None:
    assert plain_skeleton(text.encode(), ",") is None


def test_skeleton_with_other_delimiters() -> None:
    skeleton = plain_skeleton(b'"a\tb"\tc\n;|\n', "\t")
    assert skeleton == b"\x00\tc\n;|\n"
    assert row_cells(skeleton, "\t", 2, exact=True).to_list() == [2, 1]
    assert plain_skeleton(b'"a"\tc\n', ";") is None  # the quoted cell does not end at a ";"


HARD_PLAIN = {
    "quoted cells with line breaks": '2024-04-01,社工1,"H1\r\n二单元",走访\r\n'
                                     '2024-04-02,社工2,H2,"说明：""独居""\n老人"\r\n',
    "blank lines and LF": "\n2024-04-01,社工1,H1,走访\n\r\n\n2024-04-02,社工2,H2,走访",
    "short and long rows": "2024-04-01,社工1\r\n2024-04-02,社工2,H2,走访,多,余\r\n,\r\n",
    "a short and a long row that add up": "2024-04-01,社工1,H1\r\n2024-04-02,社工2,H2,走访,多\r\n",
    "a long row at the end, without a line break": "2024-04-01,社工1\r\n2024-04-02,社工2,H2,走访,",
    "many blank lines": "\r\n" * 70 + "2024-04-02,社工2,H2,走访\r\n\r\n",
    "a quoted long row": '2024-04-01,社工1,H1,"走访",",",""\r\n2024-04-02\r\n',
    "empty quoted cells": '"","","",""\r\n2024-04-02,"社工2","H2",""\r\n',
    "a total row": "合计,,,\r\n",
}
HARD_IRREGULAR = {
    "a stray quote": '2024-04-01,社工1,H"1,走访\r\n2024-04-02,社工2,H2,走访\r\n',
    "text after a closing quote": '2024-04-01,"社工1"甲,H1,走访\r\n',
    "a lone carriage return": "2024-04-01,社工1,H1,走访\r2024-04-02,社工2,H2,走访\r\n",
    "a quoted lone carriage return": '2024-04-01,社工1,"H1\r二单元",走访\r\n',
}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("case", sorted(HARD_PLAIN))
def test_plain_bodies_are_read_by_polars(tmp_path: Path, dictionary: FieldDictionary,
                                         case: str, encoding: str) -> None:
    path = visits(tmp_path, HARD_PLAIN[case], encoding)
    assert native(path, dictionary)
    assert_same(TableSource("visits", path), dictionary)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("case", sorted(HARD_IRREGULAR))
def test_irregular_bodies_are_read_by_the_csv_module(tmp_path: Path, dictionary: FieldDictionary,
                                                     case: str, encoding: str) -> None:
    path = visits(tmp_path, HARD_IRREGULAR[case], encoding)
    assert not native(path, dictionary)
    assert_same(TableSource("visits", path), dictionary)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_bytes_not_in_utf8_are_read_by_the_csv_module(tmp_path: Path, dictionary: FieldDictionary,
                                                      encoding: str) -> None:
    """Polars refuses them; the csv module reads them as U+FFFD and the line is reported."""
    path = tmp_path / "visits.csv"
    text = (HEADER + FILLER + "2024-04-01,社工1,H?1,走访\r\n").encode(encoding)
    path.write_bytes(text.replace(b"?", b"\xff"))
    assert not native(path, dictionary)
    outcome = assert_same(TableSource("visits", path), dictionary)
    assert [(i.code, i.row) for i in outcome.issues if i.code == "bad-bytes"] == [("bad-bytes", 42)]


@pytest.mark.parametrize(("data", "lines", "rest"), [
    (b"a\r\nb\rc\nd", 0, b"a\r\nb\rc\nd"),
    (b"a\r\nb\rc\nd", 1, b"b\rc\nd"),
    (b"a\r\nb\rc\nd", 2, b"c\nd"),
    (b"a\r\nb\rc\nd", 3, b"d"),
    (b"a\r\nb\rc\nd", 4, b""),
    (b"a\n\n", 2, b""),
    ("中\n文\n".encode(), 1, "文\n".encode()),
])
def test_bytes_after_the_first_lines(tmp_path: Path, data: bytes, lines: int, rest: bytes) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    assert bytes_after(path, lines) == rest


def test_rows_are_numbered_by_the_line_they_start_on(tmp_path: Path,
                                                     dictionary: FieldDictionary) -> None:
    path = visits(tmp_path, '\r\n2024-04-01,社工1,"H1\r\n\r\n二单元",走访\r\n'
                            "2024-04-02,社工2,H2,走访\r\n\r\n2024-04-03,社工2,H3,走访")
    with open_table(TableSource("visits", path), dictionary, whole=True) as reader:
        body = reader.body()
        read = read_csv_body(body, path.name, max(body.plan.width, 3))
    # line 1 the header, 2-41 the filler; the head holds the header and 29 rows (to line 30)
    assert read.native and read.rest == 40 - 29 + 5 and read.lines == 1 + 40 + 7
    assert read.numbers.to_list() == [*range(2, 42), 42, 43, 46, 47, 48]
    assert read.columns.row(41)[2] == "H1\r\n\r\n二单元"
    assert read.odd == {40: ["", "", "", ""], 43: ["", "", "", ""]}
    outcome = assert_same(TableSource("visits", path), dictionary)
    assert outcome.frame is not None
    assert outcome.frame["_row"].tail(3).to_list() == [43, 46, 48]


def test_a_long_row_is_kept_whole(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = visits(tmp_path, '2024-04-01,社工1,H1,走访,"多,余",\r\n')
    with open_table(TableSource("visits", path), dictionary, whole=True) as reader:
        body = reader.body()
        read = read_csv_body(body, path.name, max(body.plan.width, 3))
    assert read.native and read.columns.width == 4
    assert read.odd == {40: ["2024-04-01", "社工1", "H1", "走访", "多,余", ""]}
    assert read.columns.row(40) == ("2024-04-01", "社工1", "H1", "走访")


def test_an_over_long_cell_is_refused_on_its_line(tmp_path: Path,
                                                  dictionary: FieldDictionary) -> None:
    path = visits(tmp_path, f'2024-04-01,社工1,H1,走访\r\n2024-04-02,社工1,H1,"{"长" * (MAX_FIELD + 1)}"\r\n')
    outcome = assert_same(TableSource("visits", path), dictionary)
    assert outcome.error is not None and outcome.error.endswith("@ 43")


def test_a_cell_at_the_limit_is_read_by_polars(tmp_path: Path,
                                               dictionary: FieldDictionary) -> None:
    path = visits(tmp_path, f'2024-04-01,社工1,H1,"{"a" * MAX_FIELD}"\r\n')
    assert native(path, dictionary)
    outcome = assert_same(TableSource("visits", path), dictionary)
    assert outcome.frame is not None and outcome.frame.height == 41


def test_no_rows_after_the_first_rows(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = tmp_path / "visits.csv"
    path.write_text(HEADER + FILLER[:200], encoding="utf-8")
    assert not native(path, dictionary)
    assert_same(TableSource("visits", path), dictionary)


def test_cells_are_str_columns(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = visits(tmp_path, "2024-04-01,社工1\r\n")
    with open_table(TableSource("visits", path), dictionary, whole=True) as reader:
        body = reader.body()
        cells, _, _, _ = read_body(body, path.name, 4)
    strings = cells.strings(1)
    assert strings is not None and strings.dtype == pl.Utf8()
    assert strings.to_list()[-2:] == ["社工0", "社工1"] == cells.objects(1)[-2:]
    assert cells.row(cells.n - 1) == ["2024-04-01", "社工1", "", ""]


TOKENS = ["a", "中", " ", ",", ",", "\n", "\r\n", '"q"', '"x,y"', '"a""b"', '"l\nm"', '"l\r\nm"',
          '""', '"', "\r"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=30), st.integers(1, 4))
def test_polars_splits_plain_text_as_the_csv_module(tokens: list[str], width: int) -> None:
    """Wherever the text is found plain, polars gives the csv module's rows (cut or padded to
    `width`, the odd ones whole), row start lines and line count; and text that is not
    plain is never read by polars."""
    text = "".join(tokens)
    got = _by_polars(text.encode(), ",", 10, width, 0)
    if plain_skeleton(text.encode(), ",") is None:
        assert got is None
        return
    assert got is not None
    (columns, numbers, odd), lines = got
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, starts, last = [], [], 0
    for cells in reader:
        rows.append(cells)
        starts.append(10 + last + 1)
        last = reader.line_num
    assert lines == 10 + reader.line_num
    assert numbers.to_list() == starts
    assert columns.rows() == [tuple((cells + [""] * width)[:width]) for cells in rows]
    assert odd == {i: cells + [""] * (width - len(cells))
                   for i, cells in enumerate(rows) if len(cells) != width}
