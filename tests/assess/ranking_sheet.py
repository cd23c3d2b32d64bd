"""Reading the 排名 sheet back: its table, from the header to the first empty row (the rank,
composite and grade are formulas: LibreOffice computes them, see `tests.recalc`)."""

from __future__ import annotations

from typing import Any


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
