"""`read_frame(source, dictionary) -> FrameRead`: one table read into a polars frame.

The front end is the record reader's (`open_table`: encoding, title rows, header mapping,
delimiter retry, bad bytes and open quotes at the end of a CSV), asked for the whole file:
a CSV decoded in full to decide its encoding (GB18030) is split from that text, so it is
transcoded once. The body is read whole (CSV rows split by polars, or by `csv.reader`
where polars would split them otherwise (`csv_body`), each row numbered by the line it
starts on; workbook rows through calamine, `frame_workbook`), then parsed column by column
(`frame_columns`): the common spellings of each type are decided in polars (`frame_values`,
`frame_tags`), Python runs once per distinct raw value they leave, and per row only for rows
with a problem (a value that failed, a required value missing, a reused id, a blank, 合计,
note or example row).

The result is what a `FrameBuilder` fed by `open_table(...).records()` builds, with the same
issues in the same order (row by row; within a row, as the record reader lists them), the
same counts and the same residents' names found in the file or sheet name. A file below
`ReadTuning`'s size is read exactly that way, where it costs less than the fixed cost of the
column-wise machinery (each polars call costs 30-300 µs, whatever the rows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from cscaudit.ingest.dictionary import FieldDictionary
from cscaudit.ingest.discover import TableSource
from cscaudit.ingest.frame_body import Cells, read_body
from cscaudit.ingest.frame_builder import FrameBuilder
from cscaudit.ingest.frame_columns import (
    Parsed,
    fast_rule,
    parse_column,
    remember,
    text_column,
    total_rows,
)
from cscaudit.ingest.frame_types import dtype_of, empty_frame
from cscaudit.ingest.frame_values import Rule
from cscaudit.ingest.frame_workbook import read_workbook_body
from cscaudit.ingest.label_names import label_of, may_hold_a_name, names_in_frame
from cscaudit.ingest.model import DataIssue
from cscaudit.ingest.parsers import MISSING
from cscaudit.ingest.ragged import RowShape
from cscaudit.ingest.read_tuning import ReadTuning
from cscaudit.ingest.reader import NO_ROWS, Body, ReadStats, open_table
from cscaudit.ingest.row_checks import skip_reason
from cscaudit.ingest.row_plan import UNIQUE_CAP, CellProblem, RowPlan, reused_id


@dataclass(frozen=True)
class FrameRead:
    """One export read: its records as a frame, its issues, the residents' names its file or
    sheet name holds, and the counts of the read."""

    frame: pl.DataFrame
    issues: tuple[DataIssue, ...]
    names_in_label: frozenset[str]
    stats: ReadStats
    columnar: bool  # read column-wise, not by the record reader (`ReadTuning`)


def read_frame(source: TableSource, dictionary: FieldDictionary,
               tuning: ReadTuning | None = None) -> FrameRead:
    """Read one table source; raises InputError when it is unusable (as `open_table`). A
    source below `tuning`'s size is read by the record reader into a `FrameBuilder`, which
    costs less there than the column-wise machinery's fixed costs; the result is the same."""
    tuning = tuning or ReadTuning()
    spec = dictionary.table(source.table)
    dtypes = {f.name: dtype_of(f.type) for f in spec.fields.values()}
    if _is_small(source, tuning):
        return _read_records(source, dictionary, dtypes)
    with open_table(source, dictionary, whole=True) as reader:
        body = reader.body()
        width = max(body.plan.width, 3)
        if body.line_reader is not None:
            cells, numbers, rest, lines = read_body(body, source.display, width)
        else:
            (cells, numbers, rest), lines = read_workbook_body(body, width), None
        rules = {f.name: rule for f in spec.fields.values()
                 if (rule := fast_rule(f, dictionary)) is not None}
        parsed = _Columns(body.plan, cells, dtypes, rules, tuning)
        keep = parsed.sort_rows(numbers, body, reader.stats, reader.shape)
        reader.csv_end(rest, lines)
        stats = reader.stats
        stats.rows_read = cells.n
        stats.rows_parsed = stats.rows_read - stats.skipped
        if stats.rows_parsed == 0:
            body.sink.add(NO_ROWS)
        body.sink.finish()
        frame = parsed.frame(source, numbers, keep, dtypes)
        names = _names_in_label(frame, body.plan, source, dictionary)
        return FrameRead(frame, tuple(reader.issues), names, stats, columnar=True)


def _is_small(source: TableSource, tuning: ReadTuning) -> bool:
    """Whether the source's file is below the size read record by record; a path that is
    not a regular file is not (the reader then says what it is)."""
    below = tuning.csv_records_below if source.is_csv else tuning.workbook_records_below
    try:
        return below > 0 and source.path.is_file() and source.path.stat().st_size < below
    except OSError:
        return False


def _read_records(source: TableSource, dictionary: FieldDictionary,
                  dtypes: Mapping[str, pl.DataType]) -> FrameRead:
    """The source read by the record reader, its records collected by a `FrameBuilder`."""
    with open_table(source, dictionary) as reader:
        builder = FrameBuilder(source.table, dtypes)
        for record in reader.records():
            builder.add(record)
        frame = builder.frame()
        return FrameRead(frame if frame.height else empty_frame(), tuple(reader.issues),
                         frozenset(reader.names_in_label), reader.stats, columnar=False)


class _Columns:
    """The columns of one read, parsed, and the rows that need a closer look."""

    def __init__(self, plan: RowPlan, cells: Cells, dtypes: Mapping[str, pl.DataType],
                 rules: Mapping[str, Rule], tuning: ReadTuning) -> None:
        self.plan, self.cells = plan, cells
        few = tuning.few_distinct
        self.memos: list[tuple[int, str, Parsed]] = [
            (index, name, parse_column(cells, index, memo, name, dtypes.get(name),
                                       rules.get(name), few))
            for index, name, memo in plan.memo_cols]
        self.items = [(memo.index, memo.field,
                       parse_column(cells, memo.index, memo, memo.field, pl.Utf8(),
                                    rules.get(memo.field), few))
                      for memo in plan.item_memos]
        self.series: dict[str, pl.Series] = {name: parsed.values for _, name, parsed in self.memos}
        for index, name in plan.text_cols:
            self.series[name] = text_column(cells, index, name, key=False)
        for index, name in plan.key_cols:
            self.series[name] = text_column(cells, index, name, key=True)
        if plan.items_field is not None:
            parts = [parsed.values for _, _, parsed in self.items]
            self.series[plan.items_field] = pl.select(
                pl.concat_list(parts).alias(plan.items_field)).to_series()
        self._values: dict[int, dict[str, Any]] = {}

    def look_at(self, rows: set[int]) -> None:
        """Ready the memos for `values_at` of these rows: the values the fast rules decided
        for their cells, so that the parsers run only for what they did not."""
        if not rows:
            return
        at = pl.Series(sorted(rows), dtype=pl.UInt32())
        memos = {memo.index: memo for _, _, memo in self.plan.memo_cols}
        memos.update((memo.index, memo) for memo in self.plan.item_memos)
        for index, _, parsed in (*self.memos, *self.items):
            strings = self.cells.strings(index)
            if strings is not None:
                remember(memos[index], parsed, strings.gather(at))

    def values_at(self, row: int) -> dict[str, Any]:
        """The values dict the record reader makes of one row."""
        found = self._values.get(row)
        if found is None:
            plan, cells = self.plan, self.cells.row(row)
            found = plan.careful_values(cells)
            if plan.items_field is not None:
                found[plan.items_field] = tuple(m[cells[m.index]] for m in plan.item_memos)
            plan.pending.clear()
            self._values[row] = found
        return found

    def _flagged(self) -> set[int]:
        """Rows with a value that failed, a required value missing, or a possible 合计."""
        flags = [parsed.flagged for _, _, parsed in (*self.memos, *self.items)
                 if parsed.flagged is not None]
        flags += [self.series[name].is_null() for _, name in self.plan.required_text]
        rows = set(total_rows(self.cells))
        if flags:
            rows.update(pl.select(pl.any_horizontal(flags)).to_series().arg_true().to_list())
        return rows

    def _reused_ids(self, numbers: pl.Series) -> dict[int, list[CellProblem]]:
        """Row -> its reused-id problems, as `row_plan._repeated_ids` finds them."""
        found: dict[int, list[CellProblem]] = {}
        first: list[dict[Any, tuple[int, int]]] = [{} for _ in self.plan.unique]
        candidates: set[int] = set()
        for _, name in self.plan.unique:
            ids = self.series[name]
            if ids.n_unique() == len(ids):  # every id once (a null at most once): none reused
                continue
            kept = ids.filter(ids.is_not_null()).unique(maintain_order=True)
            repeated = ids.is_duplicated() & ids.is_not_null()
            if len(kept) > UNIQUE_CAP:
                repeated &= ids.is_in(kept.head(UNIQUE_CAP).implode())
            candidates.update(repeated.arg_true().to_list())
        self.look_at(candidates)
        numbered = _numbers_of(numbers, candidates)
        for row in sorted(candidates):
            values = self.values_at(row)
            row_hash = hash(tuple(values.values()))
            for (index, name), seen in zip(self.plan.unique, first, strict=True):
                value = values[name]
                if value is None:
                    continue
                earlier = seen.get(value)
                if earlier is None:
                    seen[value] = (numbered[row], row_hash)
                elif earlier[1] != row_hash:
                    found.setdefault(row, []).append((index, name, self.cells.row(row)[index],
                                                      reused_id(earlier[0])))
        return found

    def sort_rows(self, numbers: pl.Series, body: Body, stats: ReadStats,
                  shape: RowShape) -> pl.Series:
        """Report the issues of every row with problems, and of every record the header does
        not cover (`shape`), in row order, and count the rows that are not records; the mask
        of the rows that are."""
        plan, sink, header = self.plan, body.sink, body.header
        reused = self._reused_ids(numbers)
        look = self._flagged() | set(reused)
        self.look_at(look)
        uneven = {row: found for row, count in self.cells.uneven(shape.extent).items()
                  if (found := shape.problem(self.cells.row(row), count)) is not None}
        numbered = _numbers_of(numbers, look | uneven.keys())
        missing = [(index, name, set(self.series[name].is_null().arg_true().to_list()))
                   for index, name in plan.required_text]

        def beyond_header(row: int) -> None:
            letter, problem = uneven[row]
            sink.beyond_header(problem, row=numbered[row], letter=letter)

        dropped: list[int] = []
        for row in sorted(look | uneven.keys()):
            if row not in look:  # a record without problems
                beyond_header(row)
                continue
            cells = self.cells.row(row)
            problems: list[CellProblem] = []
            for index, name, parsed in (*self.memos, *self.items):
                problem = parsed.problems.get(cells[index]) if parsed.problems else None
                if problem is not None:
                    problems.append((index, name, cells[index], problem))
            problems += [(index, name, cells[index], MISSING) for index, name, rows in missing
                         if row in rows]
            problems += reused.get(row, [])
            reason = skip_reason(self.values_at(row), problems, plan, header, cells)
            if reason is None:
                sink.row(numbered[row], plan, problems)
                if row in uneven:
                    beyond_header(row)
                continue
            dropped.append(row)
            stats.rows_skipped[reason] = stats.rows_skipped.get(reason, 0) + 1
            if reason == "note":
                sink.note(numbered[row], plan, problems)
        keep = pl.repeat(True, self.cells.n, dtype=pl.Boolean(), eager=True)
        return keep.scatter(dropped, False) if dropped else keep

    def frame(self, source: TableSource, numbers: pl.Series, keep: pl.Series,
              dtypes: Mapping[str, pl.DataType]) -> pl.DataFrame:
        n = self.cells.n
        frame = pl.DataFrame([
            pl.repeat(source.display, n, dtype=pl.Utf8(), eager=True).alias("_file"),
            pl.repeat(source.sheet, n, dtype=pl.Utf8(), eager=True).alias("_sheet"),
            numbers.alias("_row"), *self.series.values()]).filter(keep)
        if frame.height == 0:
            return empty_frame()
        # a field the dictionary does not know takes the type of its values: none, when empty
        unknown = [name for name in self.series if name not in dtypes
                   and frame[name].null_count() == frame.height]
        return frame.with_columns(pl.col(unknown).cast(pl.Null())) if unknown else frame


def _numbers_of(numbers: pl.Series, rows: set[int]) -> dict[int, int]:
    """Row -> the number it is reported by, for `rows` only."""
    at = sorted(rows)
    return dict(zip(at, numbers.gather(at).to_list(), strict=True)) if at else {}


def _names_in_label(frame: pl.DataFrame, plan: RowPlan, source: TableSource,
                    dictionary: FieldDictionary) -> frozenset[str]:
    """The names of the personal-name fields of the read that its file or sheet name holds
    (looked for only when it may hold one: `label_names`)."""
    label = label_of(source.display, source.sheet)
    if not may_hold_a_name(label, dictionary):
        return frozenset()
    names = names_in_frame(frame, [name for name, kind in plan.pii.items() if kind == "name"])
    return frozenset(name for name in names if name in label)
