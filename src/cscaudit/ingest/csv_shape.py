"""`plain_skeleton(data, delimiter)`: whether polars' CSV reader splits the UTF-8 bytes of
a CSV body exactly as Python's `csv.reader` splits its text; `row_cells`: the cells of each
row.

Python's csv reader (excel dialect, `strict=False`) and polars agree on text where every
quote belongs to a well-formed quoted cell: it opens the cell (at the start of a line or
right after a delimiter), any quote inside is doubled (`""`), and it closes right before a
delimiter, a line break or the end. They differ elsewhere: a quote inside an unquoted cell
(`a"b`: polars counts it when it looks for the end of a row), text after a closing quote
(`"a"b`: Python keeps `ab`), a lone carriage return (a line break to Python, a character to
polars), a NUL byte, a byte-order mark at the start (polars drops it). Such a body is read
the Python way (`plain_skeleton` gives None).

The check is a few passes in C over the bytes (quotes, delimiters and line breaks are ASCII,
never part of a multi-byte UTF-8 character): quoted cells are replaced by a NUL (the body
holds none), and then no quote may be left, and every NUL must sit between delimiters or
line breaks. In what is left (the skeleton) each line is one row, so the cells of a row are
its delimiters plus one (none on a blank line), and a row spans one line more than the
line breaks inside its quoted cells.
"""

from __future__ import annotations

import codecs
import re

import polars as pl

QUOTE = '"'
_QUOTED = re.compile(rb'"[^"]*(?:""[^"]*)*"')
_LONE_CR = re.compile(rb"\r(?!\n)")  # a carriage return not ending a line
_CELL = b"\x00"  # stands for a quoted cell in the skeleton
_BLANK = re.compile(rb"\n(?=\r?\n)")  # in b"\n" + skeleton + b"\n": the line after is blank
MANY_BLANKS = 64  # more blank lines than this: the lines are counted one by one


def plain_skeleton(data: bytes, delimiter: str) -> bytes | None:
    """The skeleton of `data` (a CSV body in UTF-8), or None when polars may split it
    differently from Python's csv reader."""
    mark = delimiter.encode("utf-8")
    if (len(mark) != 1 or mark in b'"\r\n\x00' or _CELL in data
            or data.startswith(codecs.BOM_UTF8)
            or (b"\r" in data and _LONE_CR.search(data))):
        return None
    if b'"' not in data:
        return data
    skeleton = _QUOTED.sub(_CELL, data)
    if b'"' in skeleton or not _cells_bounded(skeleton, mark):
        return None
    return skeleton


def _cells_bounded(skeleton: bytes, mark: bytes) -> bool:
    """Whether every quoted cell (a NUL) starts the text or follows a delimiter or a line
    break, and ends the text or comes before a delimiter or a line break."""
    count = skeleton.count(_CELL)
    if not count:
        return True
    before = (skeleton.count(mark + _CELL) + skeleton.count(b"\n" + _CELL)
              + skeleton.startswith(_CELL))
    after = (skeleton.count(_CELL + mark) + skeleton.count(_CELL + b"\r\n")
             + skeleton.count(_CELL + b"\n") + skeleton.endswith(_CELL))
    return before == count == after


def row_cells(skeleton: bytes, delimiter: str, width: int, *, exact: bool,
              blank: bool = True, breaks: int | None = None) -> pl.Series:
    """The cells of each row of the skeleton (0 on a blank line). Not `exact`: when the
    delimiters add up to every other row being `width` cells wide, that is assumed (a row
    too short and one too long would add up too: the caller knows there is no long one
    when polars read the rows `width` wide, else asks again, `exact`); `blank`: whether
    there may be a blank line (polars read a row of empty cells); `breaks`: the skeleton's
    line feeds, when the caller counted them already."""
    mark = delimiter.encode("utf-8")
    if not exact:
        if breaks is None:
            breaks = skeleton.count(b"\n")
        lines = breaks + (not skeleton.endswith(b"\n"))
        blanks = _blank_lines(skeleton) if blank else []
        if blanks is not None and skeleton.count(mark) == (lines - len(blanks)) * (width - 1):
            full = pl.repeat(width, lines, dtype=pl.Int64(), eager=True)
            return full.scatter(blanks, 0) if blanks else full
    return pl.Series([line.count(mark) + 1 if line not in (b"", b"\r") else 0
                      for line in skeleton.removesuffix(b"\n").split(b"\n")], dtype=pl.Int64())


def _blank_lines(skeleton: bytes) -> list[int] | None:
    """The blank lines of the skeleton (by index), None when there are more than
    MANY_BLANKS."""
    if not (b"\n\n" in skeleton or b"\n\r\n" in skeleton
            or skeleton.startswith((b"\n", b"\r\n"))):
        return []
    framed = b"\n" + skeleton.removesuffix(b"\n") + b"\n"
    found: list[int] = []
    line = at = 0
    for match in _BLANK.finditer(framed):
        if len(found) == MANY_BLANKS:
            return None
        line += framed.count(b"\n", at, match.start())  # the line breaks before it
        at = match.start()
        found.append(line)
    return found
