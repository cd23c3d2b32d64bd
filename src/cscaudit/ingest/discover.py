"""Finding a center's tables: every CSV/XLSX under its exports folder, by file stem or sheet
name (English or Chinese), plus the explicit `exports.tables` map of center.yaml, which wins
over discovery for the tables it names.

Every file read lies inside the center folder, links followed (`confinement`): a file of the
map outside it is an error, a link in the exports folder that leads out of it is skipped with
an issue, unless center.yaml opts in with `exports.allow_outside: true`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from cscaudit.config.confinement import exports_may_be_outside, is_inside
from cscaudit.config.yamlio.model import YamlMapping
from cscaudit.errors import CscauditError, InputError
from cscaudit.i18n import t
from cscaudit.ingest.dictionary import FieldDictionary
from cscaudit.ingest.model import DataIssue
from cscaudit.input_files import require_regular_file, resolve_input

CSV_SUFFIXES = frozenset([".csv", ".tsv"])
XLSX_SUFFIXES = frozenset([".xlsx", ".xlsm", ".xls"])
# sheets that explain a workbook rather than hold a table (our templates write 填写说明)
NOTE_SHEETS = frozenset(["填写说明", "说明", "字段说明", "readme", "notes"])


@dataclass(frozen=True)
class TableSource:
    """One table to read: a CSV file, or one sheet of a workbook, with user overrides."""

    table: str
    path: Path
    sheet: str | None = None
    header_row: int | None = None  # 1-based, as the user sees it
    encoding: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)  # header as written -> field
    shown: str = ""  # the path as shown in messages (relative to the center folder)

    @property
    def is_csv(self) -> bool:
        return self.path.suffix.lower() in CSV_SUFFIXES

    @property
    def display(self) -> str:
        return self.shown or self.path.name


@dataclass(frozen=True)
class Discovery:
    sources: list[TableSource]
    issues: list[DataIssue]


OUTSIDE_MARK = "（中心外）"  # after the shown path of an export read from outside the center


def _shown(path: Path, root: Path, written: str | None = None) -> str:
    """How outputs name an export: its path in the center folder; for one read from outside
    (`exports.allow_outside`), the path as center.yaml writes it (`written`) or as the link
    inside the folder names it, relative, marked `OUTSIDE_MARK`: never a bare file name that
    hides where it is, never an absolute path that differs from machine to machine."""
    try:
        return resolve_input(path).relative_to(resolve_input(root)).as_posix()
    except ValueError:
        pass
    if written is not None and not PurePosixPath(written.replace("\\", "/")).is_absolute() \
            and not PureWindowsPath(written).is_absolute():
        where = written.replace("\\", "/")
    elif path.is_relative_to(root):  # a link found in the exports folder
        where = path.relative_to(root).as_posix()
    else:
        try:
            where = Path(os.path.relpath(path, resolve_input(root))).as_posix()
        except ValueError:  # another drive (Windows): no relative path exists
            where = path.name
    return where + OUTSIDE_MARK


def _issue(file: str, sheet: str | None, code: str, zh: str, en: str, table: str | None = None,
           severity: str = "warning") -> DataIssue:
    return DataIssue(file=file, sheet=sheet, row=None, column=None, header=None, field=None,
                     raw=None, message=t(zh, en), code=code, severity=severity, table=table)


def sheet_names(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(visible sheets, hidden sheets) of a workbook; InputError when it cannot be opened."""
    from cscaudit.ingest.xlsx_rows import open_workbook

    wb = open_workbook(path)
    try:
        return wb.sheets, wb.hidden
    finally:
        wb.book.close()


def sources_in_file(path: Path, shown: str, dictionary: FieldDictionary,
                    issues: list[DataIssue], only: str | None = None) -> list[TableSource]:
    """The tables one file holds (a CSV: one; a workbook: its recognised sheets)."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        table = only or dictionary.table_for_name(path.stem)
        if table is None:
            issues.append(_issue(shown, None, "unrecognised-file",
                                 "无法从文件名判断是哪张表，已忽略：请按表名命名（如 走访记录.csv）或在 center.yaml 的 exports.tables 中指定",
                                 "cannot tell which table this file is from its name, ignored: name it "
                                 "after the table (e.g. visits.csv) or map it under exports.tables"))
            return []
        return [TableSource(table, path, shown=shown)]
    visible, hidden = sheet_names(path)
    found: list[TableSource] = []
    visible = tuple(s for s in visible if s.strip().casefold() not in NOTE_SHEETS)
    hidden = tuple(s for s in hidden if not s.startswith("_"))
    for sheet in visible:
        table = dictionary.table_for_name(sheet)
        if table is None and len(visible) == 1:
            table = dictionary.table_for_name(path.stem)
        if only is not None and table is None and len(visible) == 1:
            table = only
        if table is None:
            issues.append(_issue(shown, sheet, "unrecognised-sheet",
                                 "无法从工作表名判断是哪张表，已忽略：请把工作表改名为表名（如 走访记录）",
                                 "cannot tell which table this sheet is from its name, ignored: "
                                 "rename the sheet after the table (e.g. visits)"))
        elif only is None or table == only:
            found.append(TableSource(table, path, sheet=sheet, shown=shown))
    issues.extend(_issue(shown, sheet, "hidden-sheet", "隐藏的工作表未读取", "hidden sheet not read")
                  for sheet in hidden)
    return found


def _explicit(root: Path, table: str, raw: Any, dictionary: FieldDictionary, *,
              allow_outside: bool) -> TableSource:
    if not isinstance(raw, Mapping):
        raise InputError(t(f"exports.tables.{table} 应为映射（file、sheet、header_row ...）",
                           f"exports.tables.{table} must be a mapping (file, sheet, header_row ...)"))
    file = raw.get("file")
    if table not in dictionary.tables:
        raise InputError(t(f"exports.tables 中的表名 {table!r} 未知，可用：{'、'.join(dictionary.tables)}",
                           f"unknown table {table!r} under exports.tables; known: {', '.join(dictionary.tables)}"))
    if not isinstance(file, str) or not file:
        raise InputError(t(f"exports.tables.{table} 缺少 file", f"exports.tables.{table} needs a file"))
    path = resolve_input(root / file)
    if not allow_outside and not is_inside(root, path):
        raise InputError(t(f"exports.tables.{table} 指定的文件在服务中心文件夹之外：{file}；请把它放到"
                           "中心文件夹内，或在 center.yaml 中设置 exports.allow_outside: true",
                           f"the file named in exports.tables.{table} is outside the center "
                           f"folder: {file}; move it inside, or set exports.allow_outside: true "
                           "in center.yaml"))
    require_regular_file(path)
    if not path.is_file():
        raise InputError(t(f"exports.tables.{table} 指定的文件不存在：{file}",
                           f"the file named in exports.tables.{table} does not exist: {file}"))
    columns = {str(k): str(v) for k, v in (raw.get("columns") or {}).items()}
    header_row = raw.get("header_row")
    return TableSource(table, path, sheet=raw.get("sheet"),
                       header_row=header_row if isinstance(header_row, int) else None,
                       encoding=raw.get("encoding"), columns=columns, shown=_shown(path, root, file))


def _skip_special(path: Path, root: Path, issues: list[DataIssue], table: str | None) -> None:
    """A FIFO, device or socket named like an export is never opened, and a symbolic link
    that loops is not followed: a warning names it, and the table its name stands for (a
    folder named like one is left alone)."""
    try:
        require_regular_file(path)
    except InputError as exc:
        issues.append(DataIssue(file=path.relative_to(root).as_posix(), sheet=None, row=None,
                                column=None, header=None, field=None, raw=None,
                                message=exc.message, code="not-a-file", severity="warning",
                                table=table))


def discover_tables(center_root: Path, exports: YamlMapping | None,
                    dictionary: FieldDictionary | None = None) -> Discovery:
    """Every table source of a center. Raises InputError only for a broken explicit map;
    unreadable or unrecognised files become issues."""
    from cscaudit.ingest.dictionary import load_dictionary

    dictionary = dictionary or load_dictionary()
    allow_outside = exports_may_be_outside(exports)
    exports = exports or {}
    root = Path(center_root)
    issues: list[DataIssue] = []
    explicit = [_explicit(root, str(name), raw if raw is not None else {}, dictionary,
                          allow_outside=allow_outside)
                for name, raw in (exports.get("tables") or {}).items()]
    taken = {(s.path, s.sheet) for s in explicit} | {(s.path, None) for s in explicit}
    written = str(exports.get("dir") or "exports")
    folder = root / written
    sources = list(explicit)
    files = sorted(folder.rglob("*")) if folder.is_dir() else []
    for path in files:
        suffix = path.suffix.lower()
        if path.name.startswith(("~$", ".")) or suffix not in CSV_SUFFIXES | XLSX_SUFFIXES:
            continue
        if not path.is_file():
            _skip_special(path, root, issues, dictionary.table_for_name(path.stem))
            continue
        if (resolve_input(path), None) in taken and suffix in CSV_SUFFIXES:
            continue
        shown = _shown(path, root)
        if not allow_outside and not is_inside(root, path):
            link = PurePosixPath(written.replace("\\", "/"), path.relative_to(folder).as_posix())
            issues.append(_issue(link.as_posix(), None, "outside-center",
                                 "此文件（或其所在文件夹）是指向服务中心文件夹之外的链接，未读取：请把文件复制到"
                                 "中心文件夹内，或在 center.yaml 中设置 exports.allow_outside: true",
                                 "this file (or its folder) links outside the center folder and "
                                 "was not read: copy the file into the center folder, or set "
                                 "exports.allow_outside: true in center.yaml",
                                 table=dictionary.table_for_name(path.stem)))
            continue
        try:
            found = sources_in_file(path, shown, dictionary, issues)
        except CscauditError as exc:
            named = dictionary.table_for_name(path.stem)
            if named is None:
                issues.append(DataIssue(file=shown, sheet=None, row=None, column=None, header=None,
                                        field=None, raw=None, message=exc.message,
                                        code="unusable-file", severity="error"))
                continue
            # a damaged workbook named after its table stays that table's source: reading it
            # says what is wrong, and its indicators are "unreadable", not "no export found"
            found = [TableSource(named, path, shown=shown)]
        explicit_tables = {s.table for s in explicit}
        sources.extend(s for s in found if s.table not in explicit_tables
                       and (resolve_input(s.path), s.sheet) not in taken)
    by_table: dict[str, list[TableSource]] = {}
    for source in sources:
        by_table.setdefault(source.table, []).append(source)
    for table, group in sorted(by_table.items()):
        if len(group) > 1:
            where = "、".join(s.display + (f"[{s.sheet}]" if s.sheet else "") for s in group)
            issues.append(_issue(group[0].display, None, "several-sources",
                                 f"表 {table} 有多个来源，将合并读取：{where}。如非有意，请在 center.yaml 的 exports.tables 中指定一个",
                                 f"table {table} has several sources, read together: {where}. If that is "
                                 "not intended, name one under exports.tables in center.yaml",
                                 table=table))
    return Discovery(sources=sources, issues=issues)
