"""The frame reader equals the record reader on generated messy CSVs and workbooks: title
rows, headers as people write them, GB18030 and UTF-8 with a BOM, bad dates, Excel serials,
full-width digits, ID numbers with a wrong check digit, reused ids, quoted cells with line
breaks, blank, 合计, note and footer lines, bytes not in the encoding, short rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cscaudit.ingest import TableSource, load_dictionary
from tests.ingest.conftest import write_xlsx
from tests.ingest.frame_equality import assert_same

DICTIONARY = load_dictionary()
DATES = ["2024-03-05", "2024/3/5", "2024年3月5日", "2024.03.05 14:30", "20240305", "45321",
         "２０２４－０３－０５", "2024-13-01", "昨天", "", " 2024-3-6 ", "60", "45321.5"]
IDS = ["A001", "A002", "Ａ００３", " A004 ", "", "a001", "编号1", "A001 "]
TEXT = ["张三", "李四\n补充说明", "", " 王五 ", "=1+1", "合计", "\u3000", "x\r\ny", "李四"]
KEYS = ["社工01", "社工０２", " 社工01", "", "Ｗ３"]
ENUMS = ["已办结", "办理中", "完成", "未知状态", "", "ＯＫ"]
BOOLS = ["是", "否", "Y", "1", "√", "也许", ""]
INTS = ["5", "５", "3个工作日", "2.0", "abc", "", "1234567890123456"]
ID_NUMBERS = ["11010519491231002X", "110105194912310021", "1.10105E+17", "110105491231002",
              "'11010519491231002X", ""]
PHONES = ["13812345678", "138 1234 5678", "010-62345678", "12345", ""]
CONTENT = ["政策宣传、信息采集", "健康状况；子女联系方式", "聊天", "", "了解健康状况并登记子女联系方式"]
GROUPS = ["老年人", "独居老人、残疾人", "外星人", ""]

TABLES: dict[str, dict[str, list[str]]] = {
    "service_ledger": {
        "case_id": IDS, "received_at": DATES, "item": TEXT, "handler": KEYS, "status": ENUMS,
        "promised_days": INTS, "one_visit": BOOLS, "applicant": TEXT, "id_number": ID_NUMBERS,
        "phone": PHONES, "completed_at": DATES,
    },
    "visits": {
        "visited_on": DATES, "worker": KEYS, "household_id": KEYS, "content": CONTENT,
        "group": GROUPS, "resident": TEXT, "closed_on": DATES, "id_number": ID_NUMBERS,
    },
}
SPECIAL = [[], ["合计", "", "12"], ["制表人：张三"], ["【示例】A000", "2024-01-01"],
           ["总 计：5 条"], ["", "", ""], ["Total", "3"], ["说明：本表由系统导出"]]


def _header(table: str, field: str, messy: int) -> str:
    spec = DICTIONARY.tables[table].fields[field]
    header = spec.headers[messy % len(spec.headers)]
    return [header, f" {header} ", f"{header}（必填）", f"＊{header}"][messy % 4]


@st.composite
def exports(draw: st.DrawFn) -> tuple[str, list[list[str]], list[str]]:
    table = draw(st.sampled_from(sorted(TABLES)))
    pool = TABLES[table]
    required = [f for f, s in DICTIONARY.tables[table].fields.items() if s.required and f in pool]
    optional = draw(st.lists(st.sampled_from(sorted(set(pool) - set(required))), unique=True))
    fields = draw(st.permutations([*required, *optional]))
    messy = draw(st.integers(0, 11))
    header = [_header(table, f, messy + i) for i, f in enumerate(fields)]
    if draw(st.booleans()):
        header.insert(0, "序号")
    rows = []
    for n in range(draw(st.integers(0, 25))):
        if draw(st.integers(0, 5)) == 0:
            rows.append(draw(st.sampled_from(SPECIAL)))
            continue
        cells = [draw(st.sampled_from(pool[f])) for f in fields]
        if header[0] == "序号":
            cells.insert(0, str(n + 1) if draw(st.booleans()) else "")
        if draw(st.integers(0, 9)) == 0:
            cells = cells[:draw(st.integers(0, len(cells)))]
        rows.append(cells)
    titles = draw(st.lists(st.sampled_from(["XX社区2024年台账", "", "单位：XX街道"]), max_size=2))
    return table, [header, *rows], titles


def _csv_bytes(rows: list[list[str]], titles: list[str], encoding: str, delimiter: str) -> bytes:
    out = io.StringIO(newline="")
    for title in titles:
        out.write(title + "\r\n")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(exports(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
       st.sampled_from([",", ",", "\t", ";"]),
       st.lists(st.tuples(st.integers(0, 400), st.sampled_from([b"\xff", b"\x00", b"\x81,"])),
                max_size=2),
       st.sampled_from(["", "\r\n", "\r\n\r\n备注：以上数据截至年底\r\n"]))
def test_messy_csv(export: tuple[str, list[list[str]], list[str]], encoding: str,
                   delimiter: str, bad: list[tuple[int, bytes]], tail: str) -> None:
    table, rows, titles = export
    data = _csv_bytes(rows, titles, encoding, delimiter) + tail.encode(encoding)
    for at, junk in bad:  # bytes the encoding does not have, or a NUL, somewhere
        at = min(at, len(data))
        data = data[:at] + junk + data[at:]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{table}.csv"
        path.write_bytes(data)
        outcome = assert_same(TableSource(table, path), DICTIONARY)
    event("unusable" if outcome.frame is None else "no records" if outcome.frame.height == 0
          else "records")
    event(f"issue codes: {sorted({i.code for i in outcome.issues})}")


XLSX_VALUES: list[Any] = [1.0, True, False, 1, 0.0, "1", "是", dt.date(2024, 3, 5),
                          dt.datetime(2024, 3, 5, 14, 30), 45321.0, "2024-03-05", "", None,
                          "A001", 20240305.0, 1e17, 11010519491231002.0, "Ｗ３", 3.5, "否"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(XLSX_VALUES), min_size=5, max_size=5), max_size=12),
       st.booleans())
def test_workbook_cells_of_every_type(rows: list[list[Any]], title: bool) -> None:
    """Numbers, booleans and dates in any column (an int column holding True and 1.0 alike,
    a number in a text column, a float id)."""
    header = ["办件编号", "受理日期", "办理事项", "受理人", "办理状态", "承诺时限", "一次办结"]
    cells: dict[str, Any] = {}
    top = 2 if title else 1
    if title:
        cells["A1"] = "办件台账"
    for c, name in enumerate(header):
        cells[f"{chr(65 + c)}{top}"] = name
    for r, row in enumerate(rows, top + 1):
        for c, value in enumerate([*row, row[0], row[1]]):
            if value is not None:
                cells[f"{chr(65 + c)}{r}"] = value
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "ledger.xlsx", cells, title="办件")
        assert_same(TableSource("service_ledger", path), DICTIONARY)


SHAPES: dict[str, tuple[str, list[str]]] = {  # table -> (sheet title, header)
    "staff": ("人员", ["工号"]),
    "complaints": ("工单", ["工单编号", "受理时间"]),
    "incidents": ("事件", ["事件编号", "发生时间"]),
    "service_ledger": ("办件", ["办件编号", "受理日期", "办理事项", "受理人", "办理状态",
                                "承诺时限", "一次办结"]),
}
SHAPE_VALUES: list[Any] = [*XLSX_VALUES, dt.time(14, 30), dt.timedelta(hours=30),
                           dt.datetime(2024, 3, 5, 0, 0, 1), -3.0, 2.5e-7, "  ", "合计",
                           "说明：本表由系统导出", 45321]


@st.composite
def workbook_rows(draw: st.DrawFn, width: int) -> list[list[Any] | None]:
    """Rows of `width` cells of every type (None: a blank row, no cells written)."""
    column = st.sampled_from(SHAPE_VALUES)
    return draw(st.lists(st.one_of(st.none(), st.lists(column, min_size=width, max_size=width)),
                         max_size=12))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SHAPES)), st.data(), st.integers(0, 2), st.integers(0, 1),
       st.booleans(), st.sets(st.integers(0, 11), max_size=3), st.sets(st.integers(0, 11),
                                                                        max_size=3))
def test_workbook_shapes(table: str, data: st.DataObject, top: int, left: int, epoch1904: bool,
                         dated: set[int], merged: set[int]) -> None:
    """Narrow sheets (one or two columns: rows padded), leading empty rows and columns, blank
    and merged rows, the 1904 date system, numbers formatted as dates, times and durations,
    columns of mixed types: the frame reader equals the record reader."""
    title, header = SHAPES[table]
    rows = data.draw(workbook_rows(len(header)))
    first = 1 + left

    def ref(column: int, row: int) -> str:
        return f"{chr(65 + first - 1 + column)}{row}"

    cells: dict[str, Any] = {ref(c, top + 1): name for c, name in enumerate(header)}
    formats: dict[str, str] = {}
    areas: list[str] = []
    for r, row in enumerate(rows):
        number = top + 2 + r
        if row is None:
            continue
        for c, value in enumerate(row):
            if value is not None:
                cells[ref(c, number)] = value
        if r in dated and isinstance(row[-1], float):
            formats[ref(len(row) - 1, number)] = "yyyy-mm-dd"
        if r in merged and len(row) > 1:
            areas.append(f"{ref(0, number)}:{ref(1, number)}")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "book.xlsx", cells, title=title, merged=areas,
                          epoch1904=epoch1904, formats=formats)
        outcome = assert_same(TableSource(table, path), DICTIONARY)
    event("unusable" if outcome.frame is None else f"records: {outcome.frame.height > 0}")
