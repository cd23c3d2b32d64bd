"""The hot loop: turning rows of cells into `values` dicts with per-column parsers.

Built once per table. Every typed column is a `Memo` (a dict that parses on a miss), so a cell
costs one dict subscript; free text is stripped inline; the values dict of a row is built by
one compiled dict display (see `compile_row_values`). Python parsing code runs only for a
value not seen before, and the problem path only for rows with a problem.
"""

from __future__ import annotations

import csv
import functools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import CodeType
from typing import Any

from cscaudit.i18n import t
from cscaudit.ingest.columns import ColumnInfo, HeaderMap
from cscaudit.ingest.csv_rows import malformed
from cscaudit.ingest.dictionary import FieldDictionary, TableSpec
from cscaudit.ingest.headers import cell_text
from cscaudit.ingest.model import CellValue, Record, SourceRef
from cscaudit.ingest.parsers import MEMO_CAP, MISSING, Memo, column_parser, is_memoised
from cscaudit.ingest.problems import Problem
from cscaudit.ingest.ragged import headed_extent
from cscaudit.ingest.row_checks import TOTAL_LEADS, may_be_total
from cscaudit.ingest.values import key_text

UNIQUE_CAP = 200_000  # record ids remembered per column for the reused-id check
# (column index, field, raw cell, problem)
CellProblem = tuple[int, str, Any, Problem]
Picker = Callable[[Any], tuple[Any, ...]]


def picker(indexes: Sequence[CellValue]) -> Picker:
    """A C-level `cells -> tuple of the cells at indexes` (itemgetter, whatever the count);
    works for dict keys as well."""
    if len(indexes) >= 2:
        return operator.itemgetter(*indexes)
    if len(indexes) == 1:
        only = indexes[0]
        return lambda cells: (cells[only],)
    return lambda cells: ()


@dataclass(frozen=True)
class RowPlan:
    columns: tuple[ColumnInfo, ...]
    width: int
    text_source: bool
    memo_cols: tuple[tuple[int, str, Memo], ...]  # (column, field, memo)
    text_cols: tuple[tuple[int, str], ...]  # free text, stripped inline
    key_cols: tuple[tuple[int, str], ...]  # record ids (unique keys), folded inline
    row_values: Callable[[list[Any]], dict[str, Any]]  # cells -> values, compiled once
    careful_values: Callable[[list[Any]], dict[str, Any]]  # same, for non-text cells in text
    required_text: tuple[tuple[int, str], ...]  # (column, field) of required free text
    items_field: str | None
    item_memos: tuple[Memo, ...]
    pick_items: Picker
    pending: list[CellProblem]
    required: tuple[tuple[str, int], ...]  # (field, column index), all types
    pii: dict[str, str]  # field -> pii kind
    unique: tuple[tuple[int, str], ...] = ()  # (column, field) of record ids
    # per record id column, id -> [the row it was first on, hash of that row's values] as
    # two int maps (no per-row objects for the garbage collector to walk); one plan is one
    # read of one table, and every `parse` of it shares them
    first_row: tuple[tuple[dict[Any, int], dict[Any, int]], ...] = ()

    @property
    def extent(self) -> int:
        """The cells of a row up to the header's last headed column."""
        return headed_extent(self.columns)

    def parse(self, rows: Iterable[list[CellValue]], numbers: CellValue,
              table: str, ref: SourceRef, *,
              on_problem: Callable[[int, list[CellValue], dict[str, CellValue], list[CellProblem]], bool],
              on_end: Callable[[int], None],
              on_uneven: Callable[[int, list[CellValue]], None]) -> Iterator[Record]:
        """Records of `rows`. `numbers` is a csv reader (each record starts on the line after
        the previous one ended) or the int row number of the first row (rows contiguous).
        A row with problems goes to `on_problem`, which reports them and says whether the row
        is still a record. A record whose cells as read are not `extent` goes to
        `on_uneven` (after `on_problem`). `on_end(rows seen)` runs when the stream ends or
        is closed."""
        pending, extent = self.pending, self.extent
        required_text_of = picker([name for _, name in self.required_text])
        unique, first_row = self.unique, self.first_row
        total_leads = TOTAL_LEADS
        items_field, item_memos, pick_items = self.items_field, self.item_memos, self.pick_items
        row_values = self.row_values
        new, getitem = tuple.__new__, operator.getitem
        line_reader = None if isinstance(numbers, int) else numbers
        number = numbers - 1 if isinstance(numbers, int) else 0
        last = line_reader.line_num if line_reader is not None else 0
        seen = 0
        try:
            for cells in rows:
                seen += 1
                uneven = cells if len(cells) != extent else None
                if line_reader is None:
                    number += 1
                else:
                    number = last + 1
                    last = line_reader.line_num
                try:
                    values = row_values(cells)
                except (IndexError, AttributeError):
                    cells, values = self._again(cells)
                if items_field is not None:
                    values[items_field] = tuple(map(getitem, item_memos, pick_items(cells)))
                problems: list[CellProblem] | None = None
                if pending:
                    problems = pending[:]
                    pending.clear()
                if None in required_text_of(values):
                    problems = self._missing_text(values, cells, problems)
                if unique:
                    problems = _repeated_ids(values, cells, number, unique, first_row, problems)
                if problems is None:
                    lead = cells[0] if cells else ""
                    if (lead.__class__ is not str or lead[:1] in total_leads) and may_be_total(cells):
                        problems = []  # a 合计 row with every required field filled: checked
                if problems is not None and not on_problem(number, cells, values, problems):
                    continue
                if uneven is not None:
                    on_uneven(number, uneven)
                yield new(Record, (table, ref, number, values))
        except (csv.Error, UnicodeDecodeError) as exc:  # only a csv reader raises it: its line_num is set
            raise malformed(ref.file, last + 1, exc) from None
        finally:
            on_end(seen)


    def _again(self, cells: list[Any]) -> tuple[list[Any], dict[str, Any]]:
        """A row the compiled function could not take: a short row (padded, then read the
        fast way again) or a number in a text column of a workbook (read the careful way)."""
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        self.pending.clear()
        try:
            return cells, self.row_values(cells)
        except AttributeError:
            self.pending.clear()
            return cells, self.careful_values(cells)

    def _missing_text(self, values: dict[str, Any], cells: list[Any],
                      problems: list[CellProblem] | None) -> list[CellProblem]:
        problems = problems or []
        for index, name in self.required_text:
            if values[name] is None:
                problems.append((index, name, cells[index], MISSING))
        return problems


def _repeated_ids(values: dict[str, Any], cells: list[Any], number: int,
                  unique: tuple[tuple[int, str], ...],
                  first_row: tuple[tuple[dict[Any, int], dict[Any, int]], ...],
                  problems: list[CellProblem] | None) -> list[CellProblem] | None:
    """A record id seen on an earlier row is a warning naming that row. A row identical to
    the first one is left to the duplicate-rows check (it is a copy, not a reused id), so
    each id keeps its first row and a hash of that row's values. Only the first
    `UNIQUE_CAP` ids of a column are remembered, which bounds memory."""
    row_hash: int | None = None
    for (index, name), (rows, hashes) in zip(unique, first_row, strict=True):
        value = values[name]
        if value is None:
            continue
        if row_hash is None:
            row_hash = hash(tuple(values.values()))
        first = rows.get(value)
        if first is None:
            if len(rows) < UNIQUE_CAP:
                rows[value], hashes[value] = number, row_hash
            continue
        if hashes[value] != row_hash:
            problems = problems if problems is not None else []
            problems.append((index, name, cells[index], reused_id(first)))
    return problems


def reused_id(first: int) -> Problem:
    """The warning on a row whose record id was first on row `first`."""
    return Problem("duplicate-id", t(
        f"编号与第 {first} 行重复：同一编号只应对应一条记录，请核对是否重复录入",
        f"the same id as row {first}: an id should name one record only; "
        "check for a double entry"), "warning")


def compile_row_values(memo_cols: Sequence[tuple[int, str, Memo]],
                       text_cols: Sequence[tuple[int, str]], *,
                       text_only: bool,
                       key_cols: Sequence[tuple[int, str]] = ()) -> Callable[[list[CellValue]], dict[str, CellValue]]:
    """A function `cells -> values` made for this table's columns.

    It is one dict display (`{"visited_on": m0[cells[1]], "worker": cells[2].strip() or None,
    ...}`), which CPython builds several times faster than a loop of item assignments. With
    `text_only` it assumes every free-text cell is a str (always true for CSV, nearly always
    for workbooks: the caller retries with the careful version on AttributeError). Only ints
    and field names (checked identifiers) go into the generated source.
    """
    namespace: dict[str, Any] = {"cell_text": cell_text, "key_text": key_text}
    entries = []
    for n, (index, name, memo) in enumerate(memo_cols):
        namespace[f"m{n}"] = memo
        entries.append(f"{name!r}: m{n}[cells[{int(index)}]]")
    for index, name in text_cols:
        cell = f"cells[{int(index)}]"
        text = f"{cell}.strip()" if text_only else f"cell_text({cell})"
        entries.append(f"{name!r}: {text} or None")
    for n, (index, name) in enumerate(key_cols):
        cell = f"cells[{int(index)}]"
        if text_only:  # ASCII ids (nearly all) need no folding: strip in line
            entries.append(f"{name!r}: (k{n}.strip() or None) if (k{n} := {cell}).isascii() "
                           f"else key_text(k{n})")
        else:
            entries.append(f"{name!r}: key_text({cell})")
    if not all(name.isidentifier() for _, name, _ in memo_cols) or not all(
            name.isidentifier() for _, name in (*text_cols, *key_cols)):
        raise ValueError("field names must be identifiers")
    source = "def row_values(cells):\n    return {" + ", ".join(entries) + "}\n"
    exec(_compiled(source), namespace)
    function: Callable[[list[Any]], dict[str, Any]] = namespace["row_values"]
    return function


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> CodeType:
    """The code of a `row_values` source: the same tables (their columns in the same
    places) make the same source in every center, compiled once."""
    return compile(source, "<cscaudit row plan>", "exec")


def build_plan(mapping: HeaderMap, spec: TableSpec, dictionary: FieldDictionary, *,
               date1904: bool, text_source: bool) -> RowPlan:
    pending: list[CellProblem] = []
    memo_cols: list[tuple[int, str, Memo]] = []
    text_cols: list[tuple[int, str]] = []
    key_cols: list[tuple[int, str]] = []
    item_cols: list[tuple[int, Memo]] = []
    items_field: str | None = None
    index_of: dict[str, int] = {}
    for col in mapping.columns:
        if col.field is None:
            continue
        field = spec.fields[col.field]
        resolve = column_parser(field, dictionary, date1904=date1904, text_source=text_source,
                                required=field.required)
        cap = MEMO_CAP if is_memoised(field) else 0
        memo = Memo(resolve, col.index, field.name, pending, cap)
        if field.type == "items":
            items_field = field.name
            item_cols.append((col.index, memo))
            continue
        index_of[field.name] = col.index
        if field.type == "text":
            text_cols.append((col.index, field.name))
        elif field.type == "key" and not is_memoised(field):
            key_cols.append((col.index, field.name))
        else:
            memo_cols.append((col.index, field.name, memo))
        if field.type == "tags" and field.vocabulary == "content":
            text_cols.append((col.index, f"{field.name}_text"))
    unique = tuple((index_of[f.name], f.name) for f in spec.fields.values()
                   if f.unique and f.name in index_of)
    required_text = tuple((index, name) for index, name in (*text_cols, *key_cols)
                          if name in spec.fields and spec.fields[name].required
                          and spec.fields[name].type in ("text", "key"))
    return RowPlan(
        columns=mapping.columns, width=len(mapping.columns), text_source=text_source,
        memo_cols=tuple(memo_cols), text_cols=tuple(text_cols),
        row_values=compile_row_values(memo_cols, text_cols, text_only=True, key_cols=key_cols),
        careful_values=compile_row_values(memo_cols, text_cols, text_only=False, key_cols=key_cols),
        required_text=required_text, items_field=items_field,
        item_memos=tuple(m for _, m in item_cols), pick_items=picker([i for i, _ in item_cols]),
        pending=pending,
        required=tuple((n, index_of[n]) for n in spec.required if n in index_of),
        pii={f.name: f.pii for f in spec.fields.values() if f.pii},
        key_cols=tuple(key_cols),
        unique=unique,
        first_row=tuple(({}, {}) for _ in unique),
    )
