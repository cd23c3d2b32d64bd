"""What `cscaudit inspect FILE` reports: how one export is read, as plain data.

For each table in the file (a CSV, or each recognised sheet of a workbook): the table, the
encoding, the header row, each column and the field it feeds, row counts, and the issues
(raw values already masked), and for a household column (户号, 住址) the spellings found with
the canonical address key of one example each. The table comes from `--table`, else the file or sheet name,
else the table whose headers best match the first rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cscaudit.config.yamlio.model import JsonObject
from cscaudit.errors import CscauditError, InputError
from cscaudit.i18n import Lang, Text, t
from cscaudit.ingest.columns import ColumnInfo, item_prefixes, known_headers
from cscaudit.ingest.dictionary import FieldDictionary
from cscaudit.ingest.discover import (
    CSV_SUFFIXES,
    NOTE_SHEETS,
    XLSX_SUFFIXES,
    TableSource,
    sheet_names,
)
from cscaudit.ingest.headers import header_score
from cscaudit.ingest.model import DataIssue
from cscaudit.ingest.pii import hide_names, scrub, scrub_message
from cscaudit.ingest.reader import HEAD_ROWS, MissingColumnsError, open_table
from cscaudit.ingest.spellings import Spellings
from cscaudit.input_files import require_regular_file


@dataclass
class TableReport:
    """The reading of one table, or why it could not be read (`error`)."""

    file: str
    sheet: str | None
    table: str | None
    encoding: str | None = None
    header_row: int | None = None
    columns: tuple[ColumnInfo, ...] = ()
    rows_read: int = 0
    rows_parsed: int = 0
    rows_skipped: dict[str, int] = field(default_factory=dict)
    issues: list[DataIssue] = field(default_factory=list)
    issue_counts: dict[str, int] = field(default_factory=dict)
    error: Text | None = None
    spellings: dict[str, tuple[tuple[str, str | None], ...]] = field(default_factory=dict)

    @property
    def usable(self) -> bool:
        return self.error is None

    def to_json(self, lang: Lang, limit: int | None) -> JsonObject:
        shown = self.issues if limit is None else self.issues[:limit]
        return {
            "file": self.file,
            "sheet": self.sheet,
            "table": self.table,
            "encoding": self.encoding,
            "header_row": self.header_row,
            "columns": [{"header": c.header, "column": c.letter, "field": c.field}
                        for c in self.columns],
            "unmapped": [c.header for c in self.columns if c.field is None and c.header],
            "rows_read": self.rows_read,
            "rows_parsed": self.rows_parsed,
            "rows_skipped": sum(self.rows_skipped.values()),
            "rows_skipped_by_reason": dict(sorted(self.rows_skipped.items())),
            "issue_counts": dict(sorted(self.issue_counts.items())),
            "issues_total": len(self.issues),
            "issues": [{"row": i.row, "column": i.column, "header": i.header, "field": i.field,
                        "raw": i.raw, "code": i.code, "severity": i.severity,
                        "message": i.message(lang)} for i in shown],
            "error": self.error(lang) if self.error else None,
            "household_spellings": {name: [{"example": ex, "key": key} for ex, key in found]
                                    for name, found in sorted(self.spellings.items())},
        }


def guess_table(path: Path, sheet: str | None, dictionary: FieldDictionary) -> str | None:
    """The table whose headers best match the first rows of a file or sheet."""
    rows = _head_rows(path, sheet)
    best: tuple[int, str] | None = None
    for name, spec in dictionary.tables.items():
        known = known_headers(spec, {})
        score = max((header_score(r, known, item_prefixes(spec)) for r in rows), default=0)
        if score and (best is None or score > best[0]):
            best = (score, name)
    return best[1] if best else None


def _head_rows(path: Path, sheet: str | None) -> list[list[Any]]:
    if path.suffix.lower() in CSV_SUFFIXES:
        from cscaudit.ingest.csv_rows import csv_format, open_csv

        fh, reader = open_csv(path, csv_format(path))
        with fh:
            return [row for _, row in zip(range(HEAD_ROWS), reader, strict=False)]
    from cscaudit.ingest.xlsx_rows import iter_sheet_rows, open_workbook

    wb = open_workbook(path)
    try:
        name = sheet or (wb.sheets[0] if wb.sheets else None)
        if name is None:
            return []
        _, _, rows = iter_sheet_rows(wb, name)
        return [row for _, row in zip(range(HEAD_ROWS), rows, strict=False)]
    finally:
        wb.book.close()


def _masked_columns(columns: tuple[ColumnInfo, ...]) -> tuple[ColumnInfo, ...]:
    """Headers as shown: an ID or phone number typed into a header row is masked."""
    return tuple(replace(c, header=scrub(c.header)) for c in columns)


def _label(name: str, names: set[str]) -> str:
    """A file or sheet name as shown: ID and phone numbers and residents' `names` masked."""
    return scrub(hide_names(name, names))


def _masked_issue(issue: DataIssue, names: set[str]) -> DataIssue:
    """An issue as shown: header and message scrubbed (raw values are masked already), a
    resident's name in the file or sheet name masked."""
    return replace(issue, file=_label(issue.file, names),
                   sheet=_label(issue.sheet, names) if issue.sheet else issue.sheet,
                   header=scrub(issue.header) if issue.header else issue.header,
                   message=scrub_message(issue.message))


HOUSEHOLD_FIELDS = ("household_id", "address")  # columns that name a household
SPELLINGS_SHOWN = 5


def _keyed(found: Spellings, dictionary: FieldDictionary) -> tuple[tuple[str, str | None], ...]:
    """One example per spelling, most common first, with its canonical address key (an ID
    or phone number typed into the column is masked, as everywhere)."""
    out = []
    for example in found.examples(SPELLINGS_SHOWN):
        key = dictionary.address.key(example)
        out.append((scrub(example), scrub(key.canonical) if key else None))
    return tuple(out)


def _read(source: TableSource, dictionary: FieldDictionary) -> TableReport:
    """The report of one table, with personal data masked as in every other output."""
    report = TableReport(_label(source.display, set()),
                         _label(source.sheet, set()) if source.sheet else None, source.table)
    try:
        with open_table(source, dictionary) as reader:
            report.encoding, report.header_row = reader.encoding, reader.header_row
            report.columns = _masked_columns(reader.columns)
            columns = [f for f in HOUSEHOLD_FIELDS if any(c.field == f for c in reader.columns)]
            seen = {f: Spellings(dictionary.address) for f in columns}
            for record in reader.records():
                for name in columns:
                    seen[name].add(record.values.get(name))
            report.spellings = {name: _keyed(found, dictionary) for name, found in seen.items()
                                if found.counts}
            names = reader.names_in_label
            report.file = _label(report.file, names)
            report.sheet = _label(report.sheet, names) if report.sheet else report.sheet
            report.rows_read = reader.stats.rows_read
            report.rows_parsed = reader.stats.rows_parsed
            report.rows_skipped = dict(reader.stats.rows_skipped)
            report.issues = [_masked_issue(i, names) for i in reader.issues]
            report.issue_counts = dict(reader.stats.issue_counts)
    except MissingColumnsError as exc:
        report.encoding, report.header_row = exc.encoding, exc.header_row
        report.columns = _masked_columns(exc.columns)
        report.error = scrub_message(exc.message)
    except CscauditError as exc:
        report.error = scrub_message(exc.message)
    return report


def inspect_file(path: Path, dictionary: FieldDictionary, table: str | None = None,
                 sheet: str | None = None) -> list[TableReport]:
    """One report per table in the file. Raises InputError when the file cannot be opened
    at all or its table cannot be told."""
    require_regular_file(path)
    if not path.is_file():
        raise InputError(t("文件不存在", "file not found"), file=str(path))
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES | XLSX_SUFFIXES:
        raise InputError(t("只能检查 .csv、.tsv、.xlsx、.xlsm、.xls 文件",
                           "only .csv, .tsv, .xlsx, .xlsm and .xls files can be inspected"),
                         file=str(path))
    if table is not None and table not in dictionary.tables:
        raise InputError(t(f"未知的表 {table!r}，可用：{'、'.join(dictionary.tables)}",
                           f"unknown table {table!r}; known: {', '.join(dictionary.tables)}"))
    sheets: list[str | None] = [None]
    if suffix in XLSX_SUFFIXES:
        visible, _ = sheet_names(path)
        sheets = [sheet] if sheet else [s for s in visible if s.casefold() not in NOTE_SHEETS]
    reports = []
    for name in sheets:
        chosen = (table or dictionary.table_for_name(name or path.stem)
                  or (dictionary.table_for_name(path.stem) if len(sheets) == 1 else None)
                  or guess_table(path, name, dictionary))
        if chosen is None:
            reports.append(TableReport(_label(path.name, set()), name and _label(name, set()), None, error=t(
                "无法判断是哪张表：请用 --table 指定（如 --table visits）",
                "cannot tell which table this is: name it with --table (e.g. --table visits)")))
            continue
        reports.append(_read(TableSource(chosen, path, sheet=name, shown=path.name), dictionary))
    if len(reports) > 1 and any(r.table for r in reports):
        # other sheets of a workbook (notes, lists) are not tables: leave them out
        reports = [r for r in reports if r.table is not None]
    return reports
