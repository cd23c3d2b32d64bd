"""A number too long for Python's int() (4300+ digits) or too large to be real is a data
issue at its cell, never a traceback: the value parsers, and `audit` / `inspect` on a CSV."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.ingest.address import chinese_number
from cscaudit.ingest.dates import parse_date_value, parse_datetime_value
from cscaudit.ingest.values import (
    TOO_LARGE,
    parse_id_number,
    parse_int,
    parse_number,
    parse_phone,
)

WUHAN = Path(__file__).resolve().parents[2] / "samples" / "centers" / "wuhan-jinyinhu-qinghe"
HUGE = "9" * 5000

digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=6000)
decorated = st.tuples(st.sampled_from(["", "+", "-", "０"]), digit_strings,
                      st.sampled_from(["", ".0", ".5", " 天", "学时", ",000"]))


@given(decorated)
def test_no_digit_string_makes_a_parser_raise(parts: tuple[str, str, str]) -> None:
    text = "".join(parts)
    for parser in (parse_int, parse_number, parse_phone, parse_id_number,
                   parse_date_value, parse_datetime_value):
        value, problem = parser(text)
        assert value is not None or problem is not None


@given(st.text(alphabet="〇一二三四五六七八九十百千", min_size=1, max_size=6000))
def test_no_chinese_numeral_makes_the_address_reader_raise(text: str) -> None:
    value = chinese_number(text)
    assert value is None or value >= 0


def test_a_huge_whole_number_is_too_large_not_a_traceback() -> None:
    value, problem = parse_int(HUGE)
    assert value is None and problem is not None and problem.message == TOO_LARGE
    assert parse_number(HUGE)[1] is not None and parse_number(HUGE)[1].message == TOO_LARGE
    assert parse_number(float("inf"))[1] is not None
    assert parse_number(float("nan"))[1] is not None
    assert parse_int(10 ** 20)[1] is not None
    assert parse_int("123456789012345") == (123456789012345, None)  # 15 digits: kept
    assert parse_number("12.5 学时") == (12.5, None)


def _set_cell(path: Path, column: str, value: str) -> None:
    lines = path.read_text(encoding="gb18030").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index(column)] = value
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="gb18030")


def test_audit_and_inspect_report_huge_numbers_at_their_cells(tmp_path: Path) -> None:
    center = tmp_path / "c"
    shutil.copytree(WUHAN, center)
    _set_cell(center / "exports" / "办件登记.csv", "时限", HUGE)
    _set_cell(center / "exports" / "社工名册.csv", "培训学时", HUGE)
    result = CliRunner().invoke(app, ["audit", "--lang", "en", str(center), "--no-xlsx",
                                      "--json", str(tmp_path / "r.json")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    issues = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["data_issues"]
    too_large = {(i["file"], i["row"], i["column"], i["header"]) for i in issues
                 if i["message"] == TOO_LARGE.en}
    assert too_large == {("exports/办件登记.csv", 2, "G", "时限"),
                         ("exports/社工名册.csv", 2, "G", "培训学时")}
    inspected = CliRunner().invoke(app, ["inspect", "--lang", "en",
                                         str(center / "exports" / "办件登记.csv")])
    assert inspected.exception is None or isinstance(inspected.exception, SystemExit)
    assert inspected.exit_code in (0, 1), inspected.output
    assert "G2 时限" in inspected.output and "too large" in inspected.output
