"""Stream a very long sheet into a workbook openpyxl built in normal mode.

openpyxl keeps every cell of a normal-mode sheet in memory (about half a kilobyte each), and
its write-only mode cannot be mixed with the formulas, chart and print settings of the other
sheets. So the long sheet is built as a placeholder (its header row and two styled template
rows, the second for text that starts like a formula and gets Excel's quote prefix, plus
freeze panes, autofilter and print settings), the workbook is saved, and the
placeholder's `<sheetData>` is replaced while the package is copied: the rows are generated
one at a time as inline strings with the template row's cell styles, so memory stays flat
however many rows there are.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

from openpyxl.utils import get_column_letter, quote_sheetname

from cscaudit.report.formula_text import FORMULA_STARTS
from cscaudit.report.xlsx_style import cell_text

if TYPE_CHECKING:
    from openpyxl import Workbook

CHUNK_ROWS = 2000  # rows encoded and written at a time
COMPRESS_LEVEL = 1  # deflate's fastest: a list of repeated texts compresses well anyway
Value = str | int | float | None

_ROW = re.compile(r"<row [^>]*>.*?</row>", re.S)
_CELL_STYLE = re.compile(r'<c r="([A-Z]+)\d+"(?: s="(\d+)")?')
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
_AUTOFILTER = re.compile(r'<autoFilter ref="[^"]*"')


def escape(text: str) -> str:
    """`&`, `<` and `>` as XML entities (what `xml.sax.saxutils.escape` does, without the
    ~8 ms of urllib and http.client that importing it costs)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _cell(style: str | None, value: Value) -> str:
    """One cell's XML. Without an `r` reference: every column of a row is written, in order,
    so readers place each cell by its position (and equal cells share their text)."""
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f"<c{s}/>"
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = escape(cell_text(str(value)))
        return f'<c{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f"<c{s}><v>{value!r}</v></c>"


class _CellCache:
    """The XML of recent cell values per column: a list repeats its texts row after row
    (the problem, the file, the indicator's attribution). Cleared when it grows large."""

    LIMIT = 20_000

    def __init__(self) -> None:
        self._xml: dict[tuple[str | None, type, Value], str] = {}

    def __call__(self, style: str | None, value: Value) -> str:
        key = (style, type(value), value)
        xml = self._xml.get(key)
        if xml is None:
            if len(self._xml) >= self.LIMIT:
                self._xml.clear()
            xml = self._xml[key] = _cell(style, value)
        return xml


def _sheet_part(package: zipfile.ZipFile, title: str) -> str:
    """The package path of the worksheet called `title` (workbook.xml and its rels)."""
    workbook = package.read("xl/workbook.xml").decode()
    rels = package.read("xl/_rels/workbook.xml.rels").decode()
    match = re.search(rf'<sheet name="{re.escape(escape(title))}"[^>]*r:id="(rId\d+)"', workbook)
    if match is None:
        raise KeyError(title)
    target = re.search(rf'<Relationship[^>]*Id="{match.group(1)}"[^>]*/>', rels)
    if target is None:
        raise KeyError(title)
    path = re.search(r'Target="([^"]+)"', target.group(0))
    assert path is not None
    return path.group(1).lstrip("/") if path.group(1).startswith("/xl/") else (
        "xl/" + path.group(1))


def save_streaming(workbook: Workbook, title: str, rows: Iterable[Sequence[Value]], count: int,
                   out: IO[bytes]) -> None:
    """Save `workbook` to `out` with the rows of sheet `title` after its header replaced
    by the `count` rows of `rows` (each styled like the template rows)."""
    staged = io.BytesIO()
    workbook.save(staged)
    columns = workbook[title].max_column
    last_col = get_column_letter(columns)
    last = f"{last_col}{count + 1}"
    written = 0
    with zipfile.ZipFile(staged) as src, zipfile.ZipFile(
            out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as dst:
        part = _sheet_part(src, title)
        xml = src.read(part).decode()
        head, rest = xml.split("<sheetData>", 1)
        data, tail = rest.split("</sheetData>", 1)
        header, template, quoted = _ROW.findall(data)[:3]
        letters = [get_column_letter(c) for c in range(1, columns + 1)]
        plain_styles, quoted_styles = (
            [dict(_CELL_STYLE.findall(row)).get(letter) for letter in letters]
            for row in (template, quoted))
        for info in src.infolist():
            if info.filename != part:
                body = src.read(info.filename)
                if info.filename == "xl/workbook.xml":
                    body = _filter_range(body.decode(), title, count + 1).encode()
                dst.writestr(info, body)
                continue
            with dst.open(part, "w", force_zip64=True) as sink:
                sink.write(_DIMENSION.sub(f'<dimension ref="A1:{last}"/>', head, 1).encode())
                sink.write(b"<sheetData>")
                sink.write(header.encode())
                chunk: list[str] = []
                cell = _CellCache()
                for written, values in enumerate(rows, start=1):
                    if len(values) != columns:
                        raise ValueError(f"{title}: row {written} has {len(values)} values")
                    cells = "".join([
                        cell(q if isinstance(v, str) and v.startswith(FORMULA_STARTS) else p, v)
                        for p, q, v in zip(plain_styles, quoted_styles, values, strict=True)])
                    chunk.append(f'<row r="{written + 1}">{cells}</row>')
                    if len(chunk) == CHUNK_ROWS:
                        sink.write("".join(chunk).encode())
                        chunk.clear()
                sink.write("".join(chunk).encode())
                sink.write(b"</sheetData>")
                sink.write(_AUTOFILTER.sub(f'<autoFilter ref="A1:{last}"', tail, 1).encode())
    if written != count:
        raise ValueError(f"{title}: {written} rows written, {count} announced")


def _filter_range(workbook_xml: str, title: str, last_row: int) -> str:
    """The autofilter's defined name ends at the last row written."""
    sheet = re.escape(escape(quote_sheetname(title)))
    return re.sub(rf"({sheet}!\$A\$1:\$[A-Z]+\$)\d+", rf"\g<1>{last_row}", workbook_xml)
