"""Personal data that used to leak (issue 11, item 7): `inspect` headers and messages, and
residents' names in file and sheet names, in `inspect`, the audit JSON and the scorecard."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "centers"
ROSTER_HEADER = ["户编号", "姓名", "身份证号", "类别", "网格", "网格员", "登记日期", "迁出日期", "状态"]
SECRETS = ("420106196302037271", "19630203", "13987654321", "98765")


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output


def _digits(text: str) -> str:
    """`text` with full-width digits folded and separators between digits dropped."""
    folded = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return re.sub(r"(?<=\d)[\s.\-－]+(?=\d)", "", folded)


def test_inspect_masks_numbers_in_headers_and_messages(tmp_path: Path) -> None:
    export = tmp_path / "联户名册.csv"
    rows = [[*ROSTER_HEADER, "139 8765 4321"],  # a phone number typed into the header row
            ["WU1", "黄梅文", "4201 0619 6302 0372 71", "老年人、420106196302037271", "第1网格",
             "吴敏思", "2023.9.14", "", "在册", "x"],
            ["WU2", "黄建", "420106-19630203-7271", "一般户", "第1网格", "吴敏思", "2020.11.2", "",
             "在册：１３９８７６５４３２１", "x"]]
    export.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    for fmt in ("text", "json"):
        out = _digits(_run("inspect", str(export), "--format", fmt, "--all"))
        assert "420106" in out and "139" in out  # the issues are there, masked
        assert not [s for s in SECRETS if s in out], out


def _roster_rows() -> list[list[str]]:
    return [ROSTER_HEADER, ["WU1", "陈佳", "420102195509093115", "老年人", "第1网格", "吴敏思",
                            "2023.8.27", "", "在册"],
            ["WU2", "欧阳娜娜", "420102195509093115", "老年人", "第1网格", "", "2023.8.27", "", "在册"]]


def test_inspect_masks_a_residents_name_in_file_and_sheet_names(tmp_path: Path) -> None:
    csv_file = tmp_path / "联户名册-陈佳.csv"
    csv_file.write_text("\n".join(",".join(r) for r in _roster_rows()) + "\n", encoding="utf-8")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "欧阳娜娜"
    for row in _roster_rows():
        sheet.append(row)
    book.save(tmp_path / "联户名册.xlsx")
    for fmt in ("text", "json"):
        out = _run("inspect", str(csv_file), "--format", fmt)
        assert "联户名册-陈*.csv" in out and "陈佳" not in out
        out = _run("inspect", str(tmp_path / "联户名册.xlsx"), "--format", fmt)
        assert "欧阳**" in out and "欧阳娜娜" not in out


def test_audit_outputs_mask_a_residents_name_in_a_file_name(tmp_path: Path) -> None:
    center = tmp_path / "c"
    shutil.copytree(SAMPLES / "wuhan-jinyinhu-qinghe", center)
    (center / "exports" / "联户名册.csv").rename(center / "exports" / "联户名册-陈佳.csv")
    result, scorecard = tmp_path / "r.json", tmp_path / "r.xlsx"
    out = _run("audit", str(center), "--json", str(result), "-o", str(scorecard))
    text = result.read_text("utf-8")
    assert "exports/联户名册-陈*.csv" in text and "陈佳" not in text and "陈佳" not in out
    assert any(i["path"] == "exports/联户名册-陈*.csv" for i in json.loads(text)["inputs"])
    book = load_workbook(scorecard, read_only=True)
    cells = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
             for v in row if v is not None]
    assert any("联户名册-陈*.csv" in c for c in cells) and not [c for c in cells if "陈佳" in c]


def test_validate_masks_the_numbers_its_messages_quote(tmp_path: Path) -> None:
    doc = tmp_path / "center.yaml"
    doc.write_text("kind: center\nschema_version: 1\nid: x\nname: 某中心\nstreet: 420106196302037271\n"
                   "district: d\nhouseholds: '电话 139.8765.4321'\n", encoding="utf-8")
    for fmt in ("text", "json", "github", "sarif", "junit"):
        out = _digits(_run("validate", str(doc), "--lang", "en", "--format", fmt))
        assert "420106********7271" in out and "139.****.4321" in out, fmt
        assert not [s for s in SECRETS if s in out], fmt


PHONE_FILE = "社工名册（户主陈佳 139.8765.4321 420106196302037271）.csv"


def test_a_roster_name_and_numbers_in_another_tables_file_name_are_masked(tmp_path: Path) -> None:
    center = tmp_path / "c"
    shutil.copytree(SAMPLES / "wuhan-jinyinhu-qinghe", center)
    (center / "exports" / "社工名册.csv").rename(center / "exports" / PHONE_FILE)
    result, scorecard = tmp_path / "r.json", tmp_path / "r.xlsx"
    console = _run("audit", str(center), "--json", str(result), "-o", str(scorecard))
    text = result.read_text("utf-8")
    shown = "exports/社工名册（户主陈* 139.****.4321 420106********7271）.csv"
    assert any(i["path"] == shown for i in json.loads(text)["inputs"])
    book = load_workbook(scorecard, read_only=True)
    cells = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
             for v in row if v is not None]
    assert any(shown in c for c in cells)
    for out in (text, console, "\n".join(cells)):
        assert "陈佳" not in out and not [s for s in SECRETS if s in _digits(out)]


def test_inspect_and_validate_mask_numbers_in_file_names(tmp_path: Path) -> None:
    export = tmp_path / PHONE_FILE
    export.write_text("\n".join(",".join(r) for r in _roster_rows()) + "\n", encoding="utf-8")
    out = _run("inspect", str(export), "--table", "staff")
    assert "139.****.4321" in out and "420106********7271" in out
    assert not [s for s in SECRETS if s in _digits(out)], out
    doc = tmp_path / "center-13987654321.yaml"
    doc.write_text("kind: center\nschema_version: 1\n", encoding="utf-8")
    for fmt in ("text", "json", "github", "sarif", "junit"):
        out = _run("validate", str(doc), "--lang", "en", "--format", fmt)
        masked = "center-139%2A%2A%2A%2A4321.yaml" if fmt == "sarif" else "center-139****4321.yaml"
        assert masked in out and "13987654321" not in out, fmt  # sarif: a URI, escaped
