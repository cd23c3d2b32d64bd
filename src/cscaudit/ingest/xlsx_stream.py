"""A bounded-memory row reader for very large XLSX sheets.

python-calamine reads a whole sheet into memory before the first row comes out (about twice
the sheet's XML size). Above `STREAM_ABOVE` bytes of sheet XML the readers use this module
instead: it inflates the sheet part in 1 MB chunks and cuts rows out of the XML with a
regular expression, keeping only the shared strings, the date styles and one chunk. Cells come
out typed like calamine's: str, float, bool, and date/datetime for date-formatted numbers.
Rows and columns keep their Excel positions (missing rows come out empty).

The fast cell pattern expects attributes in the order every writer we know uses (r, s, t);
a row where it finds fewer cells than there are `<c` tags is re-read with an order-free one.
"""

from __future__ import annotations

import codecs
import html
import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.etree import ElementTree

from cscaudit.ingest.dates import serial_to_datetime
from cscaudit.ingest.model import CellValue

STREAM_ABOVE = 48 << 20  # sheet XML bytes above which the sheet is streamed
CHUNK = 1 << 20
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_FAST = re.compile(
    r'<c r="([A-Z]+)\d*"(?: s="(\d+)")?(?: t="(\w+)")?[^>]*?'
    r'(?:/>|>(?:<v>([^<]*)</v>|<is><t>([^<]*)</t></is>|(.*?))</c>)', re.S)
_ANY = re.compile(
    r'<c\b(?:(?=[^>]*?\br="([A-Z]+)\d*"))?(?:(?=[^>]*?\bs="(\d+)"))?'
    r'(?:(?=[^>]*?\bt="(\w+)"))?[^>]*?(?:/>|>(.*?)</c>)', re.S)
_ROW_NUMBER = re.compile(r'<row\b[^>]*?\br="(\d+)"')
_V = re.compile(r"<v>([^<]*)</v>")
_T = re.compile(r"<t\b[^>]*>([^<]*)</t>")
_DATE_CODE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')  # quoted text, [colours], escapes
def _all_letters() -> tuple[str, ...]:
    """Column letters A ... XFD (Excel's 16,384 columns), position -> letters."""
    one = [chr(65 + i) for i in range(26)]
    two = [a + b for a in one for b in one]
    three = [a + b for a in two for b in one]
    return (*(one + two + three)[:16384], "")


_LETTERS = _all_letters()
BUILTIN_DATE_FORMATS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])


def _column_index(letters: str, cache: dict[str, int]) -> int:
    index = cache.get(letters)
    if index is None:
        index = 0
        for ch in letters:
            index = index * 26 + ord(ch) - 64
        index -= 1
        cache[letters] = index
    return index


def shared_strings(zf: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in zf.namelist():
        return []
    strings: list[str] = []
    with zf.open("xl/sharedStrings.xml") as fh:
        for _, elem in ElementTree.iterparse(fh):
            if elem.tag == f"{_NS}si":
                strings.append(_si_text(elem))
                elem.clear()
    return strings


def _si_text(si: Any) -> str:
    """Plain text of a shared string: its `<t>`, or the `<t>` of each rich-text run
    (phonetic guides, `<rPh>`, are not part of the text)."""
    parts = []
    for child in si:
        if child.tag == f"{_NS}t":
            parts.append(child.text or "")
        elif child.tag == f"{_NS}r":
            parts.extend(t.text or "" for t in child.iter(f"{_NS}t"))
    return "".join(parts)


def date_styles(zf: zipfile.ZipFile) -> frozenset[int]:
    """Indexes of cell styles (`s=`) whose number format shows a date or time."""
    if "xl/styles.xml" not in zf.namelist():
        return frozenset()
    root = ElementTree.fromstring(zf.read("xl/styles.xml"))
    custom: dict[int, bool] = {}
    for fmt in root.iter(f"{_NS}numFmt"):
        code = _DATE_CODE.sub("", fmt.get("formatCode", "")).lower()
        custom[int(fmt.get("numFmtId", "0"))] = any(c in code for c in "ymdhs") and "general" not in code
    xfs = root.find(f"{_NS}cellXfs")
    styles = set()
    for index, xf in enumerate(xfs if xfs is not None else []):
        fid = int(xf.get("numFmtId", "0"))
        if custom.get(fid, fid in BUILTIN_DATE_FORMATS):
            styles.add(index)
    return frozenset(styles)


def sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding the named sheet."""
    return sheet_parts(zf).get(sheet)


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding it, for every sheet the workbook lists (the
    first of a name listed twice)."""
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rids: dict[str, str | None] = {}
    for sheet in book.iter(f"{_NS}sheet"):
        name = sheet.get("name")
        if name is not None:
            rids.setdefault(name, sheet.get(f"{_REL_NS}id"))
    if not any(rids.values()):
        return {}
    targets: dict[str, str] = {}
    for rel in ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels")):
        target = rel.get("Target", "")
        targets.setdefault(rel.get("Id", ""),
                           target.lstrip("/") if target.startswith("/") else "xl/" + target)
    return {name: targets[rid] for name, rid in rids.items()
            if rid is not None and rid in targets}


class SheetStream:
    """Rows of one sheet, streamed. Use `rows()` once."""

    def __init__(self, zf: zipfile.ZipFile, part: str, *, date1904: bool) -> None:
        self.zf, self.part, self.date1904 = zf, part, date1904
        self.strings = shared_strings(zf)
        self.dates = date_styles(zf)
        self._date_style_ids = frozenset(str(i) for i in self.dates)
        self._dates: dict[str, Any] = {}  # raw serial -> date, for date-styled cells
        self._columns: dict[str, int] = {}

    def _value(self, style: str, kind: str, raw: str, inline: str | None) -> Any:
        if kind == "s":
            return self.strings[int(raw)] if raw else ""
        if kind == "inlineStr":
            text = inline or ""
        elif kind in ("str", "e", "d"):
            text = raw
        elif kind == "b":
            return raw == "1"
        else:
            if not raw:
                return ""
            number = float(raw)
            if style and int(style) in self.dates:
                when = serial_to_datetime(number, date1904=self.date1904)
                if when is not None:
                    return when.date() if number.is_integer() else when
            return number
        return html.unescape(text) if "&" in text else text

    def _cells(self, part: str) -> list[Any]:
        found = _FAST.findall(part)
        if len(found) != part.count("<c "):
            return self._cells_any(part)
        cells: list[Any] = []
        strings, date_styles_, dates, letters_at = self.strings, self._date_style_ids, self._dates, _LETTERS
        n = 0
        for letters, style, kind, v, t, other in found:
            # the common cells inline; anything unusual through _value
            if other:
                inline = "".join(_T.findall(other)) if kind == "inlineStr" else None
                m = _V.search(other)
                value = self._value(style, kind, m.group(1) if m else "", inline)
            elif kind == "s" and v:
                value = strings[int(v)]
            elif kind == "inlineStr" and "&" not in t:
                value = t
            elif (not kind or kind == "n") and v:
                if style in date_styles_:
                    value = dates.get(v)
                    if value is None:
                        value = dates[v] = self._value(style, kind, v, t)
                else:
                    value = float(v)
            else:
                value = self._value(style, kind, v, t)
            if letters_at[n] == letters:
                cells.append(value)
                n += 1
            else:
                self._place(cells, letters, value)
                n = len(cells)
        return cells

    def _cells_any(self, part: str) -> list[Any]:
        cells: list[Any] = []
        for letters, style, kind, content in _ANY.findall(part):
            m = _V.search(content)
            inline = "".join(_T.findall(content)) if kind == "inlineStr" else None
            self._place(cells, letters, self._value(style, kind, m.group(1) if m else "", inline))
        return cells

    def _place(self, cells: list[Any], letters: str, value: Any) -> None:
        index = _column_index(letters, self._columns) if letters else len(cells)
        if index == len(cells):
            cells.append(value)
        elif index > len(cells):
            cells.extend([""] * (index - len(cells)))
            cells.append(value)
        else:
            cells[index] = value

    def rows(self) -> Iterator[list[CellValue]]:
        """Every row from row 1, empty lists for rows the XML leaves out."""
        expected = 1
        with self.zf.open(self.part) as fh:
            for part in _row_parts(fh):
                if part.startswith('<row r="'):  # how every writer we know starts a row
                    number = int(part[8:part.index('"', 8)])
                else:
                    m = _ROW_NUMBER.search(part)
                    number = int(m.group(1)) if m else expected
                while expected < number:
                    yield []
                    expected += 1
                yield self._cells(part)
                expected = number + 1


def _row_parts(fh: IO[bytes]) -> Iterator[str]:
    """The XML of each `<row>` element, read a chunk at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    buffer = ""
    started = False
    while True:
        chunk = fh.read(CHUNK)
        text = buffer + decoder.decode(chunk, final=not chunk)
        if not started:
            at = text.find("<sheetData")
            if at < 0:
                buffer = text[-64:] if chunk else ""
                if not chunk:
                    return
                continue
            text, started = text[at:], True
        end = text.rfind("</row>")
        if end < 0 and chunk:
            buffer = text
            continue
        cut = end + 6 if end >= 0 else 0
        yield from text[:cut].split("</row>")[:-1]
        buffer = text[cut:]
        if not chunk:
            return


def is_large(zf: zipfile.ZipFile, part: str | None) -> bool:
    if part is None or part not in zf.namelist():
        return False
    return zf.getinfo(part).file_size > STREAM_ABOVE


def stream_rows(zf: zipfile.ZipFile, part: str, *, date1904: bool) -> Iterator[list[CellValue]]:
    return SheetStream(zf, part, date1904=date1904).rows()

