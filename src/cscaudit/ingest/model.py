"""What the readers hand to the rest of cscaudit: records and data issues.

A `Record` is one parsed row of one table. It is a NamedTuple on purpose: a reader creates
millions of them, and tuple construction is the cheapest immutable object Python has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple, TypeAlias

from cscaudit.errors import CscauditError
from cscaudit.i18n import Text

# One cell of an export, as read or as parsed (`Record` says which values a field takes):
# str, int, float, bool, date, datetime, a tuple of codes, or None. Readers and measures take
# whatever a column holds and test it: Any, named.
CellValue: TypeAlias = Any


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where records come from: one CSV file, or one sheet of one workbook."""

    file: str  # path as the user gave it (relative to the center folder where possible)
    sheet: str | None = None


class Record(NamedTuple):
    """One row of one table, its values parsed to canonical fields.

    `values` maps canonical field names (see the field dictionary) to parsed values:
    `datetime.date`, `datetime.datetime`, `int`, `float`, `bool`, `str` (text and enum codes),
    `tuple[str, ...]` (tags, as canonical tag codes), or None when the cell is empty or could
    not be read (the reader then also emitted a `DataIssue`).

    Conventions (standards/field-dictionary.yaml is the full list of fields and codes):
    - `group` (roster, visits) is a tuple of group codes, `()` when empty: a household can be
      in several groups (`独居老人、残疾人` -> `("elderly_alone", "disabled")`);
    - `content` (visits) is a tuple of content tag codes; `content_text` is the cell as
      written (stripped), for checks on text pasted across many visits;
    - `items` (surveys) is a tuple with one rating code (or None) per question column;
    - `date` fields are `datetime.date`; `datetime` fields (complaints and incidents times)
      are `datetime.datetime`, midnight when only a date was given;
    - enums are codes (`status: "completed"`, `rating: "dissatisfied"`), ids and names text.
    """

    table: str  # canonical table name: "visits", "roster", "service_ledger", ...
    source: SourceRef
    row: int  # 1-based row (XLSX) or line (CSV) number, exactly as the user sees it
    values: dict[str, CellValue]


@dataclass(frozen=True, slots=True)
class DataIssue:
    """Something in an export that could not be read as the contract says."""

    file: str
    sheet: str | None
    row: int | None  # None for file-level issues (encoding, missing column)
    column: str | None  # Excel column letter ("C"), also used for CSV columns
    header: str | None  # the header text as found in the file
    field: str | None  # canonical field, when known
    raw: str | None  # the raw cell text (already masked if the field is PII)
    message: Text
    code: str  # stable: "bad-date", "missing-column", "unknown-column", "bad-id-number",
    # "extra-cells", "short-row" (`ingest.ragged`), ...
    severity: str = "error"  # "error" (value lost) | "warning" (value kept, worth a look)
    table: str | None = None


def unusable_file(file: str, table: str, exc: CscauditError) -> DataIssue:
    """The issue listing an export that could not be read at all, and why."""
    return DataIssue(
        file=file, sheet=None, row=exc.line, column=None, header=None, field=None, raw=None,
        message=exc.message, code="unusable-file", severity="error", table=table,
    )
