"""`cscaudit audit` on a copy of the Wuhan sample whose 办件登记.csv has a row with extra
cells and a record cut in two by an unquoted line break: warnings in the run JSON and the
scorecard's 数据质量 sheet (file, line, column, code; no value shown), the audit goes on,
exit 0."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app

WUHAN = Path(__file__).resolve().parents[2] / "samples" / "centers" / "wuhan-jinyinhu-qinghe"
LEDGER = "exports/办件登记.csv"


def _spoil(center: Path) -> tuple[str, str]:
    """Extra cells on line 2, trailing empty cells on line 3, line 4 cut in two (lines 4
    and 5); the values of line 2's extra cells."""
    path = center / LEDGER
    text = path.read_bytes().decode("gb18030")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    lines[1] += ",多出来的一格,13812345678"
    lines[2] += ",,"
    cells = lines[3].split(",")
    lines[3] = ",".join(cells[:2]) + "," + cells[2][:2] + newline + cells[2][2:] + "," + ",".join(
        cells[3:])
    path.write_bytes(newline.join(lines).encode("gb18030"))
    return "多出来的一格", "13812345678"


def test_ragged_rows_are_warnings_in_the_json_and_the_scorecard(tmp_path: Path) -> None:
    center = tmp_path / "wuhan"
    shutil.copytree(WUHAN, center)
    values = _spoil(center)
    out, book = tmp_path / "result.json", tmp_path / "scorecard.xlsx"
    run = CliRunner().invoke(app, ["audit", str(center), "--json", str(out), "-o", str(book),
                                   "--lang", "en"])
    assert run.exit_code == 0, run.output
    issues = json.loads(out.read_text(encoding="utf-8"))["data_issues"]
    ragged = [(i["code"], i["file"], i["row"], i["column"], i["severity"], i["table"])
              for i in issues if i["code"] in ("extra-cells", "short-row")]
    assert ragged == [
        ("extra-cells", LEDGER, 2, "Q", "warning", "service_ledger"),
        ("short-row", LEDGER, 4, "D", "warning", "service_ledger"),
        ("short-row", LEDGER, 5, "O", "warning", "service_ledger"),
    ]
    extra = next(i for i in issues if i["code"] == "extra-cells")
    assert extra["raw"] is None and "columns Q, R" in extra["message"]
    assert "put that cell in double quotes" in extra["message"]
    assert not any(value in json.dumps(issues, ensure_ascii=False) for value in values)
    sheet = load_workbook(book, read_only=True)["Data quality"]
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True)
            if row and row[8] in ("extra-cells", "short-row")]
    assert [row[:4] + row[8:11] for row in rows] == [
        (LEDGER, None, 2, "Q", "extra-cells", "warning", "service_ledger"),
        (LEDGER, None, 4, "D", "short-row", "warning", "service_ledger"),
        (LEDGER, None, 5, "O", "short-row", "warning", "service_ledger"),
    ]
    assert all(row[4] is None and row[5] is None and row[6] is None for row in rows)
    assert "this row has 3 cells, fewer than the header's 16 columns" in str(rows[1][7])
