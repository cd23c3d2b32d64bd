"""Residents' names in file and sheet names (`联户名册-陈佳.csv`, a sheet `陈佳`).

A file or sheet name is shown in every output (data issues, evidence, inputs), so a
resident's name in it would leak. How one is told from any other word: a name counts when
it is the value of a personal-name field (`pii: name` in the field dictionary: `resident`,
`applicant`) of a row of that very table, at least two characters long, and the file or
sheet name holds it. The reader only watches a table whose file and sheet names still hold
two or more CJK characters once the known table names (`联户名册`, `走访记录` …) are taken
out, so a table named after itself costs nothing. The audit and `inspect` then show every
such name masked (`陈佳 -> 陈*`) wherever a file or sheet name appears.

Not covered: a name that is in no name column of its own table (a roster's names are not
matched against another table's file name), the name of a file that is never read (an
unrecognised or unreadable file) and `validate`, which reads no exports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from cscaudit.ingest.dictionary import FieldDictionary
from cscaudit.ingest.model import Record

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
