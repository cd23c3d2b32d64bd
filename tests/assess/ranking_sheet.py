"""Reading the 排名 sheet back: its table (header to the first empty row), and the workbook
as LibreOffice recalculates it (the rank, composite and grade are formulas)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "recalc_xlsx.py"
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed")


def ranking_table(ws: Any) -> tuple[list[Any], list[list[Any]]]:
    """The header row (first cell 排名 or Rank) and the rows under it up to the first empty
    row (the 计算参数 block follows after one)."""
    rows = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r and r[0] in ("排名", "Rank"))
    table: list[list[Any]] = []
    for row in rows[top + 1:]:
        if all(v is None for v in row):
            break
        table.append(list(row))
    return list(rows[top]), table


def recalc_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("recalc_xlsx", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["recalc_xlsx"] = module
    spec.loader.exec_module(module)
    return module
