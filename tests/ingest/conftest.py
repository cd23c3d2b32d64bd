"""Helpers that write small messy exports into tmp_path."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from cscaudit.ingest import FieldDictionary, TableSource, load_dictionary, open_table
from cscaudit.ingest.model import DataIssue, Record


@pytest.fixture(scope="session")
def dictionary() -> FieldDictionary:
    return load_dictionary()


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8",
              delimiter: str = ",", prefix: str = "") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        fh.write(prefix)
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, cells: dict[str, Any], title: str = "Sheet1",
               merged: Sequence[str] = (), epoch1904: bool = False,
               formats: dict[str, str] | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for ref, value in cells.items():
        ws[ref] = value
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    for area in merged:
        ws.merge_cells(area)
    if epoch1904:
        wb.epoch = CALENDAR_MAC_1904
    wb.save(path)
    return path


def read(source: TableSource, dictionary: FieldDictionary
         ) -> tuple[list[Record], list[DataIssue], Any]:
    with open_table(source, dictionary) as reader:
        records = list(reader.records())
        return records, reader.issues, reader
