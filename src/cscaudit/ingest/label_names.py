"""Residents' names in file and sheet names (`联户名册-陈佳.csv`, a sheet `陈佳`).

A file or sheet name is shown in every output (data issues, evidence, inputs), so a
resident's name in it would leak. How one is told from any other word: a name counts when
it is the value of a personal-name field (`pii: name` in the field dictionary: `resident`,
`applicant`) of a row of that very table, at least two characters long, and the file or
sheet name holds it. The reader only watches a table whose file and sheet names still hold
two or more CJK characters once the known table names (`联户名册`, `走访记录` …) are taken
out, so a table named after itself costs nothing. The audit and `inspect` then show every
such name masked (`陈佳 -> 陈*`) wherever a file or sheet name appears.

The audit also matches the roster's names (its personal-name fields, read first) against
the file and sheet names of every other export it names, read or not (`names_in_frame`,
`names_held`): `社工名册（户主韩晨）.csv` shows as `社工名册（户主韩*）.csv`.

Not covered: `inspect` of one file (it reads no roster; it masks ID and phone numbers in the
name, as every output does, and names of that table's own rows) and `validate`, which reads
no exports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

from cscaudit.ingest.dictionary import FieldDictionary
from cscaudit.ingest.model import Record

if TYPE_CHECKING:  # the record readers never need polars
    import polars as pl

MIN_NAME = 2
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def label_of(file: str, sheet: str | None) -> str:
    """The file and sheet name as shown, in one string to look names up in."""
    return file + ("\n" + sheet if sheet else "")


def may_hold_a_name(label: str, dictionary: FieldDictionary) -> bool:
    """Whether `label` keeps two or more CJK characters once table names are taken out."""
    rest = _plain(label)
    known = sorted({_plain(n) for table in dictionary.tables.values()
                    for n in (table.name, *table.names)} - {""}, key=len, reverse=True)
    for name in known:
        rest = rest.replace(name, "")
    return len(_CJK.findall(rest)) >= MIN_NAME


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def watch(records: Iterable[Record], fields: tuple[str, ...], label: str,
          found: set[str]) -> Iterator[Record]:
    """`records` unchanged; every name of `fields` that `label` holds is added to `found`."""
    for record in records:
        values = record.values
        for name in fields:
            value = values.get(name)
            if isinstance(value, str) and len(value) >= MIN_NAME and value in label:
                found.add(value)
        yield record


def name_fields(dictionary: FieldDictionary, table: str) -> tuple[str, ...]:
    """The personal-name fields (`pii: name`) of `table`."""
    spec = dictionary.tables.get(table)
    return tuple(n for n, f in spec.fields.items() if f.pii == "name") if spec else ()


def names_in_frame(frame: pl.DataFrame, fields: Iterable[str]) -> set[str]:
    """Every name of `fields` in a table read as a frame, at least `MIN_NAME` long (the
    record-at-a-time rule it is held to: `tests/oracles/label_names.py`)."""
    found: set[str] = set()
    for name in fields:
        if name in frame.columns:
            found.update(v for v in frame[name].drop_nulls().unique().to_list()
                         if isinstance(v, str) and len(v) >= MIN_NAME)
    return found


def names_held(labels: Iterable[str], names: Collection[str],
               dictionary: FieldDictionary) -> set[str]:
    """Which of `names` one of `labels` holds (only labels that `may_hold_a_name` are looked
    at: a table named after itself costs nothing)."""
    watched = [label for label in labels if may_hold_a_name(label, dictionary)]
    return {name for name in names for label in watched if name in label}
