"""Exports are read from inside the center folder only (issue 11, item 3): `exports.dir`,
`exports.tables.X.file` and links inside `exports/` that lead out of it are refused, unless
center.yaml opts in with `exports.allow_outside: true`, which the result then reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app

NINGBO = Path(__file__).resolve().parents[2] / "samples" / "centers" / "ningbo-yinzhou-heyue"
LEDGER = "服务台账.csv"


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A center, and a folder beside it (a shared drive) holding its service ledger."""
    center, outside = tmp_path / "center", tmp_path / "shared"
    shutil.copytree(NINGBO, center)
    outside.mkdir()
    (center / "exports" / LEDGER).rename(outside / LEDGER)
    return center, outside


def _set_exports(center: Path, block: str) -> None:
    yaml = center / "center.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert text.rstrip().endswith("exports:\n  dir: exports")
    yaml.write_text(text.rstrip()[: -len("exports:\n  dir: exports")] + block,
                    encoding="utf-8")


def _audit(center: Path, out: Path, *more: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", str(center), "-q", "--json", str(out),
                                      "--no-xlsx", *more])
    return result.exit_code, result.output


@pytest.mark.parametrize("block", [
    "exports:\n  dir: ../shared\n",
    "exports:\n  dir: exports\n  tables:\n    service_ledger: {file: ../shared/服务台账.csv}\n",
    "exports:\n  dir: exports\n  tables:\n    service_ledger: {file: ABSOLUTE}\n",
], ids=["dir", "relative file", "absolute file"])
def test_a_path_out_of_the_center_is_refused_at_its_line(
        layout: tuple[Path, Path], tmp_path: Path, block: str) -> None:
    center, outside = layout
    _set_exports(center, block.replace("ABSOLUTE", str(outside / LEDGER)))
    out = tmp_path / "r.json"
    code, output = _audit(center, out)
    assert code == 2, output
    assert "center.yaml:" in output and "exports.allow_outside: true" in output
    assert "中心文件夹之外" in output and "Traceback" not in output
    assert not out.exists()


def test_a_link_out_of_the_exports_folder_is_not_read(layout: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    center, outside = layout
    (center / "exports" / LEDGER).symlink_to(outside / LEDGER)
    out = tmp_path / "r.json"
    code, output = _audit(center, out)
    assert code in (0, 1, 2), output  # 2: without its ledger the center is incomplete
    data = json.loads(out.read_text(encoding="utf-8"))
    assert all(LEDGER not in i["path"] for i in data["inputs"]), data["inputs"]
    skipped = [i for i in data["data_issues"] if i["code"] == "outside-center"]
    assert [i["file"] for i in skipped] == [f"exports/{LEDGER}"]
    assert data["exports_allow_outside"] is False


def test_a_linked_exports_folder_is_not_read_either(layout: tuple[Path, Path],
                                                     tmp_path: Path) -> None:
    """With no `exports.dir` (the default folder), each file is skipped; with `dir: exports`
    written, center.yaml's line is refused as above."""
    center, outside = layout
    _set_exports(center, "\n")
    shutil.rmtree(center / "exports")
    (center / "exports").symlink_to(outside, target_is_directory=True)
    out = tmp_path / "r.json"
    code, output = _audit(center, out)
    assert code in (0, 1, 2), output  # 2: without its exports the center is incomplete
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [i["path"] for i in data["inputs"] if not i["path"].endswith(".yaml")] == []
    assert f"exports/{LEDGER}" in {i["file"] for i in data["data_issues"]
                                    if i["code"] == "outside-center"}


def test_opting_in_reads_the_shared_drive_and_says_so(layout: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    center, _ = layout
    _set_exports(center, "exports:\n  dir: exports\n  allow_outside: true\n  tables:\n"
                         "    service_ledger: {file: ../shared/服务台账.csv}\n")
    out, card = tmp_path / "r.json", tmp_path / "card.xlsx"
    code, output = _audit(center, out)
    assert code in (0, 1), output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["exports_allow_outside"] is True
    assert f"../shared/{LEDGER}（中心外）" in {i["path"] for i in data["inputs"]}
    assert any("exports.allow_outside" in w for w in data["warnings"])
    made = CliRunner().invoke(app, ["audit", str(center), "-q", "-o", str(card)])
    assert made.exit_code in (0, 1), made.output
    overview = load_workbook(card).worksheets[0]
    assert overview.title == "总览"
    lines = [c.value for row in overview.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("exports.allow_outside: true" in line for line in lines)
    run = tmp_path / "run.json"
    assessed = CliRunner().invoke(app, ["assess", str(tmp_path), "--workers", "1", "-q",
                                        "--no-xlsx", "--json", str(run)])
    assert assessed.exit_code in (0, 1), assessed.output
    (row,) = json.loads(run.read_text(encoding="utf-8"))["ranking"]
    assert row["exports_allow_outside"] is True and f"../shared/{LEDGER}（中心外）" in {
        i["path"] for i in row["inputs"]}
