"""Save an openpyxl workbook (normal mode) with a faster writer for its cells.

openpyxl serialises every cell through an ElementTree element (about 10 µs a cell), which
was most of the time a district workbook's 150,000 cells took to save. Here a worksheet's
`<sheetData>` is built as text, the same XML openpyxl 3.1 writes for the same cells (byte
for byte, openpyxl writing without lxml as cscaudit installs it: tests/report/
test_xlsx_save.py saves workbooks both ways and compares every part), and everything else is left to openpyxl: its own `WorksheetWriter` writes the sheet
around an empty `<sheetData/>`, which the text then replaces.

Only the cells the reports write take the text path: numbers, booleans, text, formulas
(one `=` string) and styled empty cells. A sheet holding anything else (a date, rich
text, an error value, an array formula, a comment) is written wholly by openpyxl.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import math
import re
import zipfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from io import BytesIO
from typing import IO, TYPE_CHECKING, Protocol, cast

from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.functions import Element  # lxml's when openpyxl writes with lxml

from cscaudit.report.xlsx_stream import escape

if TYPE_CHECKING:
    from openpyxl import Workbook

_EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>")
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"})
_KINDS = {"n": ' t="n"', "b": ' t="b"', "s": ' t="inlineStr"', "f": ""}  # data type: t=


class WrittenCell(Protocol):
    """What the writer reads of an openpyxl `Cell` or `MergedCell` (the attributes
    openpyxl's own writer reads; the type stubs leave the private ones out)."""

    _value: object
    _comment: object
    _style: array[int]
    data_type: str
    hyperlink: object

    @property
    def column(self) -> int: ...
    @property
    def coordinate(self) -> str: ...
    @property
    def has_style(self) -> bool: ...
    @property
    def style_id(self) -> int: ...


Rows = list[tuple[int, list[WrittenCell]]]


class UnusualCell(Exception):
    """A cell the text path does not write: its sheet goes through openpyxl's writer."""


def _text(value: str) -> str:
    """An inline string's `<is>` (openpyxl keeps surrounding spaces of non-blank text)."""
    stripped = value.strip()
    if stripped and stripped != value:
        return f'<is><t xml:space="preserve">{escape(value)}</t></is>'
    return f"<is><t>{escape(value)}</t></is>"


def _cell_xml(cell: WrittenCell, ref: str, style: str) -> str:
    """One cell as openpyxl's `etree_write_cell` writes it."""
    value, kind = cell._value, cell.data_type
    if kind not in _KINDS:  # dates, errors
        raise UnusualCell(ref)
    head = f'<c r="{ref}"{style}{_KINDS[kind]}'
    if value is None or value == "":
        return head + " />"
    if kind == "s":
        if not isinstance(value, str):  # rich text
            raise UnusualCell(ref)
        return f"{head}>{_text(value)}</c>"
    if kind == "f":
        if not isinstance(value, str):  # an array or data-table formula
            raise UnusualCell(ref)
        body = escape(value[1:])
        return f"{head}><f>{body}</f><v /></c>" if body else f"{head}><f /><v /></c>"
    if not isinstance(value, int | float) or math.isnan(value) or math.isinf(value):
        raise UnusualCell(ref)
    return f'{head}><v>{value:.16g}</v></c>'


def cell_rows(ws: Worksheet) -> Rows:
    """What openpyxl's `WorksheetWriter.rows()` returns (each row with cells or a height,
    in order, its cells by column), sorting the coordinates rather than the items."""
    cells = cast(dict[tuple[int, int], WrittenCell], ws._cells)
    by_row: dict[int, list[WrittenCell]] = {}
    for key in sorted(cells):
        row = by_row.get(key[0])
        if row is None:
            row = by_row[key[0]] = []
        row.append(cells[key])
    for number in ws.row_dimensions.keys() - by_row.keys():
        by_row[number] = []
    return sorted(by_row.items())


def sheet_data_xml(ws: Worksheet, rows: Iterable[tuple[int, list[WrittenCell]]]) -> str:
    """The `<sheetData>` of `rows` (as `cell_rows` gives them), collecting the cells'
    hyperlinks into the sheet as openpyxl does. Raises `UnusualCell`."""
    letters: dict[int, str] = {}
    style_ids: dict[bytes, str] = {}
    dims = ws.row_dimensions
    links = []
    parts = ["<sheetData>"]
    for number, cells in rows:
        dim = dims.get(number)
        attrs = "".join(f' {key}="{str(value).translate(_ATTRIBUTE_ESCAPES)}"'
                        for key, value in dim) if dim is not None else ""
        parts.append(f'<row r="{number}"{attrs}>')
        for cell in cells:
            if cell._comment is not None:
                raise UnusualCell(cell.coordinate)
            styled = cell.has_style
            if cell._value is None and not styled:
                continue
            column = cell.column
            letter = letters.get(column)
            if letter is None:
                letter = letters[column] = get_column_letter(column)
            if cell.hyperlink:
                links.append(cell.hyperlink)
            style = ""
            if styled:
                key = cell._style.tobytes()
                style = style_ids.get(key) or style_ids.setdefault(key, f' s="{cell.style_id}"')
            parts.append(_cell_xml(cell, f"{letter}{number}", style))
        parts.append("</row>")
    parts.append("</sheetData>")
    ws._hyperlinks.extend(links)  # type: ignore[attr-defined]
    return "".join(parts)


class _SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer with the cells written as text (when they all can be)."""

    cells_xml: bytes | None = None

    def write_rows(self) -> None:
        assert isinstance(self.ws, Worksheet)
        try:
            self.cells_xml = sheet_data_xml(self.ws, cell_rows(self.ws)).encode()
        except UnusualCell:
            self.ws._hyperlinks = []  # type: ignore[attr-defined]
            super().write_rows()
            return
        self.xf.send(Element("sheetData"))  # replaced by `cells_xml` in `xml`

    def xml(self) -> bytes:
        out = self.read()
        if self.cells_xml is None:
            return out
        head, tail = _EMPTY_SHEET_DATA.split(out, maxsplit=1)
        return head + self.cells_xml + tail


class FastExcelWriter(ExcelWriter):
    """openpyxl's `ExcelWriter` whose worksheets go through `_SheetWriter` (what
    `ExcelWriter.write_worksheet` of openpyxl 3.1 does, with that writer)."""

    def write_worksheet(self, ws: Worksheet) -> None:
        if self.workbook.write_only:
            super().write_worksheet(ws)
            return
        drawing = SpreadsheetDrawing()
        drawing.charts = ws._charts  # type: ignore[attr-defined]
        drawing.images = ws._images  # type: ignore[attr-defined]
        ws._drawing = drawing  # type: ignore[attr-defined]
        writer = _SheetWriter(ws, out=BytesIO())
        writer.write()
        ws._rels = writer._rels  # type: ignore[attr-defined]
        self._archive.writestr(ws.path[1:], writer.xml())  # type: ignore[attr-defined]
        self.manifest.append(ws)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage-collector passes while a large workbook is built and saved: its hundreds
    of thousands of cells, styles and strings live until the save, and every pass over the
    older generation walked them all again (~0.3 s of a 150-center workbook's ~2 s, at
    `cscaudit`'s threshold). The workbook makes no cyclic garbage worth collecting early."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def save_workbook(workbook: Workbook, out: str | IO[bytes]) -> None:
    """What `workbook.save(out)` does, faster."""
    archive = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    workbook.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
    FastExcelWriter(workbook, archive).save()


def saver(workbook: Workbook) -> Callable[[IO[bytes]], None]:
    """`save_workbook` of `workbook`, for `StagedOutputs.stage` and `write_with`."""
    return lambda out: save_workbook(workbook, out)
