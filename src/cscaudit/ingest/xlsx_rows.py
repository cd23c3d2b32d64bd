"""XLSX workbooks as rows of typed cells, read with python-calamine.

Before calamine sees a file, its zip directory is checked and every part is inflated once in
a bounded streaming pass (no output kept), so a zip bomb or a lying size header is refused
before anything is built in memory; the pass also searches each sheet part for the extent
bound (`xlsx_extent`). The check is kept per unchanged file, so a workbook of k sheets read
as k sources (and listed by discovery first) is inflated once, not k + 1 times. Row and
column numbers are the ones Excel shows: calamine trims leading empty columns (and, in some
versions, rows) and this module adds them back.
The workbook's date system (1900 or 1904) is read from `xl/workbook.xml`.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from cscaudit.errors import InputError
from cscaudit.i18n import t
from cscaudit.ingest.model import CellValue
from cscaudit.ingest.xlsx_extent import BoundScan, check_extent
from cscaudit.ingest.xlsx_stream import (
    STREAM_ABOVE,
    is_large,
    sheet_part,
    sheet_parts,
    stream_rows,
)

MAX_PART_BYTES = 1 << 30  # 1 GiB of XML for one part
MAX_TOTAL_BYTES = 2 << 30
MAX_RATIO = 200  # XML compresses 5-20x; bombs compress 1000x
MAX_PARTS = 10_000
# the check reads 256 KiB of a part at a time and inflates at most 4 MiB of it at once: the
# pieces the extent search reads are still in the CPU's cache (1 MiB reads, ~11 MiB pieces
# of XML, cost the check ~10 % more)
READ_BYTES = 1 << 18
PIECE_BYTES = 1 << 22
_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*[\"'](?:1|true)[\"']")


@dataclass(frozen=True)
class Workbook:
    """An opened workbook: sheet names (visible ones), date system, the calamine object."""

    path: Path
    sheets: tuple[str, ...]
    hidden: tuple[str, ...]
    date1904: bool
    book: Any
    proven: frozenset[str] = frozenset()  # every sheet part proven within the extent bound


def _unusable(path: Path, zh: str, en: str) -> InputError:
    return InputError(t(zh, en), file=str(path))


def _bomb(path: Path) -> InputError:
    return _unusable(path, "工作簿解压后过大（疑似压缩炸弹），已拒绝读取：请检查文件来源或拆分后重新导出",
                     "the workbook inflates far beyond its size (a zip bomb?) and was refused: "
                     "check where it came from, or split it and export again")


def _inflated_size(path: Path, info: zipfile.ZipInfo, limit: int,
                   scan: BoundScan | None = None) -> int:
    """Bytes one part really inflates to, stopping as soon as `limit` is passed; `scan` is
    fed what it inflates to, when it is inflated."""
    if info.compress_type == zipfile.ZIP_STORED:
        return info.file_size
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return info.file_size
    feed = scan.feed if scan is not None else None
    total = 0
    # zipfile stops reading at the declared size, which a bomb can fake: inflate the raw
    # member stream ourselves, keeping nothing, to learn its real size.
    with open(path, "rb") as fh:
        fh.seek(info.header_offset)
        header = fh.read(30)
        name_len = int.from_bytes(header[26:28], "little")
        extra_len = int.from_bytes(header[28:30], "little")
        fh.seek(info.header_offset + 30 + name_len + extra_len)
        remaining = info.compress_size
        inflater = zlib.decompressobj(-15)
        while remaining > 0:
            chunk = fh.read(min(remaining, READ_BYTES))
            if not chunk:
                break
            remaining -= len(chunk)
            data = inflater.decompress(chunk, min(limit + 1 - total, PIECE_BYTES))
            total += len(data)
            if feed is not None:
                feed(data)
            while inflater.unconsumed_tail and total <= limit:
                data = inflater.decompress(inflater.unconsumed_tail,
                                           min(limit + 1 - total, PIECE_BYTES))
                total += len(data)
                if feed is not None:
                    feed(data)
            if total > limit:
                return total
        data = inflater.flush()  # all input taken: what a piece's cap held back (a match)
        total += len(data)
        if feed is not None:
            feed(data)
    return total


@dataclass(frozen=True)
class ZipCheck:
    """What the zip check of one workbook found: its date system, and the sheet parts whose
    every cell the inflating proved within the extent bound."""

    date1904: bool
    proven: frozenset[str]


REMEMBERED = 32  # workbooks whose check is kept, by file identity
_checked: dict[tuple[str, int, int, int, int, int], ZipCheck] = {}


def check_zip(path: Path) -> ZipCheck:
    """Refuse zip bombs (raise InputError); what the check found. A workbook is checked
    once while it is unchanged (same path, device, inode, size, modification and change
    times): every source read from its sheets, and the discovery that lists them, share
    the one inflating of each part."""
    try:
        status = os.stat(path)
    except OSError:
        return _check_zip(path)  # _check_zip says what is wrong
    key = (str(path), status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns,
           status.st_ctime_ns)
    found = _checked.get(key)
    if found is None:
        found = _check_zip(path)
        if len(_checked) >= REMEMBERED:
            _checked.pop(next(iter(_checked)))
        _checked[key] = found
    return found


def forget_checks() -> None:
    """Forget every kept check, so the next open of each workbook checks it again (for a
    benchmark timing a first read, which an audit does once per workbook)."""
    _checked.clear()


def _check_zip(path: Path) -> ZipCheck:
    """Inflate every part once, keeping nothing, searching each sheet part for the extent
    bound on the way."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS:
                raise _bomb(path)
            sheets = set(_sheet_parts(zf).values())
            proofs: dict[str, list[bool]] = {}  # part -> each entry's (a name may repeat)
            total = 0
            for info in infos:
                declared = info.file_size
                if declared > MAX_PART_BYTES or (
                    declared > (1 << 20) and declared > MAX_RATIO * max(info.compress_size, 1)
                ):
                    raise _bomb(path)
                if declared > STREAM_ABOVE and info.filename.startswith("xl/worksheets/"):
                    # streamed through Python's zipfile, which never inflates past the
                    # declared size (a lie ends in a CRC error): no need to inflate it twice
                    real = declared
                else:
                    scan = BoundScan() if info.filename in sheets else None
                    real = _inflated_size(path, info, min(MAX_PART_BYTES, max(declared, 1 << 16)),
                                          scan)
                    if scan is not None:
                        proofs.setdefault(info.filename, []).append(
                            real == declared and scan.proven(declared))
                if real > max(declared, 1 << 16):
                    raise _bomb(path)
                total += real
                if total > MAX_TOTAL_BYTES:
                    raise _bomb(path)
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names:
                raise _unusable(path, "不是 Excel 工作簿（缺少 xl/workbook.xml）：请用 Excel 另存为 .xlsx",
                                "not an Excel workbook (no xl/workbook.xml): save it as .xlsx")
            head = zf.open("xl/workbook.xml").read(1 << 20)
            proven = frozenset(part for part, each in proofs.items() if all(each))
            return ZipCheck(_DATE1904.search(head) is not None, proven)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise _unusable(path, f"文件已损坏或不是 xlsx（{type(exc).__name__}）：请重新导出",
                        f"the file is damaged or not an xlsx ({type(exc).__name__}): export it again"
                        ) from None


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part; empty when it cannot be told (calamine will say why)."""
    try:
        return sheet_parts(zf)
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, zlib.error, EOFError):
        return {}


def open_workbook(path: Path) -> Workbook:
    """Check and open a workbook; raise InputError when it cannot be used. The zip check
    proves the extent of each sheet on the way when it can (`Workbook.proven`)."""
    # .xls is not a zip: calamine converts its dates itself
    checked = (check_zip(path) if path.suffix.lower() in (".xlsx", ".xlsm")
               else ZipCheck(False, frozenset()))
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        metas = book.sheets_metadata
    except Exception as exc:  # calamine raises its own errors and also ValueError/OSError
        raise _unusable(path, f"无法打开工作簿（{type(exc).__name__}）：请用 Excel 打开后另存为 .xlsx",
                        f"cannot open the workbook ({type(exc).__name__}): open it in Excel "
                        "and save it again as .xlsx") from None
    visible = tuple(m.name for m in metas if str(m.visible).endswith("Visible")
                    and str(m.typ).endswith("WorkSheet"))
    hidden = tuple(m.name for m in metas if m.name not in visible)
    return Workbook(path, visible, hidden, checked.date1904, book, checked.proven)


def _streamed(path: Path, part: str, *, date1904: bool) -> Iterator[list[Any]]:
    try:
        with zipfile.ZipFile(path) as zf:
            yield from stream_rows(zf, part, date1904=date1904)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ElementTree.ParseError,
            ValueError, IndexError) as exc:
        raise _unusable(path, f"工作表数据已损坏（{type(exc).__name__}）：请用 Excel 打开后另存为 .xlsx",
                        f"the sheet data is damaged ({type(exc).__name__}): open it in Excel "
                        "and save it again as .xlsx") from None


def iter_sheet_rows(wb: Workbook, sheet: str) -> tuple[int, int, Iterator[list[CellValue]]]:
    """(column offset, Excel row number of the first row, iterator of rows) for one sheet.

    The column offset is the 0-based index of the first cell of each row, for column letters.
    Rows are contiguous from the first one. A sheet too large for calamine's in-memory
    range is streamed instead (`xlsx_stream`).
    """
    if wb.path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            with zipfile.ZipFile(wb.path) as zf:
                part = sheet_part(zf, sheet)
                large = is_large(zf, part)
                if (part is not None and not large and part in zf.namelist()
                        and part not in wb.proven):  # proven within the bound when inflated
                    check_extent(zf, part, wb.path, sheet)  # before calamine allocates
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, zlib.error, EOFError):
            part, large = None, False  # let calamine say what is wrong
        if large and part is not None:
            return 0, 1, _streamed(wb.path, part, date1904=wb.date1904)
    try:
        data = wb.book.get_sheet_by_name(sheet)
    except Exception as exc:
        raise InputError(t(f"无法读取工作表“{sheet}”（{type(exc).__name__}）",
                           f"cannot read sheet '{sheet}' ({type(exc).__name__})"),
                         file=str(wb.path)) from None
    start = data.start
    if start is None:
        return 0, 1, iter(())
    start_row, start_col = start
    iterator = iter(data.iter_rows())
    first = next(iterator, None)
    if first is None:
        return 0, 1, iter(())
    # Some calamine versions skip leading empty rows, others do not: the start row holds a
    # value, so an empty first row means nothing was skipped. Columns likewise: a row as
    # wide as the used range means leading empty columns were dropped.
    row_offset = start_row if start_row and any(c != "" for c in first) else 0
    col_offset = start_col if start_col and len(first) == data.width else 0
    return col_offset, row_offset + 1, chain((first,), iterator)
