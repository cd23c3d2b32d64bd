"""Every 排名 hyperlink leads to an existing sheet, whatever the sheet's name holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from cscaudit.report.district.workbook import build_workbook
from cscaudit.report.options import OutputOptions
from tests.assess.conftest import make_assessment, make_audit, make_failure


def _target(location: str) -> str:
    """The sheet an internal link names, read the way Excel reads it."""
    sheet, _, cell = location.rpartition("!")
    assert cell == "A1"
    if sheet.startswith("'"):
        assert sheet.endswith("'") and "'" not in sheet[1:-1].replace("''", "")
        return sheet[1:-1].replace("''", "'")
    return sheet


def test_links_to_names_with_apostrophes_open_their_sheets(tmp_path: Path) -> None:
    outcomes: tuple[Any, ...] = (
        make_audit("c1", 95.0, 0.9, name="O'Brien 中心 'a'", order=0),
        make_audit("c2", 80.0, 0.9, name="Plain", order=1),
        make_failure("s/it's", order=2),
    )
    path = tmp_path / "a.xlsx"
    build_workbook(make_assessment(outcomes), OutputOptions("en")).save(path)  # type: ignore[attr-defined]
    wb = openpyxl.load_workbook(path)
    ws = wb["Ranking"]
    links = [c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink]
    assert len(links) == 3
    targets = [_target(loc) for loc in links]
    assert all(name in wb.sheetnames for name in targets), (targets, wb.sheetnames)
    assert any("O'Brien" in name for name in targets)
    assert any("''" in loc for loc in links)
