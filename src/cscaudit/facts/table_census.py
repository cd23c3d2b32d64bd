"""What the exports held, table by table: records read, and the years of their dates.

The engine counts every table it read as a frame into one `TableCensus` (`census_of`:
memory grows with tables and years, not records). It answers two questions the completeness check asks: was a table
empty, and does the audit year hold any record at all (`year_problem`: an audit of 2025 over
exports that all lie in 2024 is a mistaken `--year`, not a center that did nothing).

A table's dating field is its first required date or datetime field in the field dictionary
(`visited_on` for visits, `received_at` for the ledger); roster and staff have none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cscaudit.errors import InputError
from cscaudit.i18n import Text, t
from cscaudit.ingest.dictionary import TableSpec

if TYPE_CHECKING:  # the record census never needs polars
    import polars as pl


def dating_fields(tables: Mapping[str, TableSpec]) -> dict[str, str]:
    """Table -> its dating field, for the tables of a field dictionary that have one."""
    out: dict[str, str] = {}
    for name, spec in tables.items():
        found = next((f for f, s in spec.fields.items()
                      if s.required and s.type in ("date", "datetime")), None)
        if found is not None:
            out[name] = found
    return out


@dataclass
class TableCensus:
    """Records per table, and per year of the table's dating field."""

    dating: Mapping[str, str]
    records: Counter[str] = field(default_factory=Counter)
    years: dict[str, Counter[int]] = field(default_factory=dict)

    def in_year(self, table: str, year: int) -> int | None:
        """Records of `table` dated in `year`; None when the table carries no dates."""
        counts = self.years.get(table)
        return None if counts is None else counts.get(year, 0)

    def year_problem(self, year: int, *, from_option: bool) -> InputError | None:
        """An error when the exports hold dated records and none of them is in `year`."""
        seen: Counter[int] = Counter()
        for counts in self.years.values():
            seen.update(counts)
        if not seen or seen.get(year, 0) > 0:
            return None
        best = max(sorted(seen), key=lambda y: seen[y])
        return InputError(_year_message(year, sorted(seen), best, from_option))


def census_of(frames: Mapping[str, pl.DataFrame], dating: Mapping[str, str]) -> TableCensus:
    """The census of tables read as frames (`engine.frame_tables`): each table's rows, and
    its rows per year of its dating field (the record-at-a-time count it is held to:
    `tests/oracles/census.py`)."""
    census = TableCensus(dating)
    for table, frame in frames.items():
        if frame.height:
            census.records[table] += frame.height
        name = dating.get(table)
        if name is None or name not in frame.columns or not frame[name].dtype.is_temporal():
            continue
        dated = frame[name].drop_nulls()
        if dated.len():
            years = census.years.setdefault(table, Counter())
            for year, count in dated.dt.year().value_counts().iter_rows():
                years[int(year)] += int(count)
    return census


def _span(years: Iterable[int]) -> str:
    ordered = sorted(years)
    return str(ordered[0]) if len(ordered) == 1 else f"{ordered[0]}–{ordered[-1]}"


def _year_message(year: int, years: list[int], best: int, from_option: bool) -> Text:
    span = _span(years)
    where = t(f"导出记录均在 {span} 年", f"every exported record is dated {span}")
    if len(years) > 1:
        where = where + t(f"（最多的是 {best} 年）", f" (most in {best})")
    if from_option:
        ask = t(f"，考核年度 {year} 年没有记录：是否应为 --year {best}？",
                f"; the audit year {year} has none: did you mean --year {best}?")
    else:
        ask = t(f"，center.yaml 的考核年度 {year} 年没有记录：请改正 center.yaml 的 year，"
                f"或用 --year {best}",
                f"; the audit year {year} from center.yaml has none: correct year: in "
                f"center.yaml, or give --year {best}")
    return where + ask
