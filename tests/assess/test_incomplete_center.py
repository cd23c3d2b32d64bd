"""A center whose inputs are incomplete is listed apart (待补正) with its causes, never ranked
among the graded centers: ranking sheet, run JSON, console and exit code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app
from tests.assess.ranking_sheet import ranking_table
from tests.audit.contract_center import contract_tables, write_center


def _district(root: Path) -> Path:
    for n in (1, 2):
        write_center(root / f"c{n}", contract_tables(), center_id=f"c{n}")
    tables = contract_tables()
    del tables["visits"]
    write_center(root / "c3", tables, center_id="c3")
    return root


def test_an_incomplete_center_is_listed_apart_not_ranked(tmp_path: Path) -> None:
    district = _district(tmp_path / "d")
    book, run = tmp_path / "a.xlsx", tmp_path / "run.json"
    result = CliRunner().invoke(app, ["assess", str(district), "-o", str(book), "--json", str(run),
                                      "--workers", "1"])
    assert result.exit_code == 2, result.output
    data = json.loads(run.read_text(encoding="utf-8"))
    assert [r["center"]["id"] for r in data["ranking"]] == ["c1", "c2"]
    assert [r["rank"] for r in data["ranking"]] == [1, 2]
    [pending] = data["pending"]
    assert pending["center"]["id"] == "c3" and pending["path"] == "c3"
    assert [(c["code"], c["table"]) for c in pending["causes"]] == [("missing-table", "visits")]

    flat = re.sub(r"\s+", "", result.output)
    assert "参评2个中心，待补正1个，无法审核0个" in flat
    assert "待补正（不排名）c3" in flat and "未找到走访记录（visits）的导出文件" in flat

    ws = load_workbook(book)["排名"]
    _, rows = ranking_table(ws)
    by_id = {row[2]: row for row in rows if row[2] in ("c1", "c2", "c3")}
    assert [row[2] for row in rows] == ["c1", "c2", "c3"]  # ranked, then to be completed
    assert str(by_id["c1"][0]).startswith("=") and str(by_id["c2"][0]).startswith("=")
    first = next(r for r in range(1, 20) if ws.cell(r, 1).value == "排名") + 1
    assert f"$C${first}:$C${first + 1}<" in by_id["c1"][0]  # ranks c1 and c2 only
    assert by_id["c3"][0] == "—" and by_id["c3"][10] == "待补正" and by_id["c3"][4] is None
    assert "未找到走访记录（visits）的导出文件" in str(by_id["c3"][11])


def test_the_terminal_says_how_many_more_centers_are_in_the_workbook(tmp_path: Path) -> None:
    from cscaudit.cli import assess_cmd

    root = tmp_path / "d"
    for n in range(assess_cmd.SHOWN_CENTERS + 2):
        write_center(root / f"c{n:02d}", contract_tables(), center_id=f"c{n:02d}")
    result = CliRunner().invoke(app, ["assess", str(root), "-o", str(tmp_path / "a.xlsx"),
                                      "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "另有 2 个中心的排名见工作簿“排名”表" in result.output
    listed = [line for line in result.output.splitlines() if re.match(r"\s+\d+\. c\d\d ", line)]
    assert len(listed) == assess_cmd.SHOWN_CENTERS
