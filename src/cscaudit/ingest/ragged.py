"""Rows the header does not cover: `extra-cells` and `short-row` (warnings).

A record row with a filled cell right of the header's last headed column loses that cell
(no field reads it): typical of a CSV cell holding an unquoted comma, which shifts the
values after it. A CSV record row with fewer cells than the header has headed columns reads
the missing ones as blank: typical of a cell holding an unquoted line break, which cuts the
record in two lines. Both are reported on the row (its CSV line, or sheet row), naming the
columns and what to do, never the cells' values (an ID number or a phone may be among them).
The row's headed cells are read as they are.

Only rows that are records are held to the header: title rows, blank rows, 合计 rows and
footer lines are told apart first (`row_checks.skip_reason`); trailing empty cells
(`a,b,c,,`) lose nothing and are not reported. A workbook has no short rows (a sheet's row
simply ends at its last filled cell).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cscaudit.i18n import t
from cscaudit.ingest.columns import ColumnInfo
from cscaudit.ingest.headers import cell_text, column_letter
from cscaudit.ingest.model import CellValue
from cscaudit.ingest.problems import Problem

EXTRA_CELLS = "extra-cells"
SHORT_ROW = "short-row"
LETTERS_SHOWN = 5  # column letters named in one message; more are counted
_DELIMITERS = {",": ("英文逗号", "comma"), "\t": ("制表符", "tab"), ";": ("分号", "semicolon"),
               "|": ("竖线", "vertical bar")}


@dataclass(frozen=True)
class RowShape:
    """The header a record row is held to: its cells, how many of them reach its last
    headed cell (`extent`), the column letter of its first cell's position (`offset`,
    0-based), and the CSV delimiter (None for a workbook)."""

    columns: tuple[ColumnInfo, ...]
    extent: int
    offset: int
    delimiter: str | None

    def letter(self, index: int) -> str:
        if index < len(self.columns):
            return self.columns[index].letter
        return column_letter(index + self.offset)

    def problem(self, cells: Sequence[CellValue], count: int) -> tuple[str, Problem] | None:
        """(the column letter to file it under, the problem) of a record row whose cells,
        as read, were `count` (`cells` may be padded), or None when it fits the header."""
        extent = self.extent
        filled = [i for i in range(extent, len(cells)) if cell_text(cells[i])]
        if filled:
            return self.letter(filled[0]), self._extra(filled)
        if self.delimiter is not None and 0 < count < extent:
            return self.letter(count), self._short(count)
        return None

    def _span(self, first: int, last: int) -> str:
        return self.letter(first) if first == last else f"{self.letter(first)}–{self.letter(last)}"

    def _extra(self, filled: list[int]) -> Problem:
        shown = [self.letter(i) for i in filled[:LETTERS_SHOWN]]
        more = len(filled) - len(shown)
        zh = "、".join(shown) + (f" 等 {len(filled)} 格" if more else "")
        en = ("column " if len(filled) == 1 else "columns ") + ", ".join(shown) + (
            f" and {more} more" if more else "")
        last = self.letter(self.extent - 1)
        if self.delimiter is None:
            return Problem(EXTRA_CELLS, t(
                f"表头最后一列（{last} 列）右边的格有内容（{zh} 列），这些格上方没有表头，未读取：如需使用，"
                "请在表头行为该列填写列名，否则请删除这些格",
                f"cells right of the header's last column ({last}) are filled ({en}); "
                "they have no header above them and were not read: give the column a header "
                "if it is needed, else delete those cells"), "warning")
        name_zh, name_en = _DELIMITERS.get(self.delimiter, (f"“{self.delimiter}”",
                                                            f"'{self.delimiter}'"))
        return Problem(EXTRA_CELLS, t(
            f"这一行比表头多出有内容的格（{zh} 列，表头只到 {last} 列），多出的格未读取，该行其余各格"
            f"照常读取，但可能已错位：若某格内含{name_zh}，请用双引号括起该格，或删除多余的格",
            f"this row has filled cells beyond the header ({en}; the header ends at "
            f"{last}); they were not read, and the row's other cells were read as they are "
            f"but may be shifted: if a cell holds a {name_en}, put that cell in double quotes, "
            "or delete the extra cells"), "warning")

    def _short(self, count: int) -> Problem:
        span = self._span(count, self.extent - 1)
        columns = f"column {span} was" if count == self.extent - 1 else f"columns {span} were"
        return Problem(SHORT_ROW, t(
            f"这一行只有 {count} 格，少于表头的 {self.extent} 列，{span} 列按空白读取：常见原因是某格"
            "内含换行却没有用双引号括起，一条记录被断成了两行；请用双引号括起含换行的格，或补齐这一行",
            f"this row has {count} cells, fewer than the header's {self.extent} columns; "
            f"{columns} read as blank. Usually a cell holds a line break but is not "
            "quoted, so one record was cut in two lines: put the cell with the line break in "
            "double quotes, or complete the row"), "warning")


def headed_extent(columns: Sequence[ColumnInfo]) -> int:
    """The cells of a row up to the last column with a header (0: none has one)."""
    return max((col.index + 1 for col in columns if col.header), default=0)


def row_shape(columns: Sequence[ColumnInfo], *, offset: int, delimiter: str | None) -> RowShape:
    """The shape of a header of `columns`: record rows reach its last headed cell."""
    return RowShape(tuple(columns), headed_extent(columns), offset, delimiter)
