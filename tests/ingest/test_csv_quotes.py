"""A quote opened and never closed would swallow every row after it into one cell: the reader
raises an InputError naming the line where it opened. Quoted cells that span lines, doubled
quotes and text after a closing quote (`"a"b`, read as the csv module reads it) still work."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cscaudit.errors import InputError
from cscaudit.ingest import FieldDictionary, TableSource, csv_rows
from cscaudit.ingest.csv_rows import _ends_quoted
from tests.ingest.conftest import read

HEADER = "编号,受理日期,事项名称,承办社工,办理结果\n"


def row(n: int, item: str = "居住证明") -> str:
    return f"SL{n},2024-01-{n % 28 + 1:02d},{item},王芳,办结\n"


def ledger(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "办件台账.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("bad_at", "rows"), [(2, 3), (50, 200), (200, 200), (1, 1)])
def test_unclosed_quote_names_its_line(tmp_path: Path, dictionary: FieldDictionary,
                                       bad_at: int, rows: int) -> None:
    body = [row(n) for n in range(1, rows + 1)]
    body[bad_at - 1] = body[bad_at - 1].replace("居住证明", '"居住证明')
    path = ledger(tmp_path, HEADER + "".join(body))
    with pytest.raises(InputError) as caught:
        read(TableSource("service_ledger", path), dictionary)
    error = caught.value
    assert error.file == "办件台账.csv" and error.line == bad_at + 1
    assert f"第 {bad_at + 1} 行" in error.message.zh and "引号" in error.message.zh
    assert "never closed" in error.message.en


def test_unclosed_quote_after_a_real_multiline_cell(tmp_path: Path, dictionary: FieldDictionary) -> None:
    text = HEADER + row(1, '"居住\n证明"') + row(2) + row(3, '"居住证明') + row(4)
    with pytest.raises(InputError) as caught:
        read(TableSource("service_ledger", ledger(tmp_path, text)), dictionary)
    assert caught.value.line == 5


def test_quoted_cells_that_are_fine(tmp_path: Path, dictionary: FieldDictionary) -> None:
    text = (HEADER + row(1, '"居住\n证明"') + row(2, '"他说""好"""') + row(3, '"居住"证明')
            + row(4, '居住"证明') + "".join(row(n) for n in range(5, 40)) + row(40, '"最后\n一行"'))
    records, issues, _ = read(TableSource("service_ledger", ledger(tmp_path, text)), dictionary)
    assert [r.row for r in records[:3]] == [2, 4, 5] and records[-1].row == 42
    items = [r.values["item"] for r in records[:4]]
    assert items == ["居住\n证明", '他说"好"', "居住证明", '居住"证明']
    assert issues == []


def test_stray_quotes_inside_cells_and_an_unclosed_one(tmp_path: Path,
                                                       dictionary: FieldDictionary) -> None:
    text = HEADER + row(1, '5"') + row(2, '"居住\n证明"') + row(3, '7"') + row(4, '"居住证明') + row(5)
    with pytest.raises(InputError) as caught:
        read(TableSource("service_ledger", ledger(tmp_path, text)), dictionary)
    assert caught.value.line == 6


def test_clean_multiline_file_is_not_read_again(tmp_path: Path, dictionary: FieldDictionary,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def scanned(*args: object, **kwargs: object) -> None:
        raise AssertionError("scanned")

    monkeypatch.setattr(csv_rows, "_ends_quoted", scanned)
    text = HEADER + row(1, '"居住\n证明"') + "".join(row(n) for n in range(2, 50))
    records, issues, _ = read(TableSource("service_ledger", ledger(tmp_path, text)), dictionary)
    assert len(records) == 49 and issues == []


def test_unclosed_quote_in_the_header_row(tmp_path: Path, dictionary: FieldDictionary) -> None:
    text = HEADER + row(1) + row(2, "\"居住证明")
    with pytest.raises(InputError) as caught:
        read(TableSource("service_ledger", ledger(tmp_path, text)), dictionary)
    assert caught.value.line == 3


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@given(st.text(alphabet='",a\n\r', max_size=40))
def test_ends_quoted_agrees_with_the_csv_module(text: str) -> None:
    try:
        as_is, closed = _csv_rows(text), _csv_rows(text + '"\nZ')
    except csv.Error:
        assume(False)
    # a closing quote, a line break and a row more add just that row exactly when the text
    # ends inside a quoted cell
    opened = _ends_quoted(io.StringIO(text, newline=""), ",")
    assert (opened is not None) == (closed == [*as_is, ["Z"]])
    if opened is not None:
        lines = io.StringIO(text, newline="").readlines()
        assert '"' in lines[opened - 1]
