"""`open_table(source, dictionary)`: one table read as a stream of typed `Record`s.

The reader finds the header row below any title rows, maps columns to fields, then parses
row by row. Nothing is kept but bounded caches and the issues (capped per kind and column,
with the rest counted), so memory does not depend on the number of rows.

Accounting: every row below the header is counted in `stats.rows_read` and is either parsed
(yielded as a record) or skipped for a reason (`blank`, `total`, `repeated_header`, `note`,
`example`):
rows_read == rows_parsed + sum(rows_skipped.values()).

CSV: when no header row is found with the sniffed delimiter, the others seen in the first
lines are tried in turn. At the end of a CSV the reader reports each line with bytes that are
not in the file's encoding (read as U+FFFD) and raises an InputError when a quote opened
somewhere is never closed (the rest of the file would be one cell); both checks cost nothing
on a clean file with one line per row.

A table without a column for a required field is unusable: `open_table` raises
`MissingColumnsError` (an `InputError`) naming the headers that would have been accepted, so
the audit marks the indicators of that table as not measurable instead of scoring them on an
empty table.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from cscaudit.errors import InputError
from cscaudit.i18n import Text, t
from cscaudit.ingest.columns import ColumnInfo, HeaderMap, known_headers, map_header
from cscaudit.ingest.csv_rows import CsvFormat, UnclosedQuote, malformed
from cscaudit.ingest.dictionary import FieldDictionary
from cscaudit.ingest.discover import TableSource
from cscaudit.ingest.headers import best_header_row, cell_text
from cscaudit.ingest.label_names import label_of, may_hold_a_name, watch
from cscaudit.ingest.model import DataIssue, Record, SourceRef
from cscaudit.ingest.problems import Problem
from cscaudit.ingest.ragged import RowShape, row_shape
from cscaudit.ingest.row_checks import IssueSink, skip_reason
from cscaudit.ingest.row_plan import CellProblem, RowPlan, build_plan
from cscaudit.input_files import special_file_error, special_kind

HEAD_ROWS = 30
NO_ROWS = Problem("no-rows", t(
    "表中没有数据行：表头下面没有行，或只有空行、合计行、说明行或示例行",
    "the table has no data rows: nothing below the header, or only blank, total, note or "
    "example rows"), "warning")


class _NoHeaderError(InputError):
    """No header row in the first rows (with this delimiter)."""


class MissingColumnsError(InputError):
    """Required columns are absent. Carries what was found, for `inspect`."""

    def __init__(self, message: Text, *, file: str, header_row: int, columns: Sequence[ColumnInfo],
                 missing: Sequence[str], encoding: str | None) -> None:
        super().__init__(message, file=file, line=header_row)
        self.header_row = header_row
        self.columns = tuple(columns)
        self.missing = tuple(missing)
        self.encoding = encoding


@dataclass(frozen=True)
class Body:
    """What is left to read once the front end is done, for a reader of the body
    (`ingest.frame_reader`): the numbered rows below the header among the first rows, the
    rest of the rows, the csv reader numbering them (None for a workbook, whose rows are
    contiguous from `next_number`), the row plan, the header as text, the issue sink, and
    the text the csv reader reads, just after the first rows (None for a workbook, a
    UTF-16/32 file or a file with NUL bytes): a body reader may read the rest of the CSV
    from it instead of from `rest`; with it, the file when it is UTF-8, whose bytes after
    the first rows (`csv_body.bytes_after`) are that text when they are valid UTF-8."""

    head: list[tuple[int, list[Any]]]
    rest: Iterator[list[Any]]
    line_reader: Any
    next_number: int
    plan: RowPlan
    header: list[str]
    sink: IssueSink
    stream: IO[str] | None = None
    utf8: Path | None = None


@dataclass
class ReadStats:
    """Counts of one read; filled as rows go by."""

    rows_read: int = 0
    rows_parsed: int = 0
    rows_skipped: dict[str, int] = field(default_factory=dict)
    issue_counts: dict[str, int] = field(default_factory=dict)

    @property
    def skipped(self) -> int:
        return sum(self.rows_skipped.values())


class TableReader:
    """A context manager over one table source; see the module docstring."""

    def __init__(self, source: TableSource, dictionary: FieldDictionary, *,
                 whole: bool = False) -> None:
        self.source = source
        self._whole = whole
        self.table = source.table
        self.spec = dictionary.table(source.table)
        self.dictionary = dictionary
        self.issues: list[DataIssue] = []
        self.stats = ReadStats()
        self.encoding: str | None = None
        self.header_row = 0
        self.columns: tuple[ColumnInfo, ...] = ()
        self._closer: Any = None
        self._line_reader: Any = None
        self._stream: IO[str] | None = None
        self._utf8: Path | None = None
        self._head_rest: list[tuple[int, list[Any]]] = []
        self._rest: Iterator[list[Any]] = iter(())
        self._next_number = 1
        self._csv: CsvFormat | None = None
        self._replaced = 0  # csv_rows.replacements() when the file was opened
        self._head_count = 0  # rows the csv reader gave before the rest
        self._at_end = False
        self.names_in_label: set[str] = set()  # residents' names the file or sheet name holds
        self.shape: RowShape  # the header a record row is held to (`ragged`), set on opening
        self._sink = IssueSink(self.issues, self.stats.issue_counts, file=source.display,
                               sheet=source.sheet, table=source.table)
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    # -- opening -----------------------------------------------------------------------
    def _open(self) -> None:
        source = self.source
        kind = special_kind(source.path)
        if kind is not None:
            raise special_file_error(source.display, kind)
        if not source.path.is_file():
            raise InputError(t("文件不存在", "file not found"), file=source.display)
        unknown = sorted(set(source.columns.values()) - set(self.spec.fields))
        if unknown:
            raise InputError(t(f"exports.tables.{self.table}.columns 中的字段未知：{'、'.join(unknown)}",
                               f"unknown fields under exports.tables.{self.table}.columns: {', '.join(unknown)}"),
                             file=source.display)
        if source.is_csv:
            rows, head, header_index = self._open_csv()
            col_offset, date1904, text_source = 0, False, True
        else:
            from cscaudit.ingest.xlsx_rows import iter_sheet_rows, open_workbook

            wb = open_workbook(source.path)
            self._closer = wb.book.close
            sheet = source.sheet or (wb.sheets[0] if wb.sheets else None)
            if sheet is None or sheet not in (*wb.sheets, *wb.hidden):
                raise InputError(t(f"工作簿中没有工作表“{source.sheet}”", f"no sheet '{source.sheet}' in the workbook"),
                                 file=source.display)
            col_offset, first_number, rows = iter_sheet_rows(wb, sheet)
            date1904, text_source = wb.date1904, False
            head = self._head(rows, first_number)
            header_index = self._find_header(head)
        number, cells = head[header_index]
        mapping = map_header(cells, self.spec, source.columns, col_offset)
        self.header_row, self.columns = number, mapping.columns
        if mapping.missing:
            raise self._missing(mapping)
        for col, problem in mapping.problems:
            self._sink.add(problem, row=number, col=col, raw=col.header)
        self._plan = build_plan(mapping, self.spec, self.dictionary, date1904=date1904,
                                text_source=text_source)
        self.shape = row_shape(mapping.columns, offset=col_offset,
                               delimiter=self._csv.delimiter if self._csv else None)
        self._header_keys = [cell_text(c) for c in cells]
        self._head_rest = head[header_index + 1:]
        self._rest = rows

    def _open_csv(self) -> tuple[Iterator[list[Any]], list[tuple[int, list[Any]]], int]:
        """(rows, head, header index) with the sniffed delimiter, else the first other
        delimiter with which a header row is found; the first failure when none works."""
        from cscaudit.ingest.csv_rows import (
            csv_format,
            has_nul,
            is_utf8,
            nul_lines_blank,
            open_csv,
            replacements,
        )

        path = self.source.path
        fmt = csv_format(path, self.source.encoding, whole=self._whole)
        self.encoding = fmt.encoding_label
        first: _NoHeaderError | None = None
        for delimiter in (fmt.delimiter, *fmt.alternatives):
            tried = fmt if delimiter == fmt.delimiter else dataclasses.replace(fmt, delimiter=delimiter)
            self._replaced = replacements()
            fh, reader = open_csv(path, tried)
            self._closer, self._line_reader, self._csv = fh.close, reader, tried
            nul = has_nul(path)
            rows = nul_lines_blank(reader) if nul else reader
            self._stream = fh if tried.by_lines and not nul else None
            self._utf8 = path if self._stream and is_utf8(tried.encoding) else None
            head = self._head(rows, 1)
            try:
                header_index = self._find_header(head)
            except _NoHeaderError as exc:
                first = first or exc
                self.close()
                continue
            self._head_count = len(head)
            return chain(rows, self._mark_end()), head, header_index
        assert first is not None
        raise first

    def _mark_end(self) -> Iterator[list[Any]]:
        """Ends the CSV rows, noting that the file was read to its end."""
        self._at_end = True
        yield from ()

    def _head(self, rows: Iterator[list[Any]], first_number: int) -> list[tuple[int, list[Any]]]:
        """The first rows with their numbers (up to HEAD_ROWS, or to the given header row)."""
        head: list[tuple[int, list[Any]]] = []
        wanted = self.source.header_row
        line_reader = self._line_reader
        number, last = first_number - 1, 0
        try:
            for cells in rows:
                if line_reader is None:
                    number += 1
                else:
                    number, last = last + 1, line_reader.line_num
                head.append((number, cells))
                if (wanted is not None and number >= wanted) or (wanted is None and len(head) >= HEAD_ROWS):
                    break
        except (csv.Error, UnicodeDecodeError) as exc:
            raise malformed(self.source.display, last + 1, exc) from None
        self._next_number = number + 1
        if not head:
            raise InputError(t("表格是空的（没有任何行）：请重新导出", "the table is empty (no rows): export it again"),
                             file=self.source.display)
        return head

    def _find_header(self, head: list[tuple[int, list[Any]]]) -> int:
        wanted = self.source.header_row
        if wanted is not None:
            for i, (number, _) in enumerate(head):
                if number == wanted:
                    return i
            raise InputError(t(f"指定的表头行 {wanted} 不存在", f"header row {wanted} does not exist"),
                             file=self.source.display, line=wanted)
        known = known_headers(self.spec, self.source.columns)
        index, score = best_header_row([cells for _, cells in head], known)
        if score == 0:
            need = "；".join(f"{self.spec.fields[f].title.zh}（{'/'.join(self.spec.fields[f].headers[:4])}）"
                            for f in self.spec.required)
            need_en = "; ".join(f"{f} ({'/'.join(self.spec.fields[f].headers[:4])})" for f in self.spec.required)
            raise _NoHeaderError(t(f"前 {len(head)} 行中找不到 {self.spec.title.zh} 的表头行；需要的列：{need}",
                                   f"no header row of {self.spec.title.en} in the first {len(head)} rows; "
                                   f"columns needed: {need_en}"), file=self.source.display)
        return index

    def _missing(self, mapping: HeaderMap) -> MissingColumnsError:
        parts_zh, parts_en = [], []
        for name in mapping.missing:
            f = self.spec.fields[name]
            accepted = "、".join(f.headers + f.fallback_headers)
            parts_zh.append(f"{f.title.zh}（可用表头：{accepted}）")
            parts_en.append(f"{name} (accepted headers: {', '.join(f.headers + f.fallback_headers)})")
        message = t(f"缺少必需的列：{'；'.join(parts_zh)}。请补上该列，或在 center.yaml 的 exports.tables.{self.table}.columns 中指明对应的列",
                    f"required columns missing: {'; '.join(parts_en)}. Add the column, or map "
                    f"yours under exports.tables.{self.table}.columns in center.yaml")
        return MissingColumnsError(message, file=self.source.display, header_row=self.header_row,
                                   columns=mapping.columns, missing=mapping.missing,
                                   encoding=self.encoding)

    # -- reading -----------------------------------------------------------------------
    def body(self) -> Body:
        """The rows below the header, for a reader of its own (instead of `records`)."""
        return Body(self._head_rest, self._rest, self._line_reader, self._next_number,
                    self._plan, self._header_keys, self._sink, self._stream, self._utf8)

    def csv_end(self, seen: int, lines: int | None = None) -> None:
        """After a body reader read a CSV to its end (`seen`: rows after the first rows;
        `lines`: the lines of the file, when it read them from `Body.stream`): its open
        quote (raises) and bad bytes (issues), as `records` checks them."""
        if lines is not None:
            self._at_end = True
        if self._at_end:
            self._csv_end(seen, lines)

    def records(self) -> Iterator[Record]:
        """Parsed records, one at a time. Skipped rows and problems go to stats and issues;
        a resident's name the file or sheet name holds goes to `names_in_label`."""
        records = self._records()
        names = tuple(name for name, kind in self._plan.pii.items() if kind == "name")
        label = label_of(self.source.display, self.source.sheet)
        if names and may_hold_a_name(label, self.dictionary):
            return watch(records, names, label, self.names_in_label)
        return records

    def _records(self) -> Iterator[Record]:
        plan: RowPlan = self._plan
        ref = SourceRef(self.source.display, self.source.sheet)
        stats, sink, header, shape = self.stats, self._sink, self._header_keys, self.shape

        def on_problem(number: int, cells: list[Any], values: dict[str, Any],
                       problems: list[CellProblem]) -> bool:
            reason = skip_reason(values, problems, plan, header, cells)
            if reason is None:
                sink.row(number, plan, problems)
                return True
            stats.rows_skipped[reason] = stats.rows_skipped.get(reason, 0) + 1
            if reason == "note":
                sink.note(number, plan, problems)
            return False

        def on_uneven(number: int, cells: list[Any]) -> None:
            found = shape.problem(cells, len(cells))
            if found is not None:
                sink.beyond_header(found[1], row=number, letter=found[0])

        def count(seen: int) -> None:
            stats.rows_read += seen
            stats.rows_parsed = stats.rows_read - stats.skipped

        def on_end(seen: int) -> None:
            count(seen)
            if self._at_end:
                self._csv_end(seen)
            if stats.rows_parsed == 0:
                sink.add(NO_ROWS)
            sink.finish()

        table, head = self.table, self._head_rest
        if self._line_reader is None:  # workbook rows are contiguous
            rows = chain((cells for _, cells in head), self._rest)
            first = head[0][0] if head else self._next_number
            return plan.parse(rows, first, table, ref, on_problem=on_problem, on_end=on_end,
                              on_uneven=on_uneven)
        # CSV: the first rows were numbered already (one parse each, in case a quoted cell
        # spans lines); the rest are numbered by the csv reader as they come
        parts: list[Iterator[Record]] = [
            plan.parse([cells], number, table, ref, on_problem=on_problem, on_end=count,
                       on_uneven=on_uneven)
            for number, cells in head]
        parts.append(plan.parse(self._rest, self._line_reader, table, ref, on_problem=on_problem,
                                on_end=on_end, on_uneven=on_uneven))
        return chain.from_iterable(parts)

    def _csv_end(self, seen: int, lines: int | None = None) -> None:
        """The checks at the end of a CSV read to its end: an open quote (raises), bytes
        not in the encoding (issues). `seen`: rows after the head; `lines`: the lines of
        the file (by default, as the csv reader counted them)."""
        from cscaudit.ingest.csv_rows import has_nul, replacements, unclosed_quote

        fmt, path = self._csv, self.source.path
        assert fmt is not None
        if lines is None:
            lines = self._line_reader.line_num
        opened = unclosed_quote(path, fmt, lines=lines, multiline=self._head_count + seen < lines)
        if opened is not None:
            raise malformed(self.source.display, opened, UnclosedQuote(opened))
        if fmt.by_lines and (replacements() != self._replaced or has_nul(path)):
            self._report_bad_bytes(path, fmt)

    def _report_bad_bytes(self, path: Path, fmt: CsvFormat) -> None:
        from cscaudit.ingest.csv_rows import bad_bytes

        encoding = fmt.encoding.replace("-sig", "")
        listed, total = bad_bytes(path, fmt)
        for line, raw, index in listed:
            col = self.columns[index] if index is not None and index < len(self.columns) else None
            shown = " ".join(f"{b:02X}" for b in raw[:8]) + (" …" if len(raw) > 8 else "")
            self._sink.add(Problem("bad-bytes", t(
                f"有不属于 {encoding} 编码的字节（{shown}），已读作 �：请把文件重新导出为 UTF-8",
                f"bytes that are not valid {encoding} ({shown}) were read as �: export the "
                "file again as UTF-8") if raw.strip(b"\x00") else t(
                "这一行有空字符（NUL，00），文件可能已损坏：请核对这一行，或重新导出",
                "this line holds a NUL byte (00); the file may be damaged: check the line, "
                "or export the file again"), "warning"), row=line, col=col,
                field=col.field if col else None)
        if total > len(listed):
            more = total - len(listed)
            self._sink.add(Problem("bad-bytes", t(
                f"另有 {more} 行有不属于 {encoding} 编码的字节：文件很可能不是 {encoding} 编码，请重新导出为 UTF-8",
                f"{more} more lines hold bytes that are not valid {encoding}: the file is likely "
                f"not {encoding}-encoded; export it again as UTF-8"), "warning"))

    # -- context manager ---------------------------------------------------------------
    def close(self) -> None:
        if self._closer is not None:
            with contextlib.suppress(Exception):  # a workbook closed twice: nothing to do
                self._closer()
            self._closer = None

    def __enter__(self) -> TableReader:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_table(source: TableSource, dictionary: FieldDictionary, *,
               whole: bool = False) -> TableReader:
    """Open one table for reading; raises InputError when it is unusable. `whole`: the caller
    reads the whole table anyway (`frame_reader`), so a CSV decoded in full to decide its
    encoding is read from that text (`csv_format(whole=True)`)."""
    return TableReader(source, dictionary, whole=whole)
