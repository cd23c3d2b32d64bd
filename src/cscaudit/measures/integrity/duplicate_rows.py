"""duplicate_rows: the same row entered twice (every value identical).

Params:
- `tables`: tables looked at (default service_ledger and visits).
- `min_rows`: duplicate rows that make this check count towards the veto (default 3).

Checked: the rows. Defect: a row identical to an earlier one of the same export (file, or
sheet of a workbook); its evidence names the earlier row. Rows are compared on every
column that export had, an empty cell equal to an empty cell.
Example: row 88 repeats row 12 of the service ledger: 1 duplicate.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.frames import META, Tables
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import measurement, table_title
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Evidence, Measurement

ID = "duplicate_rows"
SUMMARY = t("同一行被重复录入（各项内容完全相同）。", "the same row entered twice (every value identical).")
TABLES: tuple[str, ...] = ("staff", "roster", "service_ledger", "visits", "activities", "incidents",
                           "drills", "surveys", "complaints")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "tables": {"type": "array", "items": {"enum": list(TABLES)}, "default": ["service_ledger", "visits"]},
        "min_rows": {"type": "integer", "minimum": 1, "default": 3},
    },
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return tuple(spec.params["tables"])


# From about 4,000 rows on, finding the candidates first costs less than comparing every row
# whole (measured on generated visits with the struct prefilter this replaced: 0.27 vs 0.55
# ms at 224 rows, even at 3,935, 2.6 vs 4.0 ms at 20,000 records; hashing the candidates'
# columns: 31,673 visits 4.5 -> 2.3 ms).
PREFILTER_ROWS = 5000


def _hashed_exactly(dtype: pl.DataType) -> bool:
    """Whether equal cells of `dtype` always hash alike in `hash_rows` (not so sure of
    floats, -0.0 and NaN, nor of nested and categorical columns: those are left out)."""
    return dtype.is_integer() or dtype in (pl.Utf8(), pl.Boolean(), pl.Date()) \
        or isinstance(dtype, pl.Datetime | pl.Duration | pl.Time)


def repeats(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of `frame` that repeat an earlier row of their own export, in frame order,
    with `_first`: the row number of the first of their kind. In a big frame with columns
    costly to compare (lists), the candidates are found first: the rows whose hash of the
    export and the columns that hash exactly (`_hashed_exactly`) repeats another's; a row
    equal to another on every column is among them, and only they are compared whole
    (`PREFILTER_ROWS`)."""
    values = [name for name in frame.columns if name not in META]
    if frame.height >= PREFILTER_ROWS:
        hashed = [name for name, dtype in frame.schema.items()
                  if name in values and _hashed_exactly(dtype)]
        if len(hashed) < len(values):
            frame = frame.filter(frame.select("_file", "_sheet", *hashed).hash_rows()
                                 .is_duplicated())
    first = pl.col("_row").first().over(["_file", "_sheet", *values]) if values \
        else pl.col("_row").first().over(["_file", "_sheet"])
    return (frame.select(*META, first.alias("_first"))
            .filter(pl.col("_first") != pl.col("_row")))


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    checked = 0
    dupes: dict[str, EvidenceCollector] = {}
    for table in dict.fromkeys(reads(spec)):
        frame = tables.frame(table)
        checked += frame.height
        found = repeats(frame)
        if found.height:
            evidence = dupes[table] = EvidenceCollector()
            for file, sheet, row, first in found.iter_rows():
                evidence.add_evidence(Evidence(file, sheet, row, f"= {first}"))
    findings = [
        spec.finding(t(f"{table_title(table).zh}有 {ev.total} 行与前面的行完全相同",
                       f"{ev.total} rows of the {table_title(table).en} repeat an "
                       "earlier row exactly"), evidence=ev)
        for table, ev in sorted(dupes.items())
    ]
    return measurement(checked, sum(ev.total for ev in dupes.values()), findings=findings)
