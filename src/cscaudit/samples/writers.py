"""Write tables as the exports real systems produce: CSV (UTF-8, BOM, GB18030) and XLSX.

Every file is written to a temporary name in the target folder and renamed. XLSX files are
byte-for-byte reproducible: fixed document properties and fixed timestamps inside the zip.
`write_*` return the row number the user sees for the first data row, so planted defects
can be located exactly (CSV: line number; XLSX: Excel row).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscaudit.samples.model import Table

FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
DATE_STYLES = ("iso", "slash", "cn", "dot", "compact")


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """How one table is laid out: its headers, title row, total row, date spelling."""

    table: Table
    headers: list[str]
    sheet: str | None = None
    title: str | None = None
    total_row: bool = False
    date_style: str = "iso"


def _fmt_date(value: dt.date, style: str) -> str:
    if style == "slash":
        return f"{value.year}/{value.month}/{value.day}"
    if style == "cn":
        return f"{value.year}年{value.month}月{value.day}日"
    if style == "dot":
        return f"{value.year}.{value.month}.{value.day}"
    if style == "compact":
        return f"{value:%Y%m%d}"
    return value.isoformat()


def _fmt(value: object, style: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        day = _fmt_date(value.date(), "iso" if style in ("cn", "compact", "dot") else style)
        return f"{day} {value:%H:%M}"
    if isinstance(value, dt.date):
        return _fmt_date(value, style)
    return str(value)


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(path: Path, layout: SheetLayout, encoding: str) -> int:
    """Write one table as CSV; return the line number of its first data row."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    first = 2
    if layout.title:
        writer.writerow([layout.title])
        first += 1
    writer.writerow(layout.headers)
    style = layout.date_style
    dates: dict[object, str] = {}  # dates repeat a lot: format each once

    def cell(value: object) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, dt.date):
            text = dates.get(value)
            if text is None:
                text = dates[value] = _fmt(value, style)
            return text
        return _fmt(value, style)

    writer.writerows([cell(v) for v in row] for row in layout.table.rows)
    if layout.total_row:
        writer.writerow(["合计", f"{len(layout.table.rows)}条"])
    atomic_write(path, buf.getvalue().encode(encoding))
    return first


class _FixedTimeZip(zipfile.ZipFile):
    """A ZipFile that stamps every member with the same time (reproducible bytes)."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, FIXED_TIME.timetuple()[:6])
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        with open(filename, "rb") as handle:
            self.writestr(str(arcname or filename), handle.read())


def write_xlsx(path: Path, layouts: Iterable[SheetLayout]) -> dict[str, int]:
    """Write tables as sheets of one workbook; return each sheet's first data row."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook(write_only=True)
    wb.properties.creator = "cscaudit samples"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    firsts: dict[str, int] = {}
    for layout in layouts:
        name = layout.sheet or layout.table.name
        ws = wb.create_sheet(title=name)
        first = 2
        if layout.title:
            ws.append([layout.title])
            first += 1
        ws.append(layout.headers)
        for row in layout.table.rows:
            ws.append(row)
        if layout.total_row:
            ws.append([])
            ws.append(["合计", len(layout.table.rows)])
        firsts[name] = first
    buf = io.BytesIO()
    archive = _FixedTimeZip(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()
    atomic_write(path, buf.getvalue())
    return firsts
