"""Mapping the header row of one table to canonical fields.

Order of precedence for each column: the user's `columns:` override in center.yaml, a primary
header of the dictionary, a question-item prefix (surveys), then fallback headers (`序号` is an
id only when no other id column exists). A second column for the same field, and columns the
dictionary does not know, are reported and ignored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cscaudit.i18n import t
from cscaudit.ingest.dictionary import TableSpec
from cscaudit.ingest.headers import cell_text, column_letter, normalize_header
from cscaudit.ingest.problems import Problem


@dataclass(frozen=True)
class ColumnInfo:
    """One column of the file: its header as written, its letter, and the field it feeds."""

    index: int  # 0-based position in the row as read
    letter: str  # Excel column letter as the user sees it
    header: str
    field: str | None


@dataclass(frozen=True)
class HeaderMap:
    columns: tuple[ColumnInfo, ...]
    problems: tuple[tuple[ColumnInfo, Problem], ...]
    missing: tuple[str, ...]  # required fields without a column


def known_headers(spec: TableSpec, overrides: Mapping[str, str]) -> dict[str, str]:
    """Normalised header -> field, overrides first."""
    index = {normalize_header(h): f for h, f in overrides.items()}
    for key, name in spec.header_index().items():
        index.setdefault(key, name)
    for field in spec.fields.values():
        for header in field.fallback_headers:
            index.setdefault(normalize_header(header), field.name)
    return index


def item_prefixes(spec: TableSpec) -> tuple[str, ...]:
    return tuple(normalize_header(p) for f in spec.fields.values() for p in f.header_prefixes)


def _item_field(spec: TableSpec) -> str | None:
    return next((f.name for f in spec.fields.values() if f.type == "items"), None)


def map_header(cells: Sequence[object], spec: TableSpec, overrides: Mapping[str, str],
               col_offset: int = 0) -> HeaderMap:
    override = {normalize_header(h): f for h, f in overrides.items()}
    primary = spec.header_index()
    fallback = {normalize_header(h): f.name for f in spec.fields.values()
                for h in f.fallback_headers}
    prefixes = item_prefixes(spec)
    items = _item_field(spec)
    chosen: dict[int, str] = {}
    taken: set[str] = set()
    problems: list[tuple[ColumnInfo, Problem]] = []
    keys = [normalize_header(cell_text(c)) for c in cells]

    def info(i: int, field: str | None) -> ColumnInfo:
        return ColumnInfo(i, column_letter(i + col_offset), cell_text(cells[i]), field)

    for i, key in enumerate(keys):
        field = override.get(key) or primary.get(key)
        if field is None and items and key and any(key.startswith(p) for p in prefixes):
            chosen[i] = items
            continue
        if field is None:
            continue
        if field in taken:
            problems.append((info(i, None), Problem("duplicate-column", t(
                f"与前面的列重复对应字段 {field}，此列已忽略",
                f"a second column for field {field}: this one is ignored"), "warning")))
            continue
        chosen[i] = field
        taken.add(field)
    for i, key in enumerate(keys):
        field = fallback.get(key)
        if i not in chosen and field is not None and field not in taken:
            chosen[i] = field
            taken.add(field)
    columns = tuple(info(i, chosen.get(i)) for i in range(len(cells)))
    for col in columns:
        if col.field is None and col.header and not any(c is col for c, _ in problems):
            problems.append((col, Problem("unknown-column", t(
                "字段字典中没有这一列，已忽略（如需使用，请在字段字典或 exports.tables.columns 中添加同义词）",
                "column not in the field dictionary, ignored (add a synonym in a field "
                "dictionary file or under exports.tables.columns to use it)"), "warning")))
    missing = tuple(f for f in spec.required if f not in taken)
    return HeaderMap(columns, tuple(problems), missing)


def accepted_headers(spec: TableSpec, field: str) -> tuple[str, ...]:
    f = spec.fields[field]
    return f.headers + f.fallback_headers
